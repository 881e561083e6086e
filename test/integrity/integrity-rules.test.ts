import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { ossErrorHandler } from '../../src/express/error-handler';
import { preflight } from '../../src/express/preflight';
import { createPreflight } from '../../src/preflight/create-preflight';
import { integrityRules } from '../../src/rules/integrity';
import { parseContentMd5, parseCrc64 } from '../../src/rules/integrity/digest-headers';
import { message } from '../helpers/catalogue';

const INVALID_DIGEST = message('InvalidDigest.contentMd5');
const INVALID_CRC64 = message('InvalidCRC64.mismatch');
const INCOMPLETE = message('IncompleteBody.shorterThanContentLength');

const core = createPreflight({ families: ['integrity'] });
const EMPTY_MD5 = createHash('md5').update('').digest('base64'); // 1B2M2Y8AsgTpgAmY7PhCfg==

function check(method: string, url: string, headers: Record<string, string>, body?: Buffer) {
  const parsed = core.parse({ method, url, headers: { host: 'gw.test', ...headers } });
  return body === undefined ? core.check(parsed) : core.check({ ...parsed, body }, {}, 'body');
}

describe('integrityRules', () => {
  it('are the integrity family, in order', () => {
    expect(integrityRules.map((r) => r.id)).toEqual([
      'content-md5-format',
      'crc64-format',
      'body-length',
      'body-content-md5',
    ]);
    for (const rule of integrityRules) expect(rule.family).toBe('integrity');
  });
});

