import type { OssRequest } from './request';

/**
 * The one encoding the parsed request is written back in (the gateway's upstream request line, the
 * PostObject forwarder): RFC 3986, every byte but the unreserved characters percent-encoded, so no
 * reader can take it two ways.
 */
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
