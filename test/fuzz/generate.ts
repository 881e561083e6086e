import { createHash } from 'node:crypto';
import type { Random } from './random';

/** One fuzzed request: the exact bytes a client writes, and what the invariants need to know of it. */
export type FuzzCase = {
  readonly id: number;
  readonly kind: string;
  /** Bytes written at once, or in pieces with a pause before each later piece (slow clients). */
  readonly pieces: ReadonlyArray<{ readonly delayMs: number; readonly bytes: Buffer }>;
  readonly method: string;
  /** The entity the client meant to send (de-chunked), to compare with what reached the upstream. */
  readonly payload: Buffer;
  /** A callback URL aimed at a non-public address: must never reach the upstream. */
  readonly privateCallback: boolean;
  /** The client stops before its framing is complete, or pauses past the gateway's deadlines. */
  readonly slow: boolean;
};

const BUCKETS = ['example-bucket', 'bucket-a1', 'Bad_Bucket', '', 'ab', 'x'.repeat(70), 'a.b', '-bucket'];
const KEYS = [
  'a.txt',
  'dir/sub/file.bin',
  '%E6%96%87%E4%BB%B6.txt',
  'sp%20ace',
  '',
  'k'.repeat(1100),
  '%C0%AF',
  '%5Cx',
  '.hidden',
  'a/./b',
  'a/../b',
  '..',
  '%2e%2e/x',
  'a%2Fb',
  'a+b',
  'a//b',
  '%00x',
  '%0D%0Ax',
  '%zz',
  'user-uploads/x.bin',
];
const VALID_KEYS = [
  'a.txt',
  'dir/sub/file.bin',
  '%E6%96%87%E4%BB%B6.txt',
  'sp%20ace',
  'a+b',
  'a//b',
  '.hidden',
  'user-uploads/x.bin',
];
const PUBLIC_CALLBACKS = [
  'http://example.com/cb',
  'https://1.example.com:8443/p',
  'http://8.8.8.8/x',
  'http://0x08080808/',
];
export const PRIVATE_CALLBACKS = [
  'http://127.0.0.1/cb',
  'http://0x7f000001/',
  'http://0x7f.0.0.1/',
  'http://0177.0.0.1/',
  'http://127.000.000.001/',
  'http://2130706433/',
  'http://127.1/',
  'http://0xa9fea9fe/latest/meta-data',
  'http://169.254.169.254/',
  'http://100.100.100.200/',
  'http://[::1]/',
  'http://[::ffff:127.0.0.1]/',
  'http://[::ffff:7f00:1]/',
  'http://localhost/',
  'http://foo.localhost/',
  'http://localhost.localdomain/',
  'http://ip6-localhost/',
  'http://metadata/',
  'http://metadata.google.internal/',
  'http://10.0.0.1/',
  'http://192.168.1.1/',
  'http://%31%32%37.0.0.1/',
  'http://127.0.0.1\\@example.com/',
];
const SUBRESOURCES = [
  'acl',
  'tagging',
  'uploads',
  'uploadId=0004B9894A22E5B1888A1E29F823',
  'partNumber=1',
  'partNumber=0',
  'append',
  'position=0',
  'position=-1',
  'x-oss-process=image%2Fresize%2Cw_100',
  `x-oss-process=image%2Fresize%2Cw_1%7Csys%2Fsaveas%2Co_${Buffer.from('private/out').toString('base64url')}`,
  'response-content-type=text%2Fplain',
  'response-content-disposition=a%0D%0Ab',
  'prefix=a',
  'prefix=%FF',
  'max-keys=1001',
  'delete',
  'symlink',
  'restore',
  'x-oss-traffic-limit=100',
  'versionId=null',
  '%zz=1',
  'a+b=c+d',
  'encoding-type=url',
  'cors',
  'lifecycle',
];
const b64 = (text: string) => Buffer.from(text).toString('base64');

function callbackValue(rng: Random): { value: string; private: boolean } {
  const isPrivate = rng.chance(0.5);
  const url = isPrivate ? rng.pick(PRIVATE_CALLBACKS) : rng.pick(PUBLIC_CALLBACKS);
  const extra = rng.chance(0.2) ? `;${rng.pick(PUBLIC_CALLBACKS)}` : '';
  // biome-ignore lint/suspicious/noTemplateCurlyInString: an OSS ${...} variable, not a template
  const json: Record<string, unknown> = { callbackUrl: `${url}${extra}`, callbackBody: 'bucket=${bucket}' };
  if (rng.chance(0.2)) json.callbackHost = rng.pick(['example.com', 'a\r\nb', 'localhost']);
  if (rng.chance(0.1)) json.callbackBodyType = rng.pick(['application/json', 'text/html', 'a\nb']);
  if (rng.chance(0.1)) return { value: 'not-base64!!', private: false };
  return { value: b64(JSON.stringify(json)), private: isPrivate };
}

