import http, { type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ossStorage } from '../../src/post';
import { PostFormState, setPostFormState } from '../../src/post/form-state';
import { createPostObjectHandler } from '../../src/post/handler';
import { meteredStorage, SizeMeter } from '../../src/post/size-meter';
import { createPreflight } from '../../src/preflight/create-preflight';
import { message } from '../helpers/catalogue';
import { oracleVerify } from '../helpers/oracle-signer';
import { startRecordingUpstream } from '../helpers/recording-upstream';
import {
  AK,
  FILENAME,
  multipart,
  type Part,
  type PostServer,
  post,
  postForm,
  REGION,
  rawExchange,
  SK,
  startPostServer,
  tag,
  v1Form,
  v4Form,
} from './helpers';

let s: PostServer;
beforeAll(async () => {
  s = await startPostServer();
});
afterAll(async () => {
  await s.close();
});

const file = (content: Buffer | string) => ({
  filename: 'f.bin',
  content,
  contentType: 'application/octet-stream',
});

async function expectSizeError(parts: Part[], code: string, message: string) {
  const before = s.upstream.requests.length;
  const res = await postForm(s.port, parts);
  expect([res.status, tag(res.body, 'Code'), tag(res.body, 'Message')]).toEqual([400, code, message]);
  // The upload may have started streaming, but its final chunk never went out: OSS stores nothing.
  for (const attempt of s.upstream.requests.slice(before)) expect(attempt.complete).toBe(false);
}

const TOO_LARGE = message('EntityTooLarge.aboveMaximum');
const TOO_SMALL = message('EntityTooSmall.belowMinimum');

describe('content-length-range, enforced on the bytes as they stream', () => {
  it.each([
    ['V1', v1Form],
    ['V4', v4Form],
  ])(
    '%s: a 5-byte file against [1, 4] → EntityTooLarge (conformance post-entity-too-large)',
    async (_v, form) => {
      await expectSizeError(form([['content-length-range', 1, 4]]), 'EntityTooLarge', TOO_LARGE);
    },
  );

  it.each([
    ['V1', v1Form],
    ['V4', v4Form],
  ])(
    '%s: a 5-byte file against [10, 1024] → EntityTooSmall (conformance post-entity-too-small)',
    async (_v, form) => {
      await expectSizeError(form([['content-length-range', 10, 1024]]), 'EntityTooSmall', TOO_SMALL);
    },
  );

  it('both bounds are inclusive', async () => {
    const res = await postForm(s.port, v1Form([['content-length-range', 5, 5]]));
    expect(res.status).toBe(200);
    expect(s.upstream.requests.at(-1)!.complete).toBe(true);
  });

  it('several ranges intersect', async () => {
    await expectSizeError(
      v1Form([
        ['content-length-range', 0, 100],
        ['content-length-range', 6, 200],
      ]),
      'EntityTooSmall',
      TOO_SMALL,
    );
  });

  it('a 600 KB file against a 100 KB maximum is cut off at the maximum', async () => {
    const before = s.upstream.requests.length;
    await expectSizeError(
      v1Form([['content-length-range', 0, 100 * 1024]], { file: file(Buffer.alloc(600 * 1024, 7)) }),
      'EntityTooLarge',
      TOO_LARGE,
    );
    const attempt = s.upstream.requests[before];
    if (attempt !== undefined) expect(attempt.body.length).toBeLessThan(200 * 1024);
  });

  it('an empty file against a minimum of 1 → EntityTooSmall', async () => {
    await expectSizeError(
      v1Form([['content-length-range', 1, 10]], { file: file('') }),
      'EntityTooSmall',
      TOO_SMALL,
    );
  });
});

