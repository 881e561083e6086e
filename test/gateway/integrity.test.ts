import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { crc64Decimal } from '../../src/integrity/crc64';
import { stopMd5Workers } from '../../src/integrity/md5-hasher';
import { message } from '../helpers/catalogue';
import { type RawResponse, send, startGateway, xmlTag } from '../helpers/gateway-harness';
import type { RecordingUpstream } from '../helpers/recording-upstream';
import { startCheckedForwarder } from '../integrity/checked-forwarder';

type Target = { port: number; upstream: RecordingUpstream; close(): Promise<void> };

// Until src/gateway/gateway.ts passes createBodyChecks(request) to forward(), the same tests run
// against a server that does exactly that; once it does, they also run against createGateway().
const gatewayWired = fs
  .readFileSync(path.resolve(__dirname, '../../src/gateway/gateway.ts'), 'utf8')
  .includes('createBodyChecks');
const targets: Array<[string, () => Promise<Target>]> = [
  ['parse + head rules + forward() with createBodyChecks', () => startCheckedForwarder()],
  ...(gatewayWired ? [['createGateway()', () => startGateway()] as [string, () => Promise<Target>]] : []),
];

afterAll(() => stopMd5Workers());

const md5 = (data: Buffer | string) => createHash('md5').update(data).digest('base64');
const sha = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');
const INVALID_DIGEST = message('InvalidDigest.contentMd5');
const INVALID_CRC64 = message('InvalidCRC64.mismatch');

/** Deterministic bytes: SHA-256 in counter mode (fast, unlike a byte loop in jest's sandbox). */
function bytes(length: number, seed: number): Buffer {
  const blocks: Buffer[] = [];
  for (let i = 0; i * 32 < length; i++) blocks.push(createHash('sha256').update(`${seed}:${i}`).digest());
  return Buffer.concat(blocks).subarray(0, length);
}

