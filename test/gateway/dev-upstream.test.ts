import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { type IncomingHttpHeaders, type OutgoingHttpHeaders, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type DevUpstream, startDevUpstream } from '../../src/dev-upstream';

type Reply = { status: number; headers: IncomingHttpHeaders; body: Buffer };

type Call = {
  method: string;
  path: string;
  /** Defaults to virtual-hosted `demo-bucket.127.0.0.1:<port>`. */
  host?: string;
  headers?: OutgoingHttpHeaders;
  body?: Buffer | string | Readable;
};

let upstream: DevUpstream;
let storageDir: string;

beforeAll(async () => {
  storageDir = await mkdtemp(join(tmpdir(), 'dev-upstream-test-'));
  upstream = await startDevUpstream({ storageDir });
});

afterAll(async () => {
  await upstream.close();
  await rm(storageDir, { recursive: true, force: true });
});

const port = () => new URL(upstream.url).port;
const virtualHost = (bucket = 'demo-bucket') => `${bucket}.127.0.0.1:${port()}`;
const pathStyleHost = () => `127.0.0.1:${port()}`;

function call(target: DevUpstream, { method, path, host, headers = {}, body }: Call): Promise<Reply> {
  const { hostname, port } = new URL(target.url);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname, port, method, path, agent: false, headers: { host: host ?? virtualHost(), ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (body instanceof Readable) body.pipe(req);
    else req.end(body);
  });
}

const send = (spec: Call) => call(upstream, spec);

function md5(data: Buffer): Buffer {
  return createHash('md5').update(data).digest();
}

function xmlText(xml: string, element: string): string | undefined {
  return new RegExp(`<${element}>([^<]*)</${element}>`).exec(xml)?.[1];
}

function xmlTexts(xml: string, element: string): string[] {
  return [...xml.matchAll(new RegExp(`<${element}>([^<]*)</${element}>`, 'g'))].map(
    (match) => match[1] ?? '',
  );
}

/** Every byte value plus random noise, so any text decoding on the way would show. */
function binaryBody(): Buffer {
  return Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(10_000)]);
}

