/**
 * Names a persistent header may not take. OSS documents Host, Content-MD5, Origin and Range as
 * examples of "standard HTTP headers" without publishing the list. All four are request headers,
 * so the list is the request headers of RFC 7230-7235 plus those two: the request-only fields
 * (content negotiation, conditionals, credentials, request context) and the message-framing fields
 * that cannot be replayed on a response. Fields that also describe a stored object (Cache-Control,
 * Content-Type, Content-Disposition, Content-Encoding, Content-Language, Expires) and other
 * response-side fields are left out: nothing says OSS refuses them, and refusing a header OSS
 * accepts is the worse mistake.
 */
export const RESERVED_PERSISTENT_HEADERS: ReadonlySet<string> = new Set([
  // documented
  'host',
  'content-md5',
  'origin',
  'range',
  // RFC 7230: framing and connection management
  'connection',
  'content-length',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  // RFC 7231 §5: request-only fields
  'accept',
  'accept-charset',
  'accept-encoding',
  'accept-language',
  'expect',
  'from',
  'max-forwards',
  'referer',
  'user-agent',
  // RFC 7232 / 7233: conditionals
  'if-match',
  'if-modified-since',
  'if-none-match',
  'if-range',
  'if-unmodified-since',
  // RFC 7235: credentials
  'authorization',
  'proxy-authorization',
]);
