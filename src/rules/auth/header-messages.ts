/** The seed 002 messages for a malformed Authorization header, shared by the V1, V2 and V4 parsers. */
export const AUTH_INVALID = 'Authorization header is invalid.';
export const AUTH_ITEMS = 'Authorization header is invalid, bad num of Items in Authorization header.';
export const AUTH_MISSING = 'AccessKeyId or Signature is missing in Authorization header value.';
export const AUTH_EMPTY = 'Authorization header value is empty.';
export const AUTH_UNKNOWN = 'Unknown parameter in Authorization header.';