describe('the size meter', () => {
  it('fails the first byte over the maximum and a short stream at its end', async () => {
    const over = new SizeMeter({ min: 0, max: 3 });
    const overError = new Promise((resolve) => over.on('error', resolve));
    over.write(Buffer.from('abc'));
    over.write(Buffer.from('d'));
    expect(((await overError) as Error).message).toBe(TOO_LARGE);

    const under = new SizeMeter({ min: 4, max: 10 });
    const underError = new Promise((resolve) => under.on('error', resolve));
    under.resume();
    under.end(Buffer.from('abc'));
    expect(((await underError) as Error).message).toBe(TOO_SMALL);
  });

  it("treats busboy's 'limit' (a file truncated at the 5 GB cap) as EntityTooLarge, never as a complete file", async () => {
    const req = new PassThrough() as unknown as IncomingMessage;
    const state = new PostFormState(
      createPreflight().parse({ method: 'POST', url: '/b', headers: { host: 'h' } }),
    );
    setPostFormState(req, state);
    const stream = new PassThrough();
    const inner = { _handleFile: () => undefined, _removeFile: () => undefined };
    meteredStorage(inner)._handleFile(
      req,
      { fieldname: 'file', originalname: 'f', encoding: '7bit', mimetype: 'x', stream },
      () => undefined,
    );
    stream.emit('limit');
    expect(state.error?.message).toBe(TOO_LARGE);
  });
});

describe('the upstream answer is relayed unchanged', () => {
  it('success: status, headers and body', async () => {
    s.upstream.reply = () => ({
      status: 201,
      headers: { etag: '"ETAG1"', 'content-type': 'application/xml', location: 'http://x/a' },
      body: '<PostResponse><Key>uploads/a.txt</Key></PostResponse>',
    });
    try {
      const res = await postForm(s.port, v1Form([], { extra: [['success_action_status', '201']] }));
      expect(res.status).toBe(201);
      expect(res.headers.etag).toBe('"ETAG1"');
      expect(res.headers['x-oss-request-id']).toBe('UPSTREAM0000000000000001');
      expect(res.body).toBe('<PostResponse><Key>uploads/a.txt</Key></PostResponse>');
    } finally {
      s.upstream.reply = () => ({ status: 200 });
    }
  });

  it('a redirect (success_action_redirect)', async () => {
    s.upstream.reply = () => ({ status: 303, headers: { location: 'https://app.example/done?etag=x' } });
    try {
      const res = await postForm(s.port, v1Form([]));
      expect(res.status).toBe(303);
      expect(res.headers.location).toBe('https://app.example/done?etag=x');
    } finally {
      s.upstream.reply = () => ({ status: 200 });
    }
  });

  it('an error from OSS', async () => {
    const xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>AccessDenied</Code><Message>${message('AccessDenied.bucketAcl')}</Message></Error>`;
    s.upstream.reply = () => ({
      status: 403,
      headers: { 'content-type': 'application/xml', 'x-oss-ec': '0003-00000001' },
      body: xml,
    });
    try {
      const res = await postForm(s.port, v1Form([]));
      expect(res.status).toBe(403);
      expect(res.headers['x-oss-ec']).toBe('0003-00000001');
      expect(res.headers['x-oss-request-id']).toBe('UPSTREAM0000000000000001');
      expect(res.body).toBe(xml);
    } finally {
      s.upstream.reply = () => ({ status: 200 });
    }
  });

  it('an error OSS sends before the body is complete stops the upload and is relayed', async () => {
    const early = http.createServer((req, res) => {
      req.on('error', () => undefined);
      res.writeHead(403, { 'content-type': 'application/xml', 'x-oss-request-id': 'EARLY' });
      res.end('<Error><Code>AccessDenied</Code></Error>');
    });
    await new Promise<void>((resolve) => early.listen(0, '127.0.0.1', () => resolve()));
    const handler = createPostObjectHandler({
      endpoint: `http://127.0.0.1:${(early.address() as AddressInfo).port}`,
      unknownKeys: 'forward',
    });
    const server = http.createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const res = await postForm(
        (server.address() as AddressInfo).port,
        v1Form([], { file: file(Buffer.alloc(512 * 1024, 1)) }),
      );
      expect([res.status, res.headers['x-oss-request-id'], res.body]).toEqual([
        403,
        'EARLY',
        '<Error><Code>AccessDenied</Code></Error>',
      ]);
    } finally {
      server.closeAllConnections();
      early.closeAllConnections();
      await new Promise((r) => server.close(r));
      await new Promise((r) => early.close(r));
    }
  });

  it('an unreachable upstream → 502 with an XML body, no crash', async () => {
    const handler = createPostObjectHandler({ endpoint: 'http://127.0.0.1:1', unknownKeys: 'forward' });
    const server = http.createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const res = await postForm((server.address() as AddressInfo).port, v1Form([]));
      expect(res.status).toBe(502);
      expect(tag(res.body, 'Code')).toBe('UpstreamUnavailable');
      expect(res.headers['x-oss-request-id']).toBe(tag(res.body, 'RequestId'));
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });
});

