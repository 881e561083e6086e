import { createHash } from 'node:crypto';
import { PassThrough, pipeline, Readable, type Transform, Writable } from 'node:stream';
import { afterAll, describe, expect, it } from '@jest/globals';
import { isOssError } from '../../src/core/oss-error';
import { createRequestParser } from '../../src/core/request';
import { type BodyCheckOptions, createBodyChecks } from '../../src/integrity/body-checks';
import { crc64Decimal } from '../../src/integrity/crc64';
import { stopMd5Workers } from '../../src/integrity/md5-hasher';
import { message } from '../helpers/catalogue';

afterAll(() => stopMd5Workers());

const parse = createRequestParser({});
const md5 = (data: Buffer | string) => createHash('md5').update(data).digest('base64');
const WRONG_MD5 = md5('something else');
const WRONG_CRC = '12345';

type Headers = Record<string, string>;

function checks(headers: Headers, options: BodyCheckOptions = {}, method = 'PUT', url = '/bucket/key') {
  return createBodyChecks(parse({ method, url, headers: { host: 'gw.test', ...headers } }), options);
}

/** Deterministic bytes (xorshift32), so a failure can be replayed. */
function bytes(length: number, seed = 1): Buffer {
  const out = Buffer.alloc(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

/** Cuts `body` into random pieces of 1 byte up to `max` bytes, some of them empty. */
function randomChunks(body: Buffer, seed: number, max: number): Buffer[] {
  const chunks: Buffer[] = [];
  let x = seed;
  for (let offset = 0; offset < body.length; ) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    const n = x % 17 === 0 ? 0 : 1 + (x % max);
    chunks.push(body.subarray(offset, offset + n));
    offset += n;
  }
  return chunks;
}

type Outcome = { error: Error | undefined; output: Buffer; writes: number; ended: boolean };

/** Streams `chunks` through the transforms into a recording sink, as forward() does with pipeline(). */
function run(transforms: Transform[], chunks: Buffer[]): Promise<Outcome> {
  const received: Buffer[] = [];
  let writes = 0;
  let ended = false;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      writes++;
      received.push(chunk);
      callback();
    },
    final(callback) {
      ended = true;
      callback();
    },
  });
  return new Promise((resolve) => {
    const stages = [Readable.from(chunks, { objectMode: false }), ...transforms, sink];
    pipeline(stages as unknown as [Readable, Writable], (error) =>
      resolve({ error: error ?? undefined, output: Buffer.concat(received), writes, ended }),
    );
  });
}

function expectOssError(outcome: Outcome, code: string, message: string): void {
  expect(isOssError(outcome.error)).toBe(true);
  expect(outcome.error?.message).toBe(message);
  expect((outcome.error as { code?: string }).code).toBe(code);
  // The sink (the upstream request) never got the end of the body, nor an end at all.
  expect(outcome.ended).toBe(false);
}

const INVALID_DIGEST = message('InvalidDigest.contentMd5');
const INVALID_CRC64 = message('InvalidCRC64.mismatch');
const INCOMPLETE = message('IncompleteBody.shorterThanContentLength');

describe('createBodyChecks: when there is nothing to check', () => {
  it('returns no transform without digest headers, so the plain path stays plain', () => {
    expect(checks({ 'content-length': '5' })).toEqual([]);
    expect(checks({ 'content-md5': '', 'x-oss-hash-crc64ecma': ' ' })).toEqual([]);
  });

  it('returns no transform for methods whose body is not forwarded or operations without a body', () => {
    expect(checks({ 'content-md5': md5('') }, {}, 'GET')).toEqual([]);
    expect(checks({ 'content-md5': md5('') }, {}, 'HEAD')).toEqual([]);
    expect(checks({ 'content-md5': md5('') }, {}, 'DELETE')).toEqual([]);
    expect(checks({ 'content-md5': md5(''), 'x-oss-copy-source': '/b/k' })).toEqual([]);
  });

  it('leaves the PostObject form and CRCs that do not describe these bytes to OSS', () => {
    expect(checks({ 'content-md5': md5('') }, {}, 'POST', '/bucket')).toEqual([]);
    const crc = { 'x-oss-hash-crc64ecma': WRONG_CRC };
    expect(checks(crc, {}, 'POST', '/bucket/key?uploadId=1')).toEqual([]); // CompleteMultipartUpload
    expect(checks(crc, {}, 'POST', '/bucket/key?append&position=10')).toEqual([]);
    expect(checks(crc, {}, 'POST', '/bucket/key?append&position=0')).toHaveLength(1);
    expect(checks(crc, {}, 'PUT', '/bucket/key?partNumber=1&uploadId=1')).toHaveLength(1);
  });
});

