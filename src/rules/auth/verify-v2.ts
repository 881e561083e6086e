import { createHmac } from 'node:crypto';
import type { OssRequest } from '../../core/request';
import { safeEqual } from '../../signing/constant-time';

/**
 * Signature V2 (`OSS2`): HMAC-SHA256, base64, over
 *   VERB \n Content-MD5 \n Content-Type \n Date \n
 *   x-oss-* and additional headers (`name:value\n`, sorted) AdditionalHeaders \n
 *   UriEncode(/bucket/key) [? every query parameter, UriEncoded, sorted].
 * Sources: the python SDK's SignV2 specification (wiki page "SignV2" of aliyun-oss-python-sdk) and
 * the EC pages of the V2 header (0002-00000105). Unlike V1, every query parameter is signed.
 */

const UNRESERVED = /[A-Za-z0-9_.~-]/;

/** RFC 3986 percent-encoding of every byte outside the unreserved set (the specification's UriEncode). */
function uriEncodeStrict(bytes: Buffer): string {
  let out = '';
  for (const byte of bytes) {
    const c = String.fromCharCode(byte);
    out += byte < 0x80 && UNRESERVED.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** encodeURIComponent's alphabet, which also leaves `!*'()` alone: what @alicloud/oss-util signs with. */
function uriEncodeLoose(bytes: Buffer): string {
  return uriEncodeStrict(bytes).replace(/%(21|2A|27|28|29)/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

type Encoder = (bytes: Buffer) => string;

function resource(
  request: OssRequest,
  encode: Encoder,
  query: ReadonlyArray<readonly [string, string]>,
): string {
  const path =
    request.bucket === undefined
      ? Buffer.from('/')
      : Buffer.concat([Buffer.from(`/${request.bucket}/`, 'utf8'), request.keyBytes ?? Buffer.alloc(0)]);
  const pairs = query
    .map(([name, value]) => [encode(Buffer.from(name, 'utf8')), encode(Buffer.from(value, 'utf8'))] as const)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([name, value]) => (value === '' ? name : `${name}=${value}`));
  return pairs.length === 0 ? encode(path) : `${encode(path)}?${pairs.join('&')}`;
}

function canonicalHeaders(request: OssRequest, additional: readonly string[]): string {
  const names = Object.keys(request.headers)
    .filter((name) => name.startsWith('x-oss-') || additional.includes(name))
    .sort();
  return names.map((name) => `${name}:${(request.headers[name] ?? '').trim()}\n`).join('');
}

export type V2Signed = {
  readonly additionalHeaders: readonly string[];
  /** The Date line: the Date header (or x-oss-date) for a header signature, x-oss-expires for a URL. */
  readonly dateLines: readonly string[];
  /** The query pairs that are signed (a URL's own x-oss-signature is not). */
  readonly query: ReadonlyArray<readonly [string, string]>;
};

/**
 * The strings to sign OSS may compute, most likely first. The specification is followed; the
 * variants are what SDKs in use actually send (encodeURIComponent's alphabet, the
 * AdditionalHeaders line in the listed rather than sorted order, x-oss-date in the Date line),
 * so that no request OSS would accept is refused here.
 */
export function v2Candidates(request: OssRequest, signed: V2Signed): string[] {
  const content = [
    request.method,
    request.headers['content-md5'] ?? '',
    request.headers['content-type'] ?? '',
  ];
  const headers = canonicalHeaders(request, signed.additionalHeaders);
  const lists = [[...signed.additionalHeaders].sort().join(';'), signed.additionalHeaders.join(';')];
  const out = new Set<string>();
  for (const encode of [uriEncodeStrict, uriEncodeLoose]) {
    const path = resource(request, encode, signed.query);
    for (const date of signed.dateLines) {
      for (const list of lists) out.add([...content, date, `${headers}${list}`, path].join('\n'));
    }
  }
  return [...out];
}

export function v2Signature(secret: string, stringToSign: string): string {
  return createHmac('sha256', secret).update(stringToSign, 'utf8').digest('base64');
}

/** Each comparison is constant-time; stopping at a match only reveals which public string matched. */
export function verifyV2(secret: string, candidates: readonly string[], provided: string): boolean {
  return candidates.some((stringToSign) => safeEqual(v2Signature(secret, stringToSign), provided));
}
