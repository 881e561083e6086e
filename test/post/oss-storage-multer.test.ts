// ossStorage() as a multer storage engine, used the way multer-s3 is: bucket, key, contentType,
// metadata and acl as values or functions of (req, file), req.file with bucket, key, location, etag
// and size. Real multipart bodies (fetch + FormData) through listening Express servers, to a recording
// upstream that checks every signature and to the development stand-in that stores the bytes.
import { createHash, randomBytes } from 'node:crypto';
import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express, { type NextFunction, type Request, type Response } from 'express';
import multer from 'multer';
import { ossErrorHandler } from '../../src';
import { startDevUpstream } from '../../src/dev-upstream';
import { type OssStorageOptions, ossStorage, postObject } from '../../src/post';
import { message } from '../helpers/catalogue';
import { type RecordingUpstream, startRecordingUpstream } from '../helpers/recording-upstream';
import { AK, FILENAME, multipart, post, SK, v1Form } from './helpers';

const CREDENTIALS = { accessKeyId: AK, accessKeySecret: SK };
const KEY_MISSING = message('InvalidArgument.postKeyMissing');

let upstream: RecordingUpstream;
const servers: http.Server[] = [];

beforeAll(async () => {
  upstream = await startRecordingUpstream(CREDENTIALS);
  upstream.reply = () => ({ status: 200, headers: { etag: '"5D41402ABC4B2A76B9719D911017C592"' } });
});
afterAll(async () => {
  for (const server of servers) server.close();
  await upstream.close();
});

