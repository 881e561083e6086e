/** 5 GB as OSS counts it for a single request body: 5 × 1024³ bytes. */
export const MAX_SINGLE_UPLOAD_BYTES = 5 * 1024 ** 3;

const DIGITS = /^\d+$/;

/**
 * The declared body length: `undefined` when the header is absent, `null` when it is not a
 * non-negative integer. A repeated header arrives joined with ','; HTTP lets a recipient accept
 * the list when every member is the same valid value, so only that case yields a number.
 */
export function declaredContentLength(header: string | undefined): number | null | undefined {
  if (header === undefined) return undefined;
  if (!header.includes(',')) {
    const value = header.trim();
    return DIGITS.test(value) ? Number(value) : null;
  }
  const values = header.split(',').map((v) => v.trim());
  const first = values[0] ?? '';
  if (!DIGITS.test(first) || values.some((v) => v !== first)) return null;
  return Number(first);
}

/** True when the body is chunked: `chunked` is the last transfer coding. */
export function isChunked(header: string | undefined): boolean {
  if (header === undefined) return false;
  const comma = header.lastIndexOf(',');
  return (
    header
      .slice(comma + 1)
      .trim()
      .toLowerCase() === 'chunked'
  );
}