describe('content-md5-format', () => {
  it('accepts the Base64 of 16 bytes, padded or not, standard or URL-safe letters', () => {
    expect(parseContentMd5(EMPTY_MD5)?.toString('hex')).toBe('d41d8cd98f00b204e9800998ecf8427e');
    expect(parseContentMd5('1B2M2Y8AsgTpgAmY7PhCfg')?.toString('hex')).toBe(
      'd41d8cd98f00b204e9800998ecf8427e',
    );
    expect(parseContentMd5('ab+/ab+/ab+/ab+/ab+/ag==')).toBeDefined();
    expect(parseContentMd5('ab-_ab-_ab-_ab-_ab-_ag==')).toBeDefined();
  });

  it.each([
    ['a hex digest', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a truncated value (OSS: decodes to fewer than 16 bytes)', '1B2M2Y8AsgTpgAmY7Ph'],
    ['the example of EC 0017-00000502', 'eB5eJF1ptWaXm4bijS****=='],
    ['20 bytes (a SHA-1)', '2jmj7l5rSw0yVb/vlWAYkK/YBwk='],
    ['a space inside', '1B2M2Y8AsgTp gAmY7PhCfg=='],
    ['a repeated header, joined', `${EMPTY_MD5},${EMPTY_MD5}`],
    ['too much padding', '1B2M2Y8AsgTpgAmY7PhCfg==='],
  ])('refuses %s with InvalidDigest, EC 0017-00000502', (_name, value) => {
    expect(parseContentMd5(value)).toBeUndefined();
    const error = check('PUT', '/bucket/key', { 'content-md5': value, 'content-length': '0' });
    expect(error?.code).toBe('InvalidDigest');
    expect(error?.status).toBe(400);
    expect(error?.message).toBe(INVALID_DIGEST);
    expect(error?.ec).toBe('0017-00000502');
  });

  it('applies to every operation with a body, and only to them', () => {
    const bad = { 'content-md5': 'bad' };
    for (const [method, url] of [
      ['PUT', '/bucket/key'],
      ['PUT', '/bucket/key?partNumber=1&uploadId=u'],
      ['POST', '/bucket/key?append&position=0'],
      ['POST', '/bucket/key?uploadId=u'],
      ['POST', '/bucket?delete'],
      ['PUT', '/bucket?cors'],
      ['PUT', '/bucket?lifecycle'],
      ['PUT', '/bucket'],
      ['PUT', '/bucket/key?tagging'],
      ['POST', '/bucket?replication&comp=add'],
      ['POST', '/bucket'],
    ] as const)
      expect(`${method} ${url}: ${check(method, url, bad)?.code}`).toBe(`${method} ${url}: InvalidDigest`);
    for (const [method, url] of [
      ['GET', '/bucket/key'],
      ['HEAD', '/bucket/key'],
      ['DELETE', '/bucket/key'],
      ['GET', '/bucket?cors'],
      ['POST', '/bucket/key?uploads'],
    ] as const)
      expect(`${method} ${url}: ${check(method, url, bad)?.code}`).toBe(`${method} ${url}: undefined`);
  });

  it('treats a blank Content-MD5 as absent', () => {
    expect(check('PUT', '/bucket/key', { 'content-md5': '' })).toBeUndefined();
    expect(check('PUT', '/bucket/key', { 'content-md5': '   ' })).toBeUndefined();
  });
});

describe('crc64-format', () => {
  it('accepts any unsigned 64-bit decimal, leading zeros included', () => {
    expect(parseCrc64('0')).toBe(0n);
    expect(parseCrc64('18446744073709551615')).toBe(2n ** 64n - 1n);
    expect(parseCrc64('000000000000000000000000000042')).toBe(42n);
    expect(check('PUT', '/bucket/key', { 'x-oss-hash-crc64ecma': '11051210869376104954' })).toBeUndefined();
  });

  it.each([
    ['2^64', '18446744073709551616'],
    ['a negative number', '-1'],
    ['hexadecimal', '0x995DC9BBDF1939FA'],
    ['a trailing letter', '12a'],
    ['a sign', '+5'],
    ['a fraction', '1.0'],
    ['21 significant digits', '100000000000000000000'],
  ])('refuses %s with InvalidCRC64', (_name, value) => {
    expect(parseCrc64(value)).toBeUndefined();
    const error = check('PUT', '/bucket/key', { 'x-oss-hash-crc64ecma': value });
    expect(error?.code).toBe('InvalidCRC64');
    expect(error?.status).toBe(400);
    expect(error?.message).toBe(INVALID_CRC64);
  });

  it('applies where the header is the CRC of exactly the bytes sent', () => {
    const bad = { 'x-oss-hash-crc64ecma': 'x' };
    expect(check('PUT', '/bucket/key?partNumber=2&uploadId=u', bad)?.code).toBe('InvalidCRC64');
    expect(check('POST', '/bucket/key?append&position=0', bad)?.code).toBe('InvalidCRC64');
    // The CRC of the whole appended object, or of the completed object: not verifiable here.
    expect(check('POST', '/bucket/key?append&position=100', bad)).toBeUndefined();
    expect(check('POST', '/bucket/key?uploadId=u', bad)).toBeUndefined();
    expect(check('PUT', '/bucket?cors', bad)).toBeUndefined();
    expect(check('GET', '/bucket/key', bad)).toBeUndefined();
    expect(check('PUT', '/bucket/key', { 'x-oss-hash-crc64ecma': '' })).toBeUndefined();
  });
});

describe('body-length', () => {
  const doc = Buffer.from('<Delete><Object><Key>a</Key></Object></Delete>');

  it('refuses a read body shorter than its Content-Length with IncompleteBody', () => {
    const error = check('POST', '/bucket?delete', { 'content-length': String(doc.length + 1) }, doc);
    expect(error?.code).toBe('IncompleteBody');
    expect(error?.status).toBe(400);
    expect(error?.message).toBe(INCOMPLETE);
  });

  it('accepts an exact or longer body (OSS truncates), a chunked one, and a decoded one', () => {
    expect(check('POST', '/bucket?delete', { 'content-length': String(doc.length) }, doc)).toBeUndefined();
    expect(check('POST', '/bucket?delete', { 'content-length': '3' }, doc)).toBeUndefined();
    expect(check('POST', '/bucket?delete', { 'transfer-encoding': 'chunked' }, doc)).toBeUndefined();
    const gzip = { 'content-length': '9999', 'content-encoding': 'gzip' };
    expect(check('POST', '/bucket?delete', gzip, doc)).toBeUndefined();
  });
});

describe('the integrity rules through Express preflight()', () => {
  const app = express()
    .use(preflight())
    .use((_req, res) => {
      res.sendStatus(200);
    })
    .use(ossErrorHandler());
  const tag = (xml: string, name: string) => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1];

  it('answers a malformed Content-MD5 with the OSS error document', async () => {
    const res = await request(app).put('/bucket/key').set('Content-MD5', 'bad').send('hello');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/xml/);
    expect(tag(res.text, 'Code')).toBe('InvalidDigest');
    expect(tag(res.text, 'Message')).toBe(INVALID_DIGEST);
    expect(tag(res.text, 'EC')).toBe('0017-00000502');
    expect(res.headers['x-oss-ec']).toBe('0017-00000502');
  });

  it('answers a malformed CRC with InvalidCRC64, and passes good headers', async () => {
    const res = await request(app).put('/bucket/key').set('x-oss-hash-crc64ecma', '-1').send('hello');
    expect(res.status).toBe(400);
    expect(tag(res.text, 'Code')).toBe('InvalidCRC64');
    expect(tag(res.text, 'Message')).toBe(INVALID_CRC64);
    const ok = await request(app)
      .put('/bucket/key')
      .set('Content-MD5', createHash('md5').update('hello').digest('base64'))
      .set('x-oss-hash-crc64ecma', '123')
      .send('hello');
    expect(ok.status).toBe(200);
  });
});