/** An Express app with multer and the engine; answers req.file as JSON, OSS errors as OSS XML. */
async function app(options: Partial<OssStorageOptions>, endpoint = upstream.url): Promise<string> {
  const a = express();
  const upload = multer({ storage: ossStorage({ endpoint, credentials: CREDENTIALS, ...options }) });
  a.post('/upload', upload.single('file'), (req: Request, res: Response) => {
    const { upstream: _answer, ...file } = req.file as unknown as Record<string, unknown>;
    res.json(file);
  });
  a.use(ossErrorHandler());
  a.use((error: Error, _req: Request, res: Response, _next: NextFunction) => {
    res.status(500).json({ error: error.message });
  });
  const server = a.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/upload`;
}

function form(
  fields: Record<string, string>,
  file: Buffer | string,
  name = 'report.txt',
  type = 'text/plain',
) {
  const data = new FormData();
  for (const [field, value] of Object.entries(fields)) data.append(field, value);
  data.append('file', new Blob([file], { type }), name);
  return data;
}

const send = async (url: string, body: FormData, headers: Record<string, string> = {}) => {
  const res = await fetch(url, { method: 'POST', body, headers });
  return { status: res.status, text: await res.text() };
};

const since = () => {
  const start = upstream.requests.length;
  return () => upstream.requests.slice(start);
};

describe('plain multer uploads: where the options say', () => {
  it('values and functions of (req, file), multer-s3 style; req.file gains bucket, key, location, etag, size', async () => {
    const url = await app({
      bucket: async () => 'example-bucket',
      key: (req, file) => `users/${String(req.headers['x-user'])}/${file.originalname}`,
      contentType: 'text/markdown; charset=utf-8',
      metadata: (_req, file) => ({ 'Original-Name': file.originalname, source: 'multer' }),
      acl: 'private',
    });
    const seen = since();
    const bytes = randomBytes(300_000);
    const res = await send(url, form({}, bytes, 'notes.md'), { 'x-user': 'alice' });
    expect(res.status).toBe(200);
    const file = JSON.parse(res.text);
    expect(file).toMatchObject({
      fieldname: 'file',
      originalname: 'notes.md',
      bucket: 'example-bucket',
      key: 'users/alice/notes.md',
      location: `http://example-bucket.${upstream.host}/users/alice/notes.md`,
      etag: '"5D41402ABC4B2A76B9719D911017C592"',
      size: bytes.length,
    });
    const [put] = seen();
    expect(put?.method).toBe('PUT');
    expect(put?.headers.host).toBe(`example-bucket.${upstream.host}`);
    expect(put?.key).toBe('users/alice/notes.md');
    expect(put?.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(put?.headers['x-oss-meta-original-name']).toBe('notes.md');
    expect(put?.headers['x-oss-meta-source']).toBe('multer');
    expect(put?.headers['x-oss-object-acl']).toBe('private');
    expect(put?.signatureProblem).toBeNull();
    expect(put?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(seen()).toHaveLength(1);
  });

  it("multer-s3's (req, file, callback) functions", async () => {
    const url = await app({
      bucket: (_req, _file, cb) => cb(null, 'example-bucket'),
      key: (_req, file, cb) => {
        setImmediate(() => cb(null, `cb/${file.originalname}`));
      },
      metadata: (_req, _file, cb) => cb(null, { kind: 'callback' }),
    });
    const seen = since();
    const res = await send(url, form({}, 'hello', 'a.txt'));
    expect(JSON.parse(res.text)).toMatchObject({ key: 'cb/a.txt', size: 5 });
    expect(seen()[0]?.headers['x-oss-meta-kind']).toBe('callback');
    // The file part's own type, when no contentType is set.
    expect(seen()[0]?.headers['content-type']).toBe('text/plain');
  });

  it("without a key option, the form's key field (sent before the file; its file name placeholder expanded)", async () => {
    const url = await app({ bucket: 'example-bucket' });
    const seen = since();
    const res = await send(url, form({ key: `inbox/${FILENAME}` }, 'x', 'b.txt'));
    expect(JSON.parse(res.text)).toMatchObject({ key: 'inbox/b.txt' });
    expect(seen()[0]?.key).toBe('inbox/b.txt');
  });

  it('client form fields never become headers: only the options decide (no ACL or callback from the form)', async () => {
    const url = await app({ bucket: 'example-bucket', key: 'fixed.txt' });
    const seen = since();
    const res = await send(
      url,
      form({ key: 'chosen.txt', 'x-oss-object-acl': 'public-read-write', 'x-oss-meta-a': 'b' }, 'x'),
    );
    expect(JSON.parse(res.text)).toMatchObject({ key: 'fixed.txt' });
    const [put] = seen();
    expect(put?.key).toBe('fixed.txt');
    expect(put?.headers['x-oss-object-acl']).toBeUndefined();
    expect(put?.headers['x-oss-meta-a']).toBeUndefined();
  });

  it('no key from the options or the form: OSS InvalidArgument for a form without a key, nothing sent', async () => {
    const url = await app({ bucket: 'example-bucket' });
    const seen = since();
    const res = await send(url, form({ note: 'no key here' }, randomBytes(100_000)));
    expect(res.status).toBe(400);
    expect(res.text).toContain('<Code>InvalidArgument</Code>');
    expect(res.text).toContain(`<Message>${KEY_MISSING}</Message>`);
    expect(seen()).toEqual([]);
  });

  it.each([
    ['a bucket name OSS refuses', { bucket: () => 'Bad_Bucket', key: 'a' }, 'InvalidBucketName', undefined],
    [
      'a key OSS refuses',
      { bucket: 'example-bucket', key: () => '/leading-slash' },
      'InvalidObjectName',
      undefined,
    ],
    [
      'an ACL OSS does not have',
      { bucket: 'example-bucket', key: 'a', acl: () => 'public' as never },
      'InvalidArgument',
      'x-oss-object-acl',
    ],
    [
      'a metadata name OSS refuses',
      { bucket: 'example-bucket', key: 'a', metadata: () => ({ under_score: 'x' }) },
      'InvalidArgument',
      'x-oss-meta-under_score',
    ],
    [
      'metadata of 8 KB',
      { bucket: 'example-bucket', key: 'a', metadata: () => ({ big: 'x'.repeat(8 * 1024) }) },
      'InvalidArgument',
      'x-oss-meta-*',
    ],
    [
      'a file name with a line break (RFC 5987 filename*) in metadata',
      {
        bucket: 'example-bucket',
        key: 'a',
        metadata: (_req: unknown, file: { originalname: string }) => ({ name: file.originalname }),
      },
      'InvalidArgument',
      'x-oss-meta-name',
    ],
  ] as const)('%s: the OSS error, nothing sent', async (_name, options, code, argument) => {
    const url = await app(options as Partial<OssStorageOptions>);
    const seen = since();
    // The file name arrives percent-encoded (filename*), so it can hold a line break once decoded.
    const boundary = 'StorageOptionsBoundary';
    const body = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename*=UTF-8''line%0Abreak.txt\r\n` +
        `Content-Type: text/plain\r\n\r\nx\r\n--${boundary}--\r\n`,
    );
    const contentType = `multipart/form-data; boundary=${boundary}`;
    const port = Number(new URL(url).port);
    const res = await post(
      port,
      '/upload',
      { 'content-type': contentType, 'content-length': String(body.length) },
      body,
    );
    expect([res.status, res.body]).toEqual([400, expect.stringContaining(`<Code>${code}</Code>`)]);
    if (argument !== undefined) expect(res.body).toContain(`<ArgumentName>${argument}</ArgumentName>`);
    expect(seen()).toEqual([]);
  });

  it('a function that fails, or no bucket at all: the application error, for its error handler', async () => {
    const failing = await app({
      bucket: 'example-bucket',
      key: () => {
        throw new Error('no session');
      },
    });
    expect(await send(failing, form({}, 'x'))).toEqual({ status: 500, text: '{"error":"no session"}' });
    const bucketless = await app({ key: 'a.txt' });
    const res = await send(bucketless, form({}, 'x'));
    expect(res.status).toBe(500);
    expect(JSON.parse(res.text).error).toBe(
      'oss-preflight: ossStorage(): no bucket for the upload: set "bucket"',
    );
  });

  it('checks static values when the engine is made', () => {
    const make = (options: Partial<OssStorageOptions>) => () =>
      ossStorage({ endpoint: upstream.url, ...options });
    expect(make({ bucket: 'Bad_Bucket' })).toThrow(
      'oss-preflight: ossStorage(): "bucket" "Bad_Bucket" is not a valid bucket name.',
    );
    expect(make({ acl: 'public' as never })).toThrow(
      /"acl" must be "private", "public-read", "public-read-write" or "default"/,
    );
    expect(make({ metadata: { 'a b': 'x' } })).toThrow(
      /"metadata" names "a b", which cannot be a header name/,
    );
    expect(make({ key: 7 as never })).toThrow(/"key" must be a non-empty string or a function \(req, file\)/);
  });
});

describe('PostObject forms (postObject() in front): the form decides', () => {
  it("the form's key wins over the key option; req.file carries its bucket, key, location and etag", async () => {
    const a = express();
    a.post(
      '/:bucket',
      postObject({
        storage: ossStorage({ endpoint: upstream.url, key: () => 'never-used', bucket: 'other-bucket' }),
        knownKeys: CREDENTIALS,
      }),
      (req: Request, res: Response) => {
        const { upstream: answer, ...file } = req.file as unknown as Record<string, unknown> & {
          upstream: { body: NodeJS.ReadableStream };
        };
        answer.body.resume();
        res.json(file);
      },
    );
    a.use(ossErrorHandler());
    const server = a.listen(0, '127.0.0.1');
    servers.push(server);
    await new Promise((resolve) => server.once('listening', resolve));
    const port = (server.address() as AddressInfo).port;
    const seen = since();
    const { body, contentType } = multipart(
      v1Form([['starts-with', '$key', 'uploads/']], { key: `uploads/${FILENAME}` }),
    );
    const res = await post(
      port,
      '/example-bucket',
      { 'content-type': contentType, 'content-length': String(body.length) },
      body,
    );
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({
      bucket: 'example-bucket',
      key: 'uploads/a.txt',
      location: `http://example-bucket.${upstream.host}/uploads/a.txt`,
      etag: '"5D41402ABC4B2A76B9719D911017C592"',
      size: 5,
    });
    const [forwarded] = seen();
    expect(forwarded?.method).toBe('POST');
    expect(forwarded?.headers.host).toBe(`example-bucket.${upstream.host}`);
    expect(forwarded?.body.toString('latin1')).toContain(`uploads/${FILENAME}`);
  });
});

describe('stored for real: the development stand-in keeps the bytes', () => {
  it('a plain multer upload can be read back, with its type and metadata', async () => {
    const dev = await startDevUpstream();
    try {
      const url = await app(
        {
          bucket: 'example-bucket',
          key: (_req, file) => `stored/${file.originalname}`,
          contentType: 'image/png',
        },
        dev.url,
      );
      const bytes = randomBytes(200_000);
      const res = await send(url, form({}, bytes, 'pic.png', 'application/octet-stream'));
      expect(JSON.parse(res.text)).toMatchObject({ key: 'stored/pic.png', size: bytes.length });
      const got = await fetch(`${dev.url}/example-bucket/stored/pic.png`);
      expect(got.status).toBe(200);
      expect(got.headers.get('content-type')).toBe('image/png');
      expect(Buffer.from(await got.arrayBuffer()).equals(bytes)).toBe(true);
    } finally {
      await dev.close();
    }
  });
});