async function eventually(check: () => Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not reached in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('object round trip', () => {
  it('puts, gets, heads and deletes binary content through a virtual-hosted Host', async () => {
    const body = binaryBody();
    const put = await send({
      method: 'PUT',
      path: '/photos/raw.bin',
      headers: { 'content-type': 'image/x-raw', 'x-oss-meta-author': 'alice', 'content-length': body.length },
      body,
    });
    expect(put.status).toBe(200);
    expect(put.headers.etag).toBe(`"${md5(body).toString('hex').toUpperCase()}"`);
    expect(put.headers['content-md5']).toBe(md5(body).toString('base64'));
    expect(put.headers['x-oss-request-id']).toMatch(/^[0-9A-F]{24}$/);
    expect(put.headers['x-oss-preflight-dev-upstream']).toBe('1');

    const get = await send({ method: 'GET', path: '/photos/raw.bin' });
    expect(get.status).toBe(200);
    expect(get.body.equals(body)).toBe(true);
    expect(get.headers['content-type']).toBe('image/x-raw');
    expect(get.headers['content-length']).toBe(String(body.length));
    expect(get.headers.etag).toBe(put.headers.etag);
    expect(get.headers['x-oss-meta-author']).toBe('alice');
    expect(Number.isNaN(Date.parse(get.headers['last-modified'] ?? ''))).toBe(false);

    const head = await send({ method: 'HEAD', path: '/photos/raw.bin' });
    expect(head.status).toBe(200);
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(String(body.length));
    expect(head.headers.etag).toBe(put.headers.etag);
    expect(head.headers['x-oss-meta-author']).toBe('alice');

    const deleted = await send({ method: 'DELETE', path: '/photos/raw.bin' });
    expect(deleted.status).toBe(204);
    expect((await send({ method: 'GET', path: '/photos/raw.bin' })).status).toBe(404);
    expect((await send({ method: 'DELETE', path: '/photos/raw.bin' })).status).toBe(204);
  });

  it('addresses the same object path-style and virtual-hosted, keeping encoded keys intact', async () => {
    const body = binaryBody();
    const put = await send({
      method: 'PUT',
      path: '/demo-bucket/dir/a%20b+c%2Fd%E4%B8%AD.bin',
      host: pathStyleHost(),
      body,
    });
    expect(put.status).toBe(200);

    const viaVirtualHost = await send({ method: 'GET', path: '/dir/a%20b+c%2Fd%E4%B8%AD.bin' });
    expect(viaVirtualHost.status).toBe(200);
    expect(viaVirtualHost.body.equals(body)).toBe(true);
    expect(viaVirtualHost.headers['content-type']).toBe('application/octet-stream');

    const otherBucket = await send({
      method: 'GET',
      path: '/dir/a%20b+c%2Fd%E4%B8%AD.bin',
      host: virtualHost('other'),
    });
    expect(otherBucket.status).toBe(404);
  });

  it('keeps keys with dot segments as plain names', async () => {
    expect((await send({ method: 'PUT', path: '/../escape.txt', body: 'inside' })).status).toBe(200);
    const get = await send({ method: 'GET', path: '/../escape.txt' });
    expect(get.body.toString()).toBe('inside');
    expect(existsSync(join(storageDir, '..', 'escape.txt'))).toBe(false);
  });

  it('serves a single byte range with 206', async () => {
    const body = Buffer.from('0123456789');
    await send({ method: 'PUT', path: '/range.txt', body });
    const partial = await send({ method: 'GET', path: '/range.txt', headers: { range: 'bytes=2-5' } });
    expect(partial.status).toBe(206);
    expect(partial.body.toString()).toBe('2345');
    expect(partial.headers['content-range']).toBe('bytes 2-5/10');
    const suffix = await send({ method: 'GET', path: '/range.txt', headers: { range: 'bytes=-3' } });
    expect(suffix.body.toString()).toBe('789');
    const beyond = await send({ method: 'GET', path: '/range.txt', headers: { range: 'bytes=20-' } });
    expect(beyond.status).toBe(416);
    const ignored = await send({ method: 'GET', path: '/range.txt', headers: { range: 'bytes=1-2,4-5' } });
    expect(ignored.status).toBe(200);
    expect(ignored.body.equals(body)).toBe(true);
  });

  it('rejects a body whose Content-MD5 does not match and keeps nothing', async () => {
    const reply = await send({
      method: 'PUT',
      path: '/digest.txt',
      headers: { 'content-md5': md5(Buffer.from('other')).toString('base64') },
      body: 'content',
    });
    expect(reply.status).toBe(400);
    expect(xmlText(reply.body.toString(), 'Code')).toBe('InvalidDigest');
    expect((await send({ method: 'HEAD', path: '/digest.txt' })).status).toBe(404);
  });
});

describe('errors', () => {
  it('answers a missing key with the OSS NoSuchKey XML', async () => {
    const reply = await send({ method: 'GET', path: '/missing/k%C3%A9y.txt' });
    expect(reply.status).toBe(404);
    expect(reply.headers['content-type']).toBe('application/xml');
    const requestId = reply.headers['x-oss-request-id'];
    expect(reply.body.toString()).toBe(
      [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<Error>',
        '  <Code>NoSuchKey</Code>',
        // The one catalogue text kept as a literal here: the stand-in's answer is checked byte for byte.
        '  <Message>The specified key does not exist.</Message>',
        `  <RequestId>${requestId}</RequestId>`,
        `  <HostId>${virtualHost()}</HostId>`,
        '  <Key>missing/kéy.txt</Key>',
        '</Error>',
        '',
      ].join('\n'),
    );
  });

  it('puts the error XML of a HEAD into x-oss-err', async () => {
    const reply = await send({ method: 'HEAD', path: '/missing.txt' });
    expect(reply.status).toBe(404);
    expect(reply.body.length).toBe(0);
    const xml = Buffer.from(String(reply.headers['x-oss-err']), 'base64').toString('utf8');
    expect(xmlText(xml, 'Code')).toBe('NoSuchKey');
    expect(xmlText(xml, 'RequestId')).toBe(reply.headers['x-oss-request-id']);
    expect(xmlText(xml, 'Key')).toBe('missing.txt');
  });

  it('answers unsupported operations with 501 NotImplemented and says it is the stand-in', async () => {
    for (const spec of [
      { method: 'GET', path: '/object.txt?acl' },
      { method: 'PUT', path: '/', body: '<CreateBucketConfiguration/>' },
      { method: 'GET', path: '/', host: pathStyleHost() },
      { method: 'POST', path: '/object.txt?append&position=0', body: 'x' },
      { method: 'PUT', path: '/copy.txt', headers: { 'x-oss-copy-source': '/demo-bucket/object.txt' } },
    ]) {
      const reply = await send(spec);
      expect(reply.status).toBe(501);
      expect(reply.headers['x-oss-preflight-dev-upstream']).toBe('1');
      const xml = reply.body.toString();
      expect(xmlText(xml, 'Code')).toBe('NotImplemented');
      expect(xmlText(xml, 'Detail')).toBe('oss-preflight development stand-in: operation not implemented');
    }
  });

  it('survives malformed requests', async () => {
    const badEncoding = await send({ method: 'GET', path: '/bad%E0%A4%A' });
    expect(badEncoding.status).toBe(400);
    expect(xmlText(badEncoding.body.toString(), 'Code')).toBe('InvalidObjectName');
    const badBucket = await send({ method: 'GET', path: '/key', host: virtualHost('Bad_Bucket') });
    expect(xmlText(badBucket.body.toString(), 'Code')).toBe('InvalidBucketName');
    const badForm = await send({
      method: 'POST',
      path: '/',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: 'not a form',
    });
    expect(xmlText(badForm.body.toString(), 'Code')).toBe('MalformedPOSTRequest');
    expect((await send({ method: 'GET', path: '/range.txt' })).status).toBe(200);
  });
});

describe('large and interrupted uploads', () => {
  it('streams a 64 MiB upload to disk and back unchanged', async () => {
    const size = 64 * 1024 * 1024;
    const chunk = 1024 * 1024;
    const sent = createHash('sha256');
    let produced = 0;
    const source = new Readable({
      read() {
        if (produced === size) {
          this.push(null);
          return;
        }
        const bytes = randomBytes(chunk);
        produced += bytes.length;
        sent.update(bytes);
        this.push(bytes);
      },
    });
    const put = await send({
      method: 'PUT',
      path: '/big.bin',
      headers: { 'content-length': size },
      body: source,
    });
    expect(put.status).toBe(200);
    const expectedSha256 = sent.digest('hex');

    const received = createHash('sha256');
    let receivedBytes = 0;
    await new Promise<void>((resolve, reject) => {
      const req = request(
        {
          hostname: '127.0.0.1',
          port: port(),
          path: '/big.bin',
          agent: false,
          headers: { host: virtualHost() },
        },
        (res) => {
          res.on('data', (data: Buffer) => {
            receivedBytes += data.length;
            received.update(data);
          });
          res.on('end', resolve);
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(receivedBytes).toBe(size);
    expect(received.digest('hex')).toBe(expectedSha256);
  }, 60_000);

  const temporaryFiles = async () => (await readdir(join(storageDir, 'tmp'))).length;

  /** Sends a quarter of the declared body, waits until the server is writing it, then hangs up. */
  async function abortedPut(path: string): Promise<void> {
    const req = request({
      hostname: '127.0.0.1',
      port: port(),
      method: 'PUT',
      path,
      agent: false,
      headers: { host: virtualHost(), 'content-length': 8 * 1024 * 1024 },
    });
    const closed = new Promise((resolve) => req.on('close', resolve));
    req.on('error', () => {});
    req.write(randomBytes(2 * 1024 * 1024));
    await eventually(async () => (await temporaryFiles()) === 1);
    req.destroy();
    await closed;
    await eventually(async () => (await temporaryFiles()) === 0);
  }

  it('stores nothing when a PUT is aborted mid-body', async () => {
    await abortedPut('/aborted.bin');
    expect((await send({ method: 'GET', path: '/aborted.bin' })).status).toBe(404);
  });

  it('keeps the previous version when an overwrite is aborted', async () => {
    await send({ method: 'PUT', path: '/kept.txt', body: 'first version' });
    await abortedPut('/kept.txt');
    expect((await send({ method: 'GET', path: '/kept.txt' })).body.toString()).toBe('first version');
  });

  it('stores nothing when a form upload is aborted mid-file', async () => {
    const boundary = 'aborted-form';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="key"\r\n\r\nform/aborted.bin\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n\r\n`,
    );
    const req = request({
      hostname: '127.0.0.1',
      port: port(),
      method: 'POST',
      path: '/',
      agent: false,
      headers: {
        host: virtualHost(),
        'content-type': `multipart/form-data; boundary=${boundary}`,
        'content-length': 8 * 1024 * 1024,
      },
    });
    const closed = new Promise((resolve) => req.on('close', resolve));
    req.on('error', () => {});
    req.write(Buffer.concat([head, randomBytes(2 * 1024 * 1024)]));
    await eventually(async () => (await temporaryFiles()) === 1);
    req.destroy();
    await closed;
    await eventually(async () => (await temporaryFiles()) === 0);
    expect((await send({ method: 'GET', path: '/form/aborted.bin' })).status).toBe(404);
  });

  it('rejects objects above maxObjectBytes, declared or streamed, with an error the client receives', async () => {
    const small = await startDevUpstream({ maxObjectBytes: 1024 });
    try {
      const host = `demo-bucket.127.0.0.1:${new URL(small.url).port}`;
      const declared = await call(small, {
        method: 'PUT',
        path: '/a',
        host,
        headers: { 'content-length': 2048 },
        body: randomBytes(2048),
      });
      expect(declared.status).toBe(400);
      expect(xmlText(declared.body.toString(), 'Code')).toBe('EntityTooLarge');
      const chunked = await call(small, {
        method: 'PUT',
        path: '/b',
        host,
        body: Readable.from([randomBytes(600), randomBytes(600)]),
      });
      expect(chunked.status).toBe(400);
      expect(xmlText(chunked.body.toString(), 'Code')).toBe('EntityTooLarge');
      expect((await call(small, { method: 'HEAD', path: '/b', host })).status).toBe(404);
      const boundary = 'too-large';
      const formBody = Buffer.concat([
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="key"\r\n\r\nc\r\n` +
            `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="c"\r\n\r\n`,
        ),
        randomBytes(2048),
        Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const posted = await call(small, {
        method: 'POST',
        path: '/',
        host,
        headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
        body: formBody,
      });
      expect(xmlText(posted.body.toString(), 'Code')).toBe('EntityTooLarge');
      expect((await call(small, { method: 'HEAD', path: '/c', host })).status).toBe(404);
      expect(await readdir(join(small.storageDir, 'tmp'))).toEqual([]);
    } finally {
      await small.close();
    }
  });
});

describe('PostObject form upload', () => {
  function form(fields: Array<[string, string]>, file?: { filename: string; type: string; content: Buffer }) {
    const boundary = `----dev-upstream-${randomBytes(8).toString('hex')}`;
    const parts: Buffer[] = fields.map(([name, value]) =>
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
    );
    if (file) {
      parts.push(
        Buffer.from(
          `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.filename}"\r\n` +
            `Content-Type: ${file.type}\r\n\r\n`,
        ),
        file.content,
        Buffer.from('\r\n'),
      );
    }
    parts.push(Buffer.from(`--${boundary}--\r\n`));
    return {
      body: Buffer.concat(parts),
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
    };
  }

  const signatureFields: Array<[string, string]> = [
    ['OSSAccessKeyId', 'not-checked-here'],
    ['policy', Buffer.from('{"expiration":"2100-01-01T00:00:00Z","conditions":[]}').toString('base64')],
    ['Signature', 'not-checked-here'],
  ];

  it('stores the file and answers success_action_status 201 with PostResponse XML', async () => {
    const content = binaryBody();
    const upload = form(
      [
        // biome-ignore lint/suspicious/noTemplateCurlyInString: OSS's literal file-name placeholder
        ['key', 'uploads/${filename}'],
        ...signatureFields,
        ['success_action_status', '201'],
        ['Content-Type', 'image/png'],
        ['x-oss-meta-origin', 'form'],
      ],
      { filename: 'photo.png', type: 'application/octet-stream', content },
    );
    const reply = await send({ method: 'POST', path: '/', ...upload });
    expect(reply.status).toBe(201);
    const etag = `"${md5(content).toString('hex').toUpperCase()}"`;
    expect(reply.headers.etag).toBe(etag);
    const xml = reply.body.toString();
    expect(xmlText(xml, 'Bucket')).toBe('demo-bucket');
    expect(xmlText(xml, 'Key')).toBe('uploads/photo.png');
    expect(xmlText(xml, 'ETag')).toBe(etag.replaceAll('"', '&quot;'));
    expect(xmlText(xml, 'Location')).toBe(`http://${virtualHost()}/uploads/photo.png`);

    const get = await send({ method: 'GET', path: '/uploads/photo.png' });
    expect(get.body.equals(content)).toBe(true);
    expect(get.headers['content-type']).toBe('image/png');
    expect(get.headers['x-oss-meta-origin']).toBe('form');
  });

  it('answers 204 by default and 303 to success_action_redirect', async () => {
    const file = { filename: 'a.txt', type: 'text/plain', content: Buffer.from('hello') };
    const plain = await send({ method: 'POST', path: '/', ...form([['key', 'form/a.txt']], file) });
    expect(plain.status).toBe(204);

    const redirected = await send({
      method: 'POST',
      path: '/demo-bucket',
      host: pathStyleHost(),
      ...form(
        [
          ['key', 'form/b.txt'],
          ['success_action_redirect', 'https://app.example/done?step=2'],
        ],
        file,
      ),
    });
    expect(redirected.status).toBe(303);
    const location = new URL(String(redirected.headers.location));
    expect(location.origin + location.pathname).toBe('https://app.example/done');
    expect(location.searchParams.get('step')).toBe('2');
    expect(location.searchParams.get('bucket')).toBe('demo-bucket');
    expect(location.searchParams.get('key')).toBe('form/b.txt');
    expect(location.searchParams.get('etag')).toBe(redirected.headers.etag);
    expect((await send({ method: 'GET', path: '/form/b.txt' })).body.toString()).toBe('hello');
  });

  it('rejects a form without key or without file', async () => {
    const noKey = await send({
      method: 'POST',
      path: '/',
      ...form([], { filename: 'a.txt', type: 'text/plain', content: Buffer.from('x') }),
    });
    expect(noKey.status).toBe(400);
    expect(xmlText(noKey.body.toString(), 'Code')).toBe('InvalidArgument');
    const noFile = await send({ method: 'POST', path: '/', ...form([['key', 'form/c.txt']]) });
    expect(xmlText(noFile.body.toString(), 'Code')).toBe('IncorrectNumberOfFilesInPOSTRequest');
  });
});

describe('ListObjects', () => {
  const host = () => virtualHost('list-bucket');

  beforeAll(async () => {
    for (const key of ['a/1.txt', 'a/2.txt', 'a/sub/3.txt', 'b/1.txt']) {
      await send({ method: 'PUT', path: `/${key}`, host: host(), body: key });
    }
    await send({
      method: 'PUT',
      path: '/a/other-bucket.txt',
      host: virtualHost('other-list-bucket'),
      body: 'x',
    });
  });

  it('lists the keys under a prefix with size and ETag', async () => {
    const reply = await send({ method: 'GET', path: '/?prefix=a%2F', host: host() });
    expect(reply.status).toBe(200);
    const xml = reply.body.toString();
    expect(xmlText(xml, 'Name')).toBe('list-bucket');
    expect(xmlTexts(xml, 'Key')).toEqual(['a/1.txt', 'a/2.txt', 'a/sub/3.txt']);
    expect(xmlTexts(xml, 'Size')).toEqual(['7', '7', '11']);
    expect(xmlTexts(xml, 'ETag')[0]).toBe(
      `&quot;${md5(Buffer.from('a/1.txt')).toString('hex').toUpperCase()}&quot;`,
    );
    expect(xmlText(xml, 'IsTruncated')).toBe('false');
  });

  it('groups by delimiter and pages with max-keys and marker', async () => {
    const grouped = (
      await send({ method: 'GET', path: '/?prefix=a/&delimiter=/', host: host() })
    ).body.toString();
    expect(xmlTexts(grouped, 'Key')).toEqual(['a/1.txt', 'a/2.txt']);
    expect(xmlTexts(grouped, 'Prefix')).toEqual(['a/', 'a/sub/']);

    const first = (await send({ method: 'GET', path: '/?max-keys=2', host: host() })).body.toString();
    expect(xmlTexts(first, 'Key')).toEqual(['a/1.txt', 'a/2.txt']);
    expect(xmlText(first, 'IsTruncated')).toBe('true');
    const marker = xmlText(first, 'NextMarker') ?? '';
    const next = (
      await send({ method: 'GET', path: `/?max-keys=2&marker=${encodeURIComponent(marker)}`, host: host() })
    ).body.toString();
    expect(xmlTexts(next, 'Key')).toEqual(['a/sub/3.txt', 'b/1.txt']);
  });

  it('rejects an out-of-range max-keys', async () => {
    const reply = await send({ method: 'GET', path: '/?max-keys=5000', host: host() });
    expect(reply.status).toBe(400);
    expect(xmlText(reply.body.toString(), 'ArgumentName')).toBe('max-keys');
  });
});

describe('lifecycle', () => {
  it('removes its own temporary storage on close', async () => {
    const own = await startDevUpstream();
    expect(own.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(existsSync(own.storageDir)).toBe(true);
    await own.close();
    expect(existsSync(own.storageDir)).toBe(false);
  });

  it('closes promptly while an upload is still in flight', async () => {
    const busy = await startDevUpstream();
    const { port } = new URL(busy.url);
    const req = request({
      hostname: '127.0.0.1',
      port,
      method: 'PUT',
      path: '/slow',
      agent: false,
      headers: { host: `demo-bucket.127.0.0.1:${port}`, 'content-length': 1024 * 1024 },
    });
    req.on('error', () => {});
    req.write(randomBytes(1024));
    await eventually(async () => (await readdir(join(busy.storageDir, 'tmp'))).length === 1);
    await busy.close();
    expect(existsSync(busy.storageDir)).toBe(false);
  });

  it('keeps a caller-provided storage directory after close', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dev-upstream-own-'));
    try {
      const first = await startDevUpstream({ storageDir: dir });
      await call(first, {
        method: 'PUT',
        path: '/kept',
        host: `demo-bucket.127.0.0.1:${new URL(first.url).port}`,
        body: 'v',
      });
      await first.close();
      const second = await startDevUpstream({ storageDir: dir });
      const host = `demo-bucket.127.0.0.1:${new URL(second.url).port}`;
      expect((await call(second, { method: 'GET', path: '/kept', host })).body.toString()).toBe('v');
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
