import { invalidArgument, type OssError, ossError } from '../core/oss-error';
import type { OssRequest } from '../core/request';

// RFC 3986 unreserved characters; every other byte of a key or query is percent-encoded.
const UNRESERVED = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~')
  UNRESERVED[c.charCodeAt(0)] = 1;
const HEX = '0123456789ABCDEF';

/** Percent-encodes bytes, keeping unreserved characters and, when asked, `/` as they are. */
function encodeBytes(bytes: Uint8Array, keepSlash: boolean): string {
  let out = '';
  for (const byte of bytes) {
    if ((byte < 128 && UNRESERVED[byte] === 1) || (keepSlash && byte === 0x2f))
      out += String.fromCharCode(byte);
    else out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return out;
}

/**
 * The key as a path: segments are joined by `/`; a segment that is `.` or `..` has its dots encoded
 * so that nothing between the gateway and OSS can read it as a dot segment.
 */
export function encodeKeyPath(keyBytes: Uint8Array): string {
  const path = encodeBytes(keyBytes, true);
  if (!path.includes('.')) return path;
  return path
    .split('/')
    .map((segment) => (segment === '.' ? '%2E' : segment === '..' ? '%2E%2E' : segment))
    .join('/');
}

export function encodeQuery(pairs: OssRequest['queryPairs']): string {
  return pairs
    .map(([name, value]) => {
      const encodedName = encodeBytes(Buffer.from(name, 'utf8'), false);
      return value === '' ? encodedName : `${encodedName}=${encodeBytes(Buffer.from(value, 'utf8'), false)}`;
    })
    .join('&');
}

// A bucket is the first label of the upstream Host: only what a DNS label can carry may go there.
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export type UpstreamTarget = { readonly host: string; readonly path: string };

/**
 * The upstream request line and Host, rebuilt from the parsed request only (never from the raw
 * path), virtual-hosted as OSS prefers: `bucket.<endpoint host>` and the canonically encoded key and
 * query. A request that cannot be written this way is refused here, whatever rules are enabled.
 */
export function upstreamTarget(upstream: URL, request: OssRequest): UpstreamTarget | OssError {
  const base = upstream.pathname.replace(/\/$/, '');
  const query = request.queryPairs.length === 0 ? '' : `?${encodeQuery(request.queryPairs)}`;
  if (request.bucket === undefined) {
    if (request.keyBytes !== undefined) return invalidArgument('Invalid Argument. Parameter is invalid.');
    return { host: upstream.host, path: `${base}/${query}` };
  }
  if (!HOST_LABEL.test(request.bucket))
    return ossError('InvalidBucketName', 'The specified bucket is not valid.');
  const key = request.keyBytes === undefined ? '' : encodeKeyPath(request.keyBytes);
  return { host: `${request.bucket}.${upstream.host}`, path: `${base}/${key}${query}` };
}