type HeaderPick = (rng: Random, body: Buffer) => [name: string, value: Buffer | string] | undefined;
const HEADERS: HeaderPick[] = [
  (r) => ['content-type', r.pick(['text/plain', 'application/xml', 'multipart/form-data; boundary=xyz', ''])],
  (r, body) => [
    'content-md5',
    r.pick([createHash('md5').update(body).digest('base64'), 'garbage', '1B2M2Y8AsgTpgAmY7PhCfg==']),
  ],
  (r) => ['x-oss-hash-crc64ecma', r.pick(['0', 'abc', '123456789012345678901', '18446744073709551615'])],
  (r) => ['x-oss-meta-a', r.pick(['value', 'caf\u00e9', 'x'.repeat(9000)])],
  (r) => ['x-oss-tagging', r.pick(['a=b', 'a=b&a=c', '%ZZ', `${'k'.repeat(200)}=v`, 'a=b%0D%0A'])],
  (r) => ['x-oss-object-acl', r.pick(['private', 'public-read', 'bogus'])],
  (r) => ['x-oss-storage-class', r.pick(['Standard', 'IA', 'Bogus'])],
  (r) => ['x-oss-forbid-overwrite', r.pick(['true', 'maybe'])],
  (r) => ['x-oss-server-side-encryption', r.pick(['AES256', 'KMS', 'DES'])],
  (r) => ['x-oss-traffic-limit', r.pick(['819200', '1', 'x'])],
  (r) => [
    'x-oss-persistent-headers',
    r.pick([`a:${b64('x\r\ny')}`, `a:${b64('x\u0000')}`, `a:${b64('ok')}`, 'bad']),
  ],
  () => [
    'content-disposition',
    Buffer.from([0x78, 0xc4, 0x8d, 0xc4, 0x8a, 0x58, 0x2d, 0x49, 0x3a, 0x20, 0x31]),
  ],
  (r) => ['content-disposition', r.pick(['attachment; filename="a.txt"', 'inline'])],
  (r) => [
    'x-oss-copy-source',
    r.pick(['/example-bucket/a.txt', '/other-bucket/private/x', 'nope', '/example-bucket/%00']),
  ],
  (r) => ['x-oss-symlink-target', r.pick(['a.txt', '%00', 'private/secret'])],
  (r) => [
    'authorization',
    r.pick([
      'Bearer some-token',
      'OSS LTAI5tFuzzKey:c2ln',
      'OSS4-HMAC-SHA256 Credential=x',
      'Basic YTpi',
      'OSS ',
    ]),
  ],
  (r) => [
    'connection',
    r.pick(['close', 'keep-alive', 'authorization', 'x-fuzz-id', 'upgrade', 'content-length, te']),
  ],
  (r) => ['upgrade', r.pick(['h2c', 'websocket'])],
  (r) => ['expect', r.pick(['100-continue', 'foo'])],
  (r) => ['date', r.pick([new Date().toUTCString(), 'yesterday'])],
  (r) => ['x-oss-date', r.pick(['20200101T000000Z', 'x'])],
  (r) => ['range', r.pick(['bytes=0-1', 'bytes=x'])],
  (r) => ['if-match', r.pick(['"abc"', '*'])],
  (r) => ['if-modified-since', new Date(r.int(2e12)).toUTCString()],
  (r) => ['x-oss-security-token', r.pick(['tok', ''])],
  (r) => [
    `x-${r.bytes(4).toString('hex')}`,
    r
      .bytes(8)
      .toString('latin1')
      .replace(/[\r\n\0]/g, '.'),
  ],
  (r) => ['te', r.pick(['trailers', 'gzip'])],
  (_r) => ['keep-alive', 'timeout=5'],
  (_r) => ['proxy-authorization', 'Basic eDp5'],
];

const TE = [
  'chunked',
  'CHUNKED',
  'gzip, chunked',
  'identity, chunked',
  'chunked, gzip',
  'chunked\t',
  ' chunked',
];

function chunked(rng: Random, payload: Buffer, malformed: boolean): Buffer {
  const parts: Buffer[] = [];
  let offset = 0;
  while (offset < payload.length) {
    const size = Math.min(payload.length - offset, 1 + rng.int(700));
    const ext = rng.chance(0.1) ? ';ext=1' : '';
    parts.push(
      Buffer.from(`${size.toString(16)}${ext}\r\n`),
      payload.subarray(offset, offset + size),
      Buffer.from('\r\n'),
    );
    offset += size;
  }
  if (malformed)
    parts.splice(
      rng.int(parts.length + 1),
      0,
      Buffer.from(rng.pick(['zz\r\n', '5\r\nab\r\n', '\r\n', '-1\r\n'])),
    );
  parts.push(Buffer.from(rng.chance(0.05) ? '0\r\nX-Trailer: 1\r\n\r\n' : '0\r\n\r\n'));
  return Buffer.concat(parts);
}