describe('constant memory: the form is decided before the file moves', () => {
  it('a slow key lookup holds a 4 MiB upload back: little read, nothing sent upstream', async () => {
    let current: IncomingMessage | undefined;
    let seen: { bytesRead: number; upstreamRequests: number } | undefined;
    const upstream = await startRecordingUpstream({ accessKeyId: AK, accessKeySecret: SK });
    const handler = createPostObjectHandler({
      endpoint: upstream.url,
      knownKeys: async (id: string) => {
        seen = { bytesRead: current!.socket.bytesRead, upstreamRequests: upstream.requests.length };
        await new Promise((r) => setTimeout(r, 300));
        return id === AK ? SK : undefined;
      },
    });
    const server = http.createServer((req, res) => {
      current = req;
      handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const size = 4 * 1024 * 1024;
      const res = await postForm(
        (server.address() as AddressInfo).port,
        v1Form([], { file: file(Buffer.alloc(size, 3)) }),
      );
      expect(res.status).toBe(200);
      expect(seen!.upstreamRequests).toBe(0);
      expect(seen!.bytesRead).toBeLessThan(512 * 1024);
      const stored = upstream.requests.at(-1)!;
      expect(stored.complete).toBe(true);
      expect(stored.body.includes(Buffer.alloc(size, 3))).toBe(true);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await upstream.close();
    }
  });

  it('a chunked request streams through', async () => {
    const { body, contentType } = multipart(v1Form([]));
    const res = await post(
      s.port,
      '/example-bucket',
      { 'content-type': contentType, 'transfer-encoding': 'chunked' },
      body,
    );
    expect(res.status).toBe(200);
    expect(s.upstream.requests.at(-1)!.complete).toBe(true);
  });
});

describe("onReject: a large rejected upload is answered at once (createPostObjectHandler's default, auto)", () => {
  it('a 3 MiB upload with a bad signature: the 403 arrives and the connection closes before the body is read', async () => {
    const { body, contentType } = multipart(
      v1Form([], { secret: 'wrong', file: file(Buffer.alloc(3 * 1024 * 1024, 9)) }),
    );
    const head = `POST /example-bucket HTTP/1.1\r\nHost: 127.0.0.1:${s.port}\r\nContent-Type: ${contentType}\r\nContent-Length: ${body.length}\r\n\r\n`;
    const answer = await rawExchange(
      s.port,
      Buffer.concat([Buffer.from(head), body.subarray(0, 256 * 1024)]),
    );
    expect(answer).toMatch(/^HTTP\/1\.1 403 /);
    expect(answer).toMatch(/connection: close/i);
    expect(answer).toContain('<Code>SignatureDoesNotMatch</Code>');
  });
});

describe("upload: 'put' stores the file with a signed PutObject", () => {
  it('form fields become headers, the key the path, the body the file bytes; V4-signed', async () => {
    const put = await startPostServer({ upload: 'put' });
    try {
      const content = Buffer.from([...Array(3000).keys()].map((i) => i % 251));
      const res = await postForm(
        put.port,
        v1Form([], {
          key: `dir/${FILENAME}`,
          file: { filename: 'photo 1.bin', content, contentType: 'image/png' },
          extra: [
            ['Cache-Control', 'max-age=60'],
            ['x-oss-meta-author', '小明'],
            ['x-oss-object-acl', 'private'],
            [
              'callback',
              'eyJjYWxsYmFja1VybCI6Imh0dHA6Ly9leGFtcGxlLmNvbS9jYiIsImNhbGxiYWNrQm9keSI6ImJ1Y2tldD0ke2J1Y2tldH0mb2JqZWN0PSR7b2JqZWN0fSJ9',
            ],
            ['x:var1', 'v'],
          ],
        }),
      );
      expect(res.status).toBe(200);
      const stored = put.upstream.requests.at(-1)!;
      expect(stored.method).toBe('PUT');
      expect(stored.key).toBe('dir/photo 1.bin');
      expect(stored.body.equals(content)).toBe(true);
      expect(stored.signatureProblem).toBeNull();
      expect(stored.headers['content-type']).toBe('image/png');
      expect(stored.headers['cache-control']).toBe('max-age=60');
      expect(Buffer.from(String(stored.headers['x-oss-meta-author']), 'latin1').toString('utf8')).toBe(
        '小明',
      );
      expect(stored.headers['x-oss-object-acl']).toBe('private');
      expect(stored.headers['x-oss-callback']).toBe(
        'eyJjYWxsYmFja1VybCI6Imh0dHA6Ly9leGFtcGxlLmNvbS9jYiIsImNhbGxiYWNrQm9keSI6ImJ1Y2tldD0ke2J1Y2tldH0mb2JqZWN0PSR7b2JqZWN0fSJ9',
      );
      expect(
        JSON.parse(Buffer.from(String(stored.headers['x-oss-callback-var']), 'base64').toString()),
      ).toEqual({ 'x:var1': 'v' });
      expect(stored.headers['x-oss-signature']).toBeUndefined();
      expect(String(stored.headers.authorization)).toMatch(
        /^OSS4-HMAC-SHA256 Credential=LTAI5tPostTestKey01\//,
      );
    } finally {
      await put.close();
    }
  });
});

describe('_removeFile deletes the stored object', () => {
  it('with a V4-signed DeleteObject', async () => {
    const upstream = await startRecordingUpstream({ accessKeyId: AK, accessKeySecret: SK });
    try {
      const storage = ossStorage({
        endpoint: upstream.url,
        credentials: { accessKeyId: AK, accessKeySecret: SK },
        region: REGION,
      });
      const body = new PassThrough();
      const error = await new Promise((resolve) =>
        storage._removeFile(
          new PassThrough() as unknown as IncomingMessage,
          {
            fieldname: 'file',
            originalname: 'a',
            encoding: '7bit',
            mimetype: 'x',
            stream: new PassThrough(),
            bucket: 'example-bucket',
            key: 'dir/a b.txt',
            upstream: { status: 200, statusMessage: 'OK', headers: {}, body },
          } as never,
          resolve,
        ),
      );
      expect(error).toBeNull();
      const request = upstream.requests.at(-1)!;
      expect([request.method, request.bucket, request.key, request.signatureProblem]).toEqual([
        'DELETE',
        'example-bucket',
        'dir/a b.txt',
        null,
      ]);
      expect(
        oracleVerify(
          {
            method: 'DELETE',
            bucket: 'example-bucket',
            key: 'dir/a b.txt',
            query: new URLSearchParams(),
            headers: request.headers,
          },
          { accessKeyId: AK, accessKeySecret: SK },
        ),
      ).toBeNull();
    } finally {
      await upstream.close();
    }
  });
});
