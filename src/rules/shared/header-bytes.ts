/**
 * Node hands header values over as latin1 (one char per byte), so that is how the bytes are
 * recovered; a string with wider chars came from a caller in JavaScript and is UTF-8 text.
 */
export function headerBytes(value: string): Buffer {
  return Buffer.from(value, /[^\x00-\xff]/.test(value) ? 'utf8' : 'latin1');
}