describe.each(['inline', 'worker'] as const)('createBodyChecks with MD5 %s', (placement) => {
  const options: BodyCheckOptions = { md5: placement };
  const body = bytes(300_000, 7);
  const headers = (data: Buffer, extra: Headers = {}): Headers => ({
    'content-length': String(data.length),
    'content-md5': md5(data),
    'x-oss-hash-crc64ecma': crc64Decimal(data),
    ...extra,
  });

  it('passes a body with both digests right, unchanged, under random chunkings', async () => {
    for (let seed = 1; seed <= 12; seed++) {
      const chunks = randomChunks(body, seed, seed % 2 ? 70_000 : 3_000);
      const outcome = await run(checks(headers(body), options), chunks);
      expect(outcome.error).toBeUndefined();
      expect(outcome.ended).toBe(true);
      expect(outcome.output.equals(body)).toBe(true);
    }
  });

  it('passes a body sent as one chunk larger than every internal buffer', async () => {
    const big = bytes(3 * 1024 * 1024 + 5, 3);
    const outcome = await run(checks(headers(big), options), [big]);
    expect(outcome.error).toBeUndefined();
    expect(outcome.output.equals(big)).toBe(true);
  });

  it('refuses a wrong Content-MD5 with InvalidDigest (EC 0017-00000503), holding back the end', async () => {
    for (let seed = 1; seed <= 6; seed++) {
      const outcome = await run(
        checks(headers(body, { 'content-md5': WRONG_MD5 }), options),
        randomChunks(body, seed, 50_000),
      );
      expectOssError(outcome, 'InvalidDigest', INVALID_DIGEST);
      expect((outcome.error as { ec?: string }).ec).toBe('0017-00000503');
      expect(outcome.output.length).toBeLessThan(body.length);
      expect(body.subarray(0, outcome.output.length).equals(outcome.output)).toBe(true);
    }
  });

  it('refuses a wrong x-oss-hash-crc64ecma with InvalidCRC64', async () => {
    const outcome = await run(
      checks(headers(body, { 'x-oss-hash-crc64ecma': WRONG_CRC }), options),
      randomChunks(body, 5, 40_000),
    );
    expectOssError(outcome, 'InvalidCRC64', INVALID_CRC64);
    expect(outcome.output.length).toBeLessThan(body.length);
  });

  it('reports InvalidDigest when both digests are wrong', async () => {
    const wrong = headers(body, { 'content-md5': WRONG_MD5, 'x-oss-hash-crc64ecma': WRONG_CRC });
    expectOssError(await run(checks(wrong, options), [body]), 'InvalidDigest', INVALID_DIGEST);
  });

  it('checks each digest alone', async () => {
    const onlyMd5 = { 'content-length': String(body.length), 'content-md5': md5(body) };
    expect((await run(checks(onlyMd5, options), randomChunks(body, 9, 9_000))).output.equals(body)).toBe(
      true,
    );
    const onlyCrc = { 'content-length': String(body.length), 'x-oss-hash-crc64ecma': crc64Decimal(body) };
    expect((await run(checks(onlyCrc, options), randomChunks(body, 9, 9_000))).output.equals(body)).toBe(
      true,
    );
    const badCrc = { 'content-length': String(body.length), 'x-oss-hash-crc64ecma': '0' };
    expectOssError(await run(checks(badCrc, options), [body]), 'InvalidCRC64', INVALID_CRC64);
  });

  it('refuses a body shorter than Content-Length with IncompleteBody', async () => {
    const short = body.subarray(0, body.length - 1);
    const outcome = await run(checks(headers(body), options), randomChunks(short, 3, 30_000));
    expectOssError(outcome, 'IncompleteBody', INCOMPLETE);
    expect(outcome.output.length).toBeLessThan(short.length);
  });

  it('truncates a body longer than Content-Length, as OSS does, and checks the first bytes', async () => {
    const longer = Buffer.concat([body, Buffer.from('trailing garbage')]);
    const outcome = await run(checks(headers(body), options), randomChunks(longer, 4, 60_000));
    expect(outcome.error).toBeUndefined();
    expect(outcome.output.equals(body)).toBe(true);
  });

  it('verifies an empty body (Content-Length: 0) before sending anything', async () => {
    const empty = Buffer.alloc(0);
    const ok = await run(checks(headers(empty), options), []);
    expect(ok.error).toBeUndefined();
    expect(ok.ended).toBe(true);
    expect(ok.writes).toBe(0);
    const bad = await run(checks(headers(empty, { 'content-md5': WRONG_MD5 }), options), []);
    expectOssError(bad, 'InvalidDigest', INVALID_DIGEST);
    expect(bad.writes).toBe(0);
    const badCrc = await run(checks(headers(empty, { 'x-oss-hash-crc64ecma': '1' }), options), []);
    expectOssError(badCrc, 'InvalidCRC64', INVALID_CRC64);
    expect(badCrc.writes).toBe(0);
  });

  it('treats a request without Content-Length or chunking as an empty body', async () => {
    const outcome = await run(checks({ 'content-md5': md5('') }, options), [Buffer.from('ignored')]);
    expect(outcome.error).toBeUndefined();
    expect(outcome.output.length).toBe(0);
  });

  it('checks a chunked body (no length to count) by its digests', async () => {
    const chunked = {
      'transfer-encoding': 'chunked',
      'content-md5': md5(body),
      'x-oss-hash-crc64ecma': crc64Decimal(body),
    };
    const ok = await run(checks(chunked, options), randomChunks(body, 6, 20_000));
    expect(ok.error).toBeUndefined();
    expect(ok.output.equals(body)).toBe(true);
    const bad = await run(
      checks({ ...chunked, 'content-md5': WRONG_MD5 }, options),
      randomChunks(body, 6, 20_000),
    );
    expectOssError(bad, 'InvalidDigest', INVALID_DIGEST);
    expect(bad.output.length).toBeLessThan(body.length);
  });

  it('never matches a malformed header (when the format rules are disabled)', async () => {
    const outcome = await run(checks(headers(body, { 'content-md5': 'not-base64' }), options), [body]);
    expectOssError(outcome, 'InvalidDigest', INVALID_DIGEST);
    const crc = await run(checks(headers(body, { 'x-oss-hash-crc64ecma': '-1' }), options), [body]);
    expectOssError(crc, 'InvalidCRC64', INVALID_CRC64);
  });

  it('holds the last chunk back until the body has ended and checks out', async () => {
    const [check] = checks(headers(body), options);
    if (!check) throw new Error('expected a check');
    const out = new PassThrough();
    const received: Buffer[] = [];
    out.on('data', (c: Buffer) => received.push(c));
    check.pipe(out);
    const pieces = randomChunks(body, 11, 40_000).filter((c) => c.length > 0);
    for (const piece of pieces) check.write(piece);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const last = pieces[pieces.length - 1]!;
    expect(Buffer.concat(received).length).toBe(body.length - last.length);
    check.end();
    await new Promise((resolve) => out.on('end', resolve));
    expect(Buffer.concat(received).equals(body)).toBe(true);
  });

  it('does not let an empty write release the held chunk', async () => {
    const chunked = { 'transfer-encoding': 'chunked', 'content-md5': WRONG_MD5 };
    const [check] = checks(chunked, options);
    if (!check) throw new Error('expected a check');
    const received: Buffer[] = [];
    check.on('data', (c: Buffer) => received.push(c));
    const failed = new Promise((resolve) => check.on('error', resolve));
    check.write(body.subarray(0, 1000));
    check.write(body.subarray(1000, 2000));
    check.write(Buffer.alloc(0));
    check.end();
    expect(isOssError(await failed)).toBe(true);
    expect(Buffer.concat(received).equals(body.subarray(0, 1000))).toBe(true);
  });

  it('can be destroyed mid-body (client abort) and the next body is still checked', async () => {
    const [check] = checks(headers(body), options);
    if (!check) throw new Error('expected a check');
    check.on('error', () => undefined);
    check.resume();
    check.write(body.subarray(0, 100_000));
    check.destroy(new Error('aborted'));
    await new Promise((resolve) => check.on('close', resolve));
    const outcome = await run(checks(headers(body), options), [body]);
    expect(outcome.error).toBeUndefined();
    expect(outcome.output.equals(body)).toBe(true);
  });
});