function multipartForm(rng: Random): { contentType: string; payload: Buffer; privateCallback: boolean } {
  const boundary = rng.chance(0.9) ? `----fuzz${rng.bytes(6).toString('hex')}` : 'a';
  const fields: Array<[string, string]> = [];
  let privateCallback = false;
  if (rng.chance(0.9))
    // biome-ignore lint/suspicious/noTemplateCurlyInString: an OSS ${...} variable, not a template
    fields.push(['key', rng.pick(['a.txt', 'dir/${filename}', '', 'k'.repeat(1100), '/x'])]);
  if (rng.chance(0.5)) {
    const policy = {
      expiration: new Date(Date.now() + 3600_000).toISOString(),
      conditions: [['content-length-range', 0, 1000]],
    };
    fields.push(['policy', rng.chance(0.8) ? b64(JSON.stringify(policy)) : 'not-json']);
    fields.push(['OSSAccessKeyId', rng.pick(['LTAI5tTestGatewayKey', 'LTAI5tUnknownKey01'])]);
    fields.push(['Signature', rng.pick(['c2lnbmF0dXJl', ''])]);
  }
  if (rng.chance(0.3))
    fields.push(['x-oss-meta-note', rng.pick(['fine', 'a\r\nX-Injected: 1', 'tab\there'])]);
  if (rng.chance(0.2)) fields.push(['Content-Disposition', rng.pick(['attachment', 'a\r\nb'])]);
  if (rng.chance(0.2)) {
    const callback = callbackValue(rng);
    privateCallback = callback.private;
    fields.push(['callback', callback.value]);
  }
  if (rng.chance(0.1)) fields.push(['success_action_status', rng.pick(['200', '201', '204', '999'])]);
  const parts: Buffer[] = [];
  for (const [name, value] of fields) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
  }
  if (rng.chance(0.9)) {
    parts.push(
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="f.bin"\r\n\r\n`),
    );
    parts.push(rng.bytes(rng.int(3000)), Buffer.from('\r\n'));
  }
  if (rng.chance(0.1))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="late"\r\n\r\nx\r\n`));
  if (rng.chance(0.9)) parts.push(Buffer.from(`--${boundary}--\r\n`));
  const payload = Buffer.concat(parts);
  const declared = rng.chance(0.9) ? boundary : 'other';
  return { contentType: `multipart/form-data; boundary=${declared}`, payload, privateCallback };
}

function xmlBody(rng: Random): Buffer {
  return Buffer.from(
    rng.pick([
      '<Delete><Object><Key>a</Key></Object></Delete>',
      '<Delete><Quiet>true</Quiet></Delete>',
      '<Tagging><TagSet><Tag><Key>a</Key><Value>b</Value></Tag></TagSet></Tagging>',
      '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"x"</ETag></Part></CompleteMultipartUpload>',
      '<!DOCTYPE x [<!ENTITY a "b">]><Delete/>',
      '<unclosed>',
      '',
    ]),
  );
}