function expectOssError(res: RawResponse, code: string, message: string): void {
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toBe('application/xml');
  expect(res.body.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<Error>\n')).toBe(true);
  expect(xmlTag(res.body, 'Code')).toBe(code);
  expect(xmlTag(res.body, 'Message')).toBe(message);
  expect(xmlTag(res.body, 'RequestId')).toMatch(/^[0-9A-F]{24}$/);
  expect(res.headers['x-oss-request-id']).toBe(xmlTag(res.body, 'RequestId'));
}

/** A PUT whose body goes out in `pieces` writes with no Content-Length: Node sends it chunked. */
function sendChunked(port: number, url: string, headers: Record<string, string>, pieces: Buffer[]) {
  return new Promise<RawResponse>((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path: url,
        headers: { host: `127.0.0.1:${port}`, ...headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    for (const piece of pieces) req.write(piece);
    req.end();
  });
}

/** Waits until the upstream has seen `count` requests and every connection to it has settled. */
async function settle(upstream: RecordingUpstream, count: number): Promise<void> {
  for (let i = 0; i < 100 && upstream.requests.length < count; i++)
    await new Promise((r) => setTimeout(r, 10));
  await new Promise((r) => setTimeout(r, 50));
}

describe.each(targets)('streamed integrity checks via %s', (_name, start) => {
  let target: Target;
  beforeAll(async () => {
    target = await start();
  });
  afterAll(() => target.close());

  /** The requests for `key` the upstream recorded, and how many of them it received completely. */
  const seen = (key: string) => {
    const requests = target.upstream.requests.filter((r) => r.key === key);
    return { requests, complete: requests.filter((r) => r.complete) };
  };

  it('content-md5-match: PUT hello with its MD5 is forwarded intact', async () => {
    const res = await send(target.port, 'PUT', '/bucket/md5-match', { 'content-md5': md5('hello') }, 'hello');
    expect(res.status).toBe(200);
    const { complete } = seen('md5-match');
    expect(complete).toHaveLength(1);
    expect(complete[0]?.body.toString()).toBe('hello');
    expect(complete[0]?.headers['content-md5']).toBe(md5('hello'));
  });

  it('content-md5-mismatch: 400 InvalidDigest, and the upstream never receives the whole body', async () => {
    const res = await send(
      target.port,
      'PUT',
      '/bucket/md5-mismatch',
      { 'content-md5': md5('hellO') },
      'hello',
    );
    expectOssError(res, 'InvalidDigest', INVALID_DIGEST);
    expect(xmlTag(res.body, 'EC')).toBe('0017-00000503');
    await settle(target.upstream, 0);
    const { requests, complete } = seen('md5-mismatch');
    expect(complete).toHaveLength(0);
    for (const r of requests) expect(r.complete).toBe(false);
  });

  it('forwards a large body with both digests right byte for byte', async () => {
    const body = bytes(5 * 1024 * 1024 + 3, 1);
    const headers = { 'content-md5': md5(body), 'x-oss-hash-crc64ecma': crc64Decimal(body) };
    const res = await send(target.port, 'PUT', '/bucket/large-ok', headers, body);
    expect(res.status).toBe(200);
    const { complete } = seen('large-ok');
    expect(complete).toHaveLength(1);
    expect(complete[0]?.sha256).toBe(sha(body));
  });

  it('refuses a large body with a wrong CRC-64: InvalidCRC64, upstream incomplete', async () => {
    const body = bytes(4 * 1024 * 1024, 2);
    const headers = { 'content-md5': md5(body), 'x-oss-hash-crc64ecma': '1' };
    const res = await send(target.port, 'PUT', '/bucket/large-bad-crc', headers, body);
    expectOssError(res, 'InvalidCRC64', INVALID_CRC64);
    await settle(target.upstream, 0);
    const { requests, complete } = seen('large-bad-crc');
    expect(complete).toHaveLength(0);
    for (const r of requests) expect(r.body.length).toBe(0);
  });

  it('refuses a large body with a wrong MD5 on an UploadPart', async () => {
    const body = bytes(2 * 1024 * 1024, 3);
    const url = '/bucket/large-bad-md5?partNumber=1&uploadId=0004B9894A22E5B1888A1E29F8236E2D';
    const res = await send(target.port, 'PUT', url, { 'content-md5': md5(body.subarray(1)) }, body);
    expectOssError(res, 'InvalidDigest', INVALID_DIGEST);
    await settle(target.upstream, 0);
    expect(seen('large-bad-md5').complete).toHaveLength(0);
  });

  it('refuses malformed digests before anything reaches the upstream', async () => {
    const before = target.upstream.requests.length;
    const md5Res = await send(
      target.port,
      'PUT',
      '/bucket/malformed',
      { 'content-md5': 'd41d8cd98f00b204e9800998ecf8427e' },
      'x',
    );
    expectOssError(md5Res, 'InvalidDigest', INVALID_DIGEST);
    expect(xmlTag(md5Res.body, 'EC')).toBe('0017-00000502');
    const crcRes = await send(
      target.port,
      'PUT',
      '/bucket/malformed',
      { 'x-oss-hash-crc64ecma': '0x1F' },
      'x',
    );
    expectOssError(crcRes, 'InvalidCRC64', INVALID_CRC64);
    expect(target.upstream.requests.length).toBe(before);
  });

  it('checks an empty body (Content-Length: 0) before the upstream sees a request', async () => {
    const bad = await send(target.port, 'PUT', '/bucket/empty-bad', {
      'content-md5': md5('x'),
      'content-length': '0',
    });
    expectOssError(bad, 'InvalidDigest', INVALID_DIGEST);
    const badCrc = await send(target.port, 'PUT', '/bucket/empty-bad', {
      'x-oss-hash-crc64ecma': '7',
      'content-length': '0',
    });
    expectOssError(badCrc, 'InvalidCRC64', INVALID_CRC64);
    await settle(target.upstream, 0);
    expect(seen('empty-bad').complete).toHaveLength(0);
    const ok = await send(target.port, 'PUT', '/bucket/empty-ok', {
      'content-md5': md5(''),
      'x-oss-hash-crc64ecma': '0',
      'content-length': '0',
    });
    expect(ok.status).toBe(200);
    expect(seen('empty-ok').complete).toHaveLength(1);
  });

  it('checks a chunked body by its digests', async () => {
    const body = bytes(3 * 1024 * 1024 + 11, 4);
    const pieces = [body.subarray(0, 1000), body.subarray(1000, 2_000_000), body.subarray(2_000_000)];
    const headers = { 'content-md5': md5(body), 'x-oss-hash-crc64ecma': crc64Decimal(body) };
    const ok = await sendChunked(target.port, '/bucket/chunked-ok', headers, pieces);
    expect(ok.status).toBe(200);
    expect(seen('chunked-ok').complete[0]?.sha256).toBe(sha(body));
    const bad = await sendChunked(
      target.port,
      '/bucket/chunked-bad',
      { ...headers, 'x-oss-hash-crc64ecma': '9' },
      pieces,
    );
    expectOssError(bad, 'InvalidCRC64', INVALID_CRC64);
    await settle(target.upstream, 0);
    expect(seen('chunked-bad').complete).toHaveLength(0);
  });

  it('never lets a failure become a 502: twenty mismatches in a row are each InvalidDigest', async () => {
    const body = bytes(300_000, 5);
    for (let i = 0; i < 20; i++) {
      const res = await send(
        target.port,
        'PUT',
        `/bucket/repeat-${i}`,
        { 'content-md5': md5(String(i)) },
        body,
      );
      expectOssError(res, 'InvalidDigest', INVALID_DIGEST);
    }
    await settle(target.upstream, 0);
    expect(target.upstream.requests.filter((r) => r.key.startsWith('repeat-') && r.complete)).toHaveLength(0);
  });

  it('keeps the connection usable after a refused body', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const put = (key: string, digest: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(
          {
            host: '127.0.0.1',
            port: target.port,
            method: 'PUT',
            path: `/bucket/${key}`,
            agent,
            headers: { 'content-md5': digest },
          },
          (res) => {
            res.resume();
            res.on('end', () => resolve(res.statusCode ?? 0));
          },
        );
        req.on('error', reject);
        req.end('payload');
      });
    expect(await put('reuse-1', md5('nope'))).toBe(400);
    expect(await put('reuse-2', md5('payload'))).toBe(200);
    agent.destroy();
    expect(seen('reuse-2').complete).toHaveLength(1);
  });

  it('a body cut short by the client never completes upstream', async () => {
    const body = bytes(2 * 1024 * 1024, 6);
    const head =
      `PUT /bucket/short HTTP/1.1\r\nHost: 127.0.0.1:${target.port}\r\nContent-Length: ${body.length}\r\n` +
      `Content-MD5: ${md5(body)}\r\nx-oss-hash-crc64ecma: ${crc64Decimal(body)}\r\n\r\n`;
    for (const ending of ['reset', 'half-close'] as const) {
      const socket = net.connect(target.port, '127.0.0.1');
      socket.on('error', () => undefined);
      const answer: Buffer[] = [];
      socket.on('data', (c: Buffer) => answer.push(c));
      await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
      socket.write(head);
      socket.write(body.subarray(0, body.length - 10));
      await new Promise((r) => setTimeout(r, 100));
      if (ending === 'reset') socket.destroy();
      else socket.end();
      await new Promise((r) => setTimeout(r, 150));
      // Node's HTTP parser cannot end a Content-Length body early: the request is aborted, never
      // answered with a success (a half-closed client gets Node's own 400 Bad Request).
      expect(Buffer.concat(answer).toString()).not.toMatch(/^HTTP\/1\.1 2/);
      socket.destroy();
    }
    await settle(target.upstream, 0);
    const { requests, complete } = seen('short');
    expect(complete).toHaveLength(0);
    for (const r of requests) expect(r.complete).toBe(false);
  });
});