describe('createBodyChecks: placement', () => {
  it('hashes many bodies at once on the shared worker, each against its own digest', async () => {
    const bodies = [1, 2, 3, 4, 5, 6].map((seed) => bytes(1_500_000 + seed, seed));
    const outcomes = await Promise.all(
      bodies.map((b, i) =>
        run(
          checks({
            'content-length': String(b.length),
            'content-md5': i === 3 ? WRONG_MD5 : md5(b),
            'x-oss-hash-crc64ecma': crc64Decimal(b),
          }),
          randomChunks(b, i + 1, 65_536),
        ),
      ),
    );
    outcomes.forEach((outcome, i) => {
      if (i === 3) expectOssError(outcome, 'InvalidDigest', INVALID_DIGEST);
      else {
        expect(outcome.error).toBeUndefined();
        expect(outcome.output.equals(bodies[i]!)).toBe(true);
      }
    });
  });

  it('still works after the workers were stopped (they start again on demand)', async () => {
    await stopMd5Workers();
    const b = bytes(2_000_000, 9);
    const outcome = await run(
      checks({ 'content-length': String(b.length), 'content-md5': md5(b) }, { md5: 'worker' }),
      [b],
    );
    expect(outcome.error).toBeUndefined();
    expect(outcome.output.equals(b)).toBe(true);
  });

  it('refuses an unknown placement option', () => {
    expect(() => checks({ 'content-md5': md5('') }, { md5: 'gpu' as 'worker' })).toThrow(TypeError);
  });

  it('fails (never passes) a body whose worker is stopped mid-body', async () => {
    const b = bytes(2_000_000, 10);
    const [check] = checks({ 'content-length': String(b.length), 'content-md5': md5(b) }, { md5: 'worker' });
    if (!check) throw new Error('expected a check');
    const stopped = stopMd5Workers();
    const outcome = await run([check], [b]);
    await stopped;
    expect(outcome.error).toBeDefined();
    expect(outcome.ended).toBe(false);
  });
});
