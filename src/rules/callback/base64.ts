const ALPHABET = /^[A-Za-z0-9+/]*={0,2}$/;
const BLANKS = /[ \t]/g;

/**
 * Decodes standard base64, or returns undefined when the text is not base64.
 * Lenient where decoders differ (missing padding, spaces and tabs, non-zero
 * trailing bits) because a request OSS might accept must not be refused; strict
 * where none would decode (other characters, `=` inside, an impossible length).
 */
export function decodeBase64(text: string): Buffer | undefined {
  const compact = text.includes(' ') || text.includes('\t') ? text.replace(BLANKS, '') : text;
  if (!ALPHABET.test(compact)) return undefined;
  const padded = compact.endsWith('=');
  if (padded ? compact.length % 4 !== 0 : compact.length % 4 === 1) return undefined;
  return Buffer.from(compact, 'base64');
}
