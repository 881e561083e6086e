/**
 * Characters RFC 9110 §5.5 does not allow in a field value: every C0 control except HTAB, and
 * DEL. SP, HTAB, VCHAR and obs-text (0x80-0xFF, which is also every byte of a non-ASCII UTF-8
 * character) are allowed. CR, LF and NUL are the ones that split or end a header line.
 */
const NOT_FIELD_VALUE = /[\u0000-\u0008\u000A-\u001F\u007F]/;

/**
 * True when `text` cannot be written as an HTTP field value: used for every value that becomes
 * a header of the upstream request, of OSS's response, or of OSS's callback request.
 */
export function hasInvalidFieldValueChar(text: string): boolean {
  return NOT_FIELD_VALUE.test(text);
}
