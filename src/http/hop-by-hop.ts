/**
 * Connection-level headers a proxy must not forward (RFC 9110 §7.6.1), plus the ones the gateway
 * writes itself (Host, and the framing: Content-Length and Transfer-Encoding come from the body
 * the gateway sends, not from the client).
 */
export const HOP_BY_HOP: ReadonlySet<string> = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'upgrade',
  'http2-settings',
  'expect',
  'host',
]);

/**
 * The end-to-end headers of a request. Names listed in the client's `Connection` header are NOT
 * removed: that would let a client strip its own Authorization (or any header a rule validated)
 * after validation, so the upstream would receive a request other than the one checked. Only the
 * fixed hop-by-hop set above goes.
 */
export function forwardableHeaders(
  headers: Readonly<Record<string, string | undefined>>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined || HOP_BY_HOP.has(name)) continue;
    out[name] = value;
  }
  return out;
}

// RFC 9110 §5.5 field-value: visible ASCII, SP, HTAB and obs-text bytes; nothing else.
const INVALID_FIELD_VALUE = /[^\t\x20-\x7e\x80-\xff]/;

/**
 * The first header whose value could not be written as the bytes that arrived: a control character
 * (CR, LF, NUL...) or a character above U+00FF, which Node writes as its low byte only.
 */
export function invalidHeaderValue(headers: Readonly<Record<string, string>>): string | undefined {
  for (const name in headers) {
    if (INVALID_FIELD_VALUE.test(headers[name]!)) return name;
  }
  return undefined;
}