/** Builds fuzz case `id` from the generator's stream: one request, mutated at every layer. */
export function generateCase(rng: Random, id: number, gatewayHost: string): FuzzCase {
  const roll = rng.next();
  const form = roll < 0.08;
  const method = form
    ? 'POST'
    : rng.pick(['GET', 'PUT', 'PUT', 'POST', 'DELETE', 'HEAD', 'OPTIONS', 'PATCH', 'CONNECT']);
  // A third of the cases stay plausible, so that the forwarding invariants see many requests.
  const plausible = rng.chance(0.35);
  const bucket = plausible ? 'example-bucket' : rng.pick(BUCKETS);
  const key = form ? '' : plausible ? rng.pick(VALID_KEYS) : rng.pick(KEYS);
  const pathForm = plausible ? rng.pick([6, 2, 3, 4]) : rng.int(10);
  let target = `/${bucket}${key === '' ? '' : `/${key}`}`;
  let host = gatewayHost;
  if (pathForm === 0) target = `/${target}`;
  else if (pathForm === 1) target = `/.${target}`;
  else if (pathForm === 2) target = `http://${gatewayHost}${target}`;
  else if (pathForm === 3) target = `http://${bucket}.oss-cn-hangzhou.aliyuncs.com/${key}`;
  else if (pathForm === 4) {
    host = `${bucket}.oss-cn-hangzhou.aliyuncs.com`;
    target = `/${key}`;
  } else if (pathForm === 5 && rng.chance(0.3)) target = rng.pick(['*', `${bucket}/${key}`, '/%', '/\u00e9']);
  const query = Array.from({ length: rng.int(4) }, () => rng.pick(SUBRESOURCES));
  if (rng.chance(0.05) && query.length > 0) query.push(query[0]!);
  if (query.length > 0) target += `?${query.join('&')}`;

  let payload: Buffer = Buffer.alloc(0);
  let privateCallback = false;
  const headers: Array<[string, Buffer | string]> = [];
  if (form) {
    const built = multipartForm(rng);
    payload = built.payload;
    privateCallback = built.privateCallback;
    headers.push(['content-type', built.contentType]);
  } else if (rng.chance(0.6)) {
    payload =
      query.some((q) => /^(delete|tagging|uploadId|cors|lifecycle)/.test(q)) && rng.chance(0.7)
        ? xmlBody(rng)
        : rng.bytes(rng.chance(0.02) ? 256 * 1024 : rng.int(2048));
  }
  for (let n = plausible ? rng.int(2) : rng.int(6); n > 0; n--) {
    const header = rng.pick(HEADERS)(rng, payload);
    if (header) headers.push(header);
  }
  if (rng.chance(0.15)) {
    const callback = callbackValue(rng);
    // callback-var carries variables, not a target: the same JSON there reaches no address.
    const asVariables = rng.chance(0.1);
    privateCallback ||= callback.private && !asVariables;
    headers.push([asVariables ? 'x-oss-callback-var' : 'x-oss-callback', callback.value]);
  }
  if (rng.chance(0.01)) for (let i = 0; i < 150; i++) headers.push([`x-oss-meta-m${i}`, 'v']);

  // Framing: how the payload is delimited, including the ways a parser could be confused.
  let version = 'HTTP/1.1';
  let body = payload;
  let slow = false;
  const framing = rng.int(20);
  if (framing < 12) {
    if (payload.length > 0 || rng.chance(0.3)) headers.push(['content-length', String(payload.length)]);
  } else if (framing < 15) {
    headers.push(['transfer-encoding', rng.chance(0.6) ? 'chunked' : rng.pick(TE)]);
    body = chunked(rng, payload, rng.chance(0.1));
    if (rng.chance(0.1)) headers.push(['content-length', String(payload.length)]);
    if (rng.chance(0.1)) version = 'HTTP/1.0';
  } else if (framing === 15) {
    headers.push([
      'content-length',
      rng.pick(['-1', 'abc', '1e3', ' 5', '+5', `${payload.length}, ${payload.length + 1}`]),
    ]);
  } else if (framing === 16) {
    headers.push(
      ['content-length', String(payload.length)],
      ['content-length', String(payload.length + rng.int(2))],
    );
  } else if (framing === 17) {
    // Declares more than it sends: the gateway waits, then times the body out.
    headers.push(['content-length', String(payload.length + 10)]);
    slow = true;
  } else if (framing === 19) {
    // No length and not chunked: HTTP/1.1 says there is no body; the bytes are the next request.
    payload = Buffer.alloc(0);
  } else if (framing === 18) {
    headers.push(['content-length', String(payload.length)]);
    body = Buffer.concat([payload, Buffer.from('GARBAGE / HTTP/1.1\r\n\r\n')]);
  }

  const lines: Buffer[] = [Buffer.from(`${method} ${target} ${version}\r\n`, 'latin1')];
  lines.push(Buffer.from(`host: ${host}\r\nx-fuzz-id: ${id}\r\nconnection: close\r\n`, 'latin1'));
  for (const [name, value] of headers) {
    lines.push(
      Buffer.from(`${name}: `, 'latin1'),
      typeof value === 'string' ? Buffer.from(value, 'latin1') : value,
      Buffer.from('\r\n'),
    );
  }
  lines.push(Buffer.from('\r\n'));
  const bytes: Buffer = Buffer.from(Buffer.concat([...lines, body]));
  const pieces: Array<{ delayMs: number; bytes: Buffer }> = [{ delayMs: 0, bytes: Buffer.from(bytes) }];
  if (!slow && rng.chance(0.004)) {
    // A client that stalls mid-request, past the gateway's deadlines.
    const cut = 1 + rng.int(bytes.length - 1);
    pieces.splice(
      0,
      1,
      { delayMs: 0, bytes: bytes.subarray(0, cut) },
      { delayMs: 2500, bytes: bytes.subarray(cut) },
    );
    slow = true;
  }
  return { id, kind: form ? 'form' : `framing-${framing}`, pieces, method, payload, privateCallback, slow };
}

/** The case `id` of a run, regenerated (cases come from one stream, in order): for replaying a failure. */
export function replayCase(rng: Random, id: number, gatewayHost: string): FuzzCase {
  let c = generateCase(rng, 0, gatewayHost);
  for (let i = 1; i <= id; i++) c = generateCase(rng, i, gatewayHost);
  return c;
}
