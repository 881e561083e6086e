import { hasInvalidFieldValueChar } from '../../core/field-value';
import type { OssError } from '../../core/oss-error';
import { type CallbackHostClass, classifyCallbackHost, classifyWhatwgHost } from './callback-address';
import {
  CALLBACK_HOST_UNRESOLVABLE,
  CALLBACK_PRIVATE_ADDRESS,
  CALLBACK_URL_INVALID,
  CALLBACK_URL_TOO_MANY,
  callbackArgumentError,
} from './messages';

export const MAX_CALLBACK_URLS = 5;

const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//;
const PORT = /^[0-9]+$/;

export type ParsedCallbackUrl = { readonly host: string; readonly port: number | undefined };

/**
 * Splits one callback URL into host and port, or returns undefined when OSS
 * cannot use it. The scheme is optional (`121.101.166.30/test.php` is valid) but
 * only http and https are called; a port must be a number in 1-65535
 * (`example.com:test` is documented as invalid).
 */
export function parseCallbackUrl(url: string): ParsedCallbackUrl | undefined {
  let rest = url;
  const scheme = SCHEME.exec(rest);
  if (scheme) {
    const name = scheme[1]!.toLowerCase();
    if (name !== 'http' && name !== 'https') return undefined;
    rest = rest.slice(scheme[0].length);
  }
  const end = rest.search(/[/?#]/);
  let authority = end === -1 ? rest : rest.slice(0, end);
  const at = authority.lastIndexOf('@');
  if (at !== -1) authority = authority.slice(at + 1);

  let host: string;
  let port: string | undefined;
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close === -1) return undefined;
    host = authority.slice(1, close);
    const after = authority.slice(close + 1);
    if (after !== '' && !after.startsWith(':')) return undefined;
    port = after === '' ? undefined : after.slice(1);
  } else {
    const colon = authority.indexOf(':');
    if (colon !== authority.lastIndexOf(':')) {
      // A bare IPv6 literal has no room for a port; anything else with two colons is not a URL.
      host = authority;
      port = undefined;
      if (classifyCallbackHost(host) === 'unknown') return undefined;
    } else {
      host = colon === -1 ? authority : authority.slice(0, colon);
      port = colon === -1 ? undefined : authority.slice(colon + 1);
    }
  }
  if (host === '') return undefined;
  if (port === undefined) return { host, port: undefined };
  if (!PORT.test(port)) return undefined;
  const number = Number(port);
  return number >= 1 && number <= 65535 ? { host, port: number } : undefined;
}

/**
 * The host a WHATWG URL parser finds in the whole URL (`http://` added when there is no scheme).
 * It can differ from the host split off above: `http://127.0.0.1\@example.com/` is 127.0.0.1 to a
 * WHATWG parser (`\` ends the authority) and example.com to a parser that splits on `@`.
 */
function whatwgUrlHost(url: string): string | undefined {
  try {
    return new URL(SCHEME.test(url) ? url : `http://${url}`).hostname;
  } catch {
    return undefined;
  }
}

/** The strictest reading of a URL's target: either parser's host being non-public refuses it. */
function classifyTarget(url: string, target: ParsedCallbackUrl): CallbackHostClass {
  const split = classifyCallbackHost(target.host);
  if (split === 'forbidden') return split;
  const whatwg = whatwgUrlHost(url);
  if (whatwg !== undefined && whatwg !== '' && classifyWhatwgHost(whatwg) === 'forbidden') return 'forbidden';
  return split;
}

/**
 * Checks the `callbackUrl` string: no character that cannot go into a request line or a Host
 * header, up to five `;`-separated URLs, each usable and not aimed at a non-public address.
 * `argument` is the decoded callback, which OSS echoes as ArgumentValue for the format errors.
 */
export function callbackUrlError(callbackUrl: string, argument: string): OssError | undefined {
  // Before the split and trim below, which would drop a trailing CR LF unseen. OSS documents no
  // message for it; the URL is unusable, so it gets the invalid-URL answer.
  if (hasInvalidFieldValueChar(callbackUrl))
    return callbackArgumentError(CALLBACK_URL_INVALID, 'callback', argument, '0007-00000004');
  // Empty segments (`a;b;`) are skipped: OSS's own example of six URLs ends with `;`,
  // and counting a trailing separator as a URL would refuse five URLs written that way.
  const urls = callbackUrl
    .split(';')
    .map((url) => url.trim())
    .filter((url) => url !== '');
  if (urls.length === 0)
    return callbackArgumentError(CALLBACK_URL_INVALID, 'callback', argument, '0007-00000004');
  if (urls.length > MAX_CALLBACK_URLS) {
    return callbackArgumentError(CALLBACK_URL_TOO_MANY, 'callback', argument, '0007-00000005');
  }
  const parsed: Array<readonly [string, ParsedCallbackUrl]> = [];
  for (const url of urls) {
    const target = parseCallbackUrl(url);
    if (!target) return callbackArgumentError(CALLBACK_URL_INVALID, 'callback', argument, '0007-00000004');
    parsed.push([url, target]);
  }
  // Syntax is checked for every URL before any address, matching the EC numbering (04/05 before 07/08).
  for (const [url, target] of parsed) {
    const kind = classifyTarget(url, target);
    if (kind === 'forbidden')
      return callbackArgumentError(CALLBACK_PRIVATE_ADDRESS, 'callbackUrl', url, '0007-00000008');
    if (kind === 'unresolvable') {
      return callbackArgumentError(CALLBACK_HOST_UNRESOLVABLE, 'callbackUrl', url, '0007-00000007');
    }
  }
  return undefined;
}
