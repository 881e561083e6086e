// An independent V1/V4 verifier written with crypto-js, used only in tests to
// cross-check what the gateway signs with node:crypto.
import CryptoJS from 'crypto-js';

const V1_SUB_RESOURCES = new Set(
  (
    'acl,uploads,location,cors,logging,website,referer,lifecycle,delete,append,tagging,objectMeta,uploadId,partNumber,' +
    'security-token,position,img,style,styleName,replication,replicationProgress,replicationLocation,cname,bucketInfo,' +
    'comp,qos,live,status,vod,startTime,endTime,symlink,x-oss-process,response-content-type,x-oss-traffic-limit,' +
    'response-content-language,response-expires,response-cache-control,response-content-disposition,' +
    'response-content-encoding,restore,callback,callback-var,policy,stat,encryption,versions,versioning,versionId,' +
    'worm,wormId,wormExtend,inventory,inventoryId,continuation-token,resourceGroup,requestPayment'
  ).split(','),
);

export type OracleRequest = {
  method: string;
  bucket: string | undefined;
  key: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
};

function lower(headers: OracleRequest['headers']): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(headers))
    if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
  return out;
}

export function oracleV1StringToSign(req: OracleRequest, date?: string): string {
  const h = lower(req.headers);
  const ossHeaders = Object.keys(h)
    .filter((k) => k.startsWith('x-oss-'))
    .sort()
    .map((k) => `${k}:${h[k]!.trim()}\n`)
    .join('');
  let resource = req.bucket ? `/${req.bucket}/${req.key}` : '/';
  const sub = [...new Set(req.query.keys())].filter((k) => V1_SUB_RESOURCES.has(k)).sort();
  if (sub.length > 0)
    resource += `?${sub.map((k) => (req.query.get(k) === '' ? k : `${k}=${req.query.get(k)}`)).join('&')}`;
  const dateSlot = date ?? h['x-oss-date'] ?? h.date ?? '';
  return `${req.method}\n${h['content-md5'] ?? ''}\n${h['content-type'] ?? ''}\n${dateSlot}\n${ossHeaders}${resource}`;
}

export function oracleV1Signature(secret: string, stringToSign: string): string {
  return CryptoJS.HmacSHA1(stringToSign, secret).toString(CryptoJS.enc.Base64);
}

const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

function hmac256(key: CryptoJS.lib.WordArray | string, data: string) {
  return CryptoJS.HmacSHA256(data, key);
}

