import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import CryptoJS from 'crypto-js';
import { createPostObjectHandler, type PostObjectHandlerOptions } from '../../src/post/handler';
import { type RawResponse, send } from '../helpers/gateway-harness';
import { type RecordingUpstream, startRecordingUpstream } from '../helpers/recording-upstream';

export const AK = 'LTAI5tPostTestKey01';
export const SK = 'postTestSecret0123456789abcdefghij';
export const REGION = 'cn-hangzhou';
// biome-ignore lint/suspicious/noTemplateCurlyInString: OSS's literal placeholder for the file's name
export const FILENAME = '${filename}';

export type FilePart = {
  filename?: string | undefined;
  content: Buffer | string;
  contentType?: string | undefined;
};
export type Part = readonly [name: string, value: string | FilePart];

/** A multipart/form-data body built by hand, so tests control every byte. */
export function multipart(
  parts: readonly Part[],
  boundary = 'TestBoundary7MA4YWxkTrZu0gW',
): { body: Buffer; contentType: string } {
  const chunks: Buffer[] = [];
  for (const [name, value] of parts) {
    if (typeof value === 'string') {
      chunks.push(
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
      );
    } else {
      const filename = value.filename === undefined ? '' : `; filename="${value.filename}"`;
      const type = value.contentType === undefined ? '' : `Content-Type: ${value.contentType}\r\n`;
      chunks.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${filename}\r\n${type}\r\n`,
        ),
      );
      chunks.push(Buffer.isBuffer(value.content) ? value.content : Buffer.from(value.content));
      chunks.push(Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { body: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

export const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value), 'utf8').toString('base64');

/** crypto-js is the independent oracle for every expected signature. */
export function oracleV1(secret: string, policy: string): string {
  return CryptoJS.HmacSHA1(policy, secret).toString(CryptoJS.enc.Base64);
}

export function oracleV4(
  secret: string,
  policy: string,
  day: string,
  region: string,
  product = 'oss',
): string {
  let key = CryptoJS.HmacSHA256(day, `aliyun_v4${secret}`);
  key = CryptoJS.HmacSHA256(region, key);
  key = CryptoJS.HmacSHA256(product, key);
  key = CryptoJS.HmacSHA256('aliyun_v4_request', key);
  return CryptoJS.HmacSHA256(policy, key).toString(CryptoJS.enc.Hex);
}

export const isoIn = (ms: number) => new Date(Date.now() + ms).toISOString();
export const v4Date = (d: Date) =>
  d
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}Z$/, 'Z');

/** key, OSSAccessKeyId, policy, Signature, then any extra fields, then the file. */
export function v1Form(
  conditions: unknown[],
  options: {
    key?: string;
    extra?: Part[];
    file?: FilePart;
    expiration?: string;
    secret?: string;
    ak?: string;
  } = {},
): Part[] {
  // An empty list is itself an invalid policy; tests that want it build the form by hand.
  const policy = b64({
    expiration: options.expiration ?? isoIn(3_600_000),
    conditions: conditions.length > 0 ? conditions : [['starts-with', '$key', '']],
  });
  return [
    ['key', options.key ?? 'uploads/a.txt'],
    ['OSSAccessKeyId', options.ak ?? AK],
    ['policy', policy],
    ['Signature', oracleV1(options.secret ?? SK, policy)],
    ...(options.extra ?? []),
    ['file', options.file ?? { filename: 'a.txt', content: 'hello', contentType: 'text/plain' }],
  ];
}

export function v4Form(
  conditions: unknown[],
  options: {
    key?: string;
    extra?: Part[];
    file?: FilePart;
    date?: Date;
    region?: string;
    credentialDay?: string;
    product?: string;
  } = {},
): Part[] {
  const date = v4Date(options.date ?? new Date());
  const day = options.credentialDay ?? date.slice(0, 8);
  const region = options.region ?? REGION;
  const product = options.product ?? 'oss';
  const credential = `${AK}/${day}/${region}/${product}/aliyun_v4_request`;
  const policy = b64({
    expiration: isoIn(3_600_000),
    conditions: [
      { 'x-oss-signature-version': 'OSS4-HMAC-SHA256' },
      { 'x-oss-credential': credential },
      { 'x-oss-date': date },
      ...conditions,
    ],
  });
  return [
    ['key', options.key ?? 'uploads/a.txt'],
    ['x-oss-signature-version', 'OSS4-HMAC-SHA256'],
    ['x-oss-credential', credential],
    ['x-oss-date', date],
    ['policy', policy],
    ['x-oss-signature', oracleV4(SK, policy, day, region, product)],
    ...(options.extra ?? []),
    ['file', options.file ?? { filename: 'a.txt', content: 'hello', contentType: 'text/plain' }],
  ];
}

/** A POST through the one raw HTTP client of the tests (helpers/gateway-harness.ts). */
export type Reply = RawResponse;

export function post(
  port: number,
  path: string,
  headers: Record<string, string>,
  body?: Buffer | string,
): Promise<Reply> {
  return send(port, 'POST', path, headers, body);
}

export function postForm(
  port: number,
  parts: readonly Part[],
  path = '/example-bucket',
  headers: Record<string, string> = {},
) {
  const { body, contentType } = multipart(parts);
  return post(
    port,
    path,
    { 'content-type': contentType, 'content-length': String(body.length), ...headers },
    body,
  );
}

/** Writes raw bytes on a socket and returns whatever comes back (for malformed and truncated requests). */
export function rawExchange(
  port: number,
  request: Buffer | string,
  options: { endAfterWrite?: boolean } = {},
): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.setTimeout(10_000, () => socket.destroy());
    socket.on('connect', () => {
      socket.write(request);
      if (options.endAfterWrite) socket.end();
    });
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('close', () => resolve(Buffer.concat(chunks).toString('utf8')));
    socket.on('error', () => undefined);
  });
}

const ENTITIES: Record<string, string> = {
  '&quot;': '"',
  '&apos;': "'",
  '&lt;': '<',
  '&gt;': '>',
  '&amp;': '&',
};

/** An element's text as an XML parser reads it (entities decoded). */
export function tag(xml: string, name: string): string | undefined {
  return new RegExp(`<${name}>([\\s\\S]*?)</${name}>`)
    .exec(xml)?.[1]
    ?.replace(/&(?:quot|apos|lt|gt|amp);/g, (e) => ENTITIES[e] ?? e);
}

export type PostServer = { port: number; upstream: RecordingUpstream; close(): Promise<void> };

/** The handler on an ephemeral port in front of a recording upstream (test/helpers). */
export async function startPostServer(options: Partial<PostObjectHandlerOptions> = {}): Promise<PostServer> {
  const upstream = await startRecordingUpstream({ accessKeyId: AK, accessKeySecret: SK });
  const handler = createPostObjectHandler({
    endpoint: upstream.url,
    knownKeys: { accessKeyId: AK, accessKeySecret: SK },
    credentials: { accessKeyId: AK, accessKeySecret: SK },
    region: REGION,
    ...options,
  });
  const server = http.createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    upstream,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await upstream.close();
    },
  };
}