export function oracleV4Signature(
  secret: string,
  req: OracleRequest,
  additional: string[],
  day: string,
  region: string,
  timestamp: string,
): string {
  const h = lower(req.headers);
  const uri = enc(`/${req.bucket ? `${req.bucket}/` : ''}${req.key}`).replace(/%2F/g, '/');
  const query = [...req.query.entries()]
    .filter(([k]) => k !== 'x-oss-signature')
    .map(([k, v]) => [enc(k), v === '' ? null : enc(v)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([k, v]) => (v === null ? k : `${k}=${v}`))
    .join('&');
  const names = new Set(additional);
  for (const k of Object.keys(h))
    if (k === 'content-type' || k === 'content-md5' || k.startsWith('x-oss-')) names.add(k);
  const canonicalHeaders = [...names]
    .sort()
    .map((k) => `${k}:${(h[k] ?? '').trim()}\n`)
    .join('');
  const canonical = [
    req.method,
    uri,
    query,
    canonicalHeaders,
    additional.join(';'),
    h['x-oss-content-sha256'] ?? 'UNSIGNED-PAYLOAD',
  ].join('\n');
  const scope = `${day}/${region}/oss/aliyun_v4_request`;
  const stringToSign = [
    'OSS4-HMAC-SHA256',
    timestamp,
    scope,
    CryptoJS.SHA256(canonical).toString(CryptoJS.enc.Hex),
  ].join('\n');
  let key = hmac256(`aliyun_v4${secret}`, day);
  key = hmac256(key, region);
  key = hmac256(key, 'oss');
  key = hmac256(key, 'aliyun_v4_request');
  return hmac256(key, stringToSign).toString(CryptoJS.enc.Hex);
}

/**
 * Signature V2, written from its specification (the python SDK's "SignV2" page): HMAC-SHA256 in
 * base64 over VERB, Content-MD5, Content-Type, Date, the x-oss-* and additional headers
 * (`name:value`, sorted), the additional header names joined by ';', and the UriEncoded
 * `/bucket/key` followed by every query parameter, UriEncoded and sorted.
 */
export function oracleV2StringToSign(req: OracleRequest, additional: string[], date?: string): string {
  const h = lower(req.headers);
  const uriEncode = (text: string) =>
    [...Buffer.from(text, 'utf8')]
      .map((b) =>
        /[A-Za-z0-9_.~-]/.test(String.fromCharCode(b)) && b < 128
          ? String.fromCharCode(b)
          : `%${b.toString(16).toUpperCase().padStart(2, '0')}`,
      )
      .join('');
  const headers = Object.keys(h)
    .filter((k) => k.startsWith('x-oss-') || additional.includes(k))
    .sort()
    .map((k) => `${k}:${h[k]}\n`)
    .join('');
  const params = [...req.query.entries()]
    .filter(([k]) => k !== 'x-oss-signature')
    .map(([k, v]) => [uriEncode(k), uriEncode(v)] as const)
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([k, v]) => (v === '' ? k : `${k}=${v}`));
  const path = uriEncode(req.bucket ? `/${req.bucket}/${req.key}` : '/');
  const resource = params.length > 0 ? `${path}?${params.join('&')}` : path;
  return `${req.method}\n${h['content-md5'] ?? ''}\n${h['content-type'] ?? ''}\n${date ?? h.date ?? ''}\n${headers}${[...additional].sort().join(';')}\n${resource}`;
}

export function oracleV2Signature(secret: string, stringToSign: string): string {
  return CryptoJS.HmacSHA256(stringToSign, secret).toString(CryptoJS.enc.Base64);
}

/** Verifies an Authorization header; returns a problem description or null. */
export function oracleVerify(
  req: OracleRequest,
  credentials: { accessKeyId: string; accessKeySecret: string },
): string | null {
  const auth = lower(req.headers).authorization;
  if (!auth) return 'no Authorization header';
  if (auth.startsWith('OSS4-HMAC-SHA256 ')) {
    const m =
      /^OSS4-HMAC-SHA256 Credential=([^,]+),\s*(?:AdditionalHeaders=([^,]*),\s*)?Signature=([0-9a-f]{64})$/.exec(
        auth,
      );
    if (!m) return `unparsable V4 Authorization: ${auth}`;
    const [ak, day, region] = m[1]!.split('/');
    if (ak !== credentials.accessKeyId) return `credential names ${ak}`;
    const timestamp = lower(req.headers)['x-oss-date'] ?? '';
    const additional = m[2] ? m[2].split(';') : [];
    const want = oracleV4Signature(credentials.accessKeySecret, req, additional, day!, region!, timestamp);
    return want === m[3] ? null : 'V4 signature does not verify';
  }
  if (auth.startsWith('OSS ')) {
    const [ak, sig] = auth.slice(4).split(':');
    if (ak !== credentials.accessKeyId) return `V1 names ${ak}`;
    return oracleV1Signature(credentials.accessKeySecret, oracleV1StringToSign(req)) === sig
      ? null
      : 'V1 signature does not verify';
  }
  if (auth.startsWith('OSS2 ')) {
    const items = new Map(
      auth
        .slice(5)
        .split(',')
        .map((item) => [item.slice(0, item.indexOf(':')), item.slice(item.indexOf(':') + 1)] as const),
    );
    if (items.get('AccessKeyId') !== credentials.accessKeyId) return `V2 names ${items.get('AccessKeyId')}`;
    const additional = (items.get('AdditionalHeaders') ?? '').split(';').filter((n) => n !== '');
    const want = oracleV2Signature(credentials.accessKeySecret, oracleV2StringToSign(req, additional));
    return want === items.get('Signature') ? null : 'V2 signature does not verify';
  }
  return `unknown scheme: ${auth}`;
}
