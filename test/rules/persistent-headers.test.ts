import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { ossErrorHandler } from '../../src/express/error-handler';
import { preflight } from '../../src/express/preflight';
import { createPreflight } from '../../src/preflight/create-preflight';
import { summary } from '../helpers/catalogue';

const core = createPreflight({ families: ['persistent-headers'] });
const check = (method: string, url: string, headers: Record<string, string>) => {
  const error = core.check(core.parse({ method, url, headers: { host: '127.0.0.1', ...headers } }));
  return error ? `${error.status} ${error.code}: ${error.message}` : 'ok';
};
const put = (list: string, extra: Record<string, string> = {}) =>
  check('PUT', '/example-bucket/p.txt', { 'x-oss-persistent-headers': list, ...extra });
const b64 = (text: string) => Buffer.from(text, 'utf8').toString('base64');

const FORMAT = summary(400, 'InvalidArgument.formatPersistentHeaderInvalidName');
const NOT_BASE64 = summary(400, 'InvalidArgument.persistentHeaderNotBase64');
const NOT_UTF8 = summary(400, 'InvalidArgument.persistentHeaderNotUtf8');
const CR_LF = summary(400, 'InvalidArgument.persistentHeaderCrLf');
const RESERVED = summary(400, 'InvalidArgument.persistentHeaderReserved');
const NOT_TOKEN = summary(400, 'InvalidArgument.persistentHeaderNotToken');
const NOT_EQUAL = summary(400, 'InvalidArgument.persistentHeaderNotEqual');

describe('x-oss-persistent-headers: vectors from docs', () => {
  it.each([
    // seed 002 / developer.aliyun.com/article/499171 example
    ['myheader1:bXl2YWx1ZTE=,myheader2:bXl2YWx1ZTI=', 'ok'],
    // peer-vectors.json (derived from the docs' reserved examples and messages)
    ['Host:ZXhhbXBsZS5jb20=', RESERVED],
    ['myheader1:%%%', NOT_BASE64],
    ['myheader1', FORMAT],
  ])('%s → %s', (list, expected) => {
    expect(put(list)).toBe(expected);
  });
});

describe('x-oss-persistent-headers: each message', () => {
  it.each([
    ['no colon', 'myheader1', FORMAT],
    ['empty name', ':YQ==', FORMAT],
    ['second item without colon', `a:${b64('x')},b`, FORMAT],
    ['name with a space', `my header:${b64('x')}`, NOT_TOKEN],
    ['name with a slash', `a/b:${b64('x')}`, NOT_TOKEN],
    ['non-ASCII name', `中:${b64('x')}`, NOT_TOKEN],
    ['all tchar symbols', `!#$%&'*+-.^_\`|~09azAZ:${b64('x')}`, 'ok'],
    ['reserved Host', `Host:${b64('example.com')}`, RESERVED],
    ['reserved Content-MD5', `Content-MD5:${b64('x')}`, RESERVED],
    ['reserved Origin, any case', `oRiGiN:${b64('x')}`, RESERVED],
    ['reserved Range', `Range:${b64('bytes=0-1')}`, RESERVED],
    ['reserved Authorization', `Authorization:${b64('x')}`, RESERVED],
    ['reserved Transfer-Encoding', `Transfer-Encoding:${b64('chunked')}`, RESERVED],
    ['Cache-Control is not known to be reserved', `Cache-Control:${b64('no-cache')}`, 'ok'],
    ['Content-Disposition is not known to be reserved', `Content-Disposition:${b64('inline')}`, 'ok'],
    ['invalid base64 characters', 'a:***', NOT_BASE64],
    ['base64 with a stray =', 'a:YQ=Yg==', NOT_BASE64],
    ['base64 of impossible length', 'a:YWJjZ', NOT_BASE64],
    ['URL-safe alphabet', 'a:-_-_', NOT_BASE64],
    ['unpadded base64', 'a:YQ', 'ok'],
    ['empty value', 'a:', 'ok'],
    ['not UTF-8', `a:${Buffer.from([0xff, 0xfe]).toString('base64')}`, NOT_UTF8],
    ['truncated UTF-8', `a:${Buffer.from([0xe4, 0xb8]).toString('base64')}`, NOT_UTF8],
    ['UTF-8 value', `a:${b64('中文')}`, 'ok'],
    ['CR', `a:${b64('a\rb')}`, CR_LF],
    ['LF', `a:${b64('a\nb')}`, CR_LF],
    ['CRLF at the end', `a:${b64('ab\r\n')}`, CR_LF],
  ])('%s', (_label, list, expected) => {
    expect(put(list)).toBe(expected);
  });

  it('checks the items in order and each item fully', () => {
    expect(put(`a:${b64('a\nb')},Host:${b64('x')}`)).toBe(CR_LF);
    expect(put(`Host:***,a:${b64('x')}`)).toBe(RESERVED);
    expect(put(`a b:***`)).toBe(NOT_TOKEN);
  });

  it('tolerates spaces around items and an empty trailing item', () => {
    expect(put(`a:${b64('x')}, b:${b64('y')} ,`)).toBe('ok');
    expect(put('')).toBe('ok');
  });
});

describe('x-oss-persistent-headers: characters a header value cannot hold', () => {
  const withByte = (byte: number) => `a:${Buffer.from([0x61, byte, 0x62]).toString('base64')}`;
  const FORBIDDEN = [...Array(0x20).keys()].filter((b) => b !== 0x09).concat(0x7f);

  it.each(FORBIDDEN.map((b) => [`0x${b.toString(16).padStart(2, '0')}`, b] as const))(
    'refuses %s inside a value',
    (_hex, byte) => {
      expect(put(withByte(byte))).toBe(CR_LF);
    },
  );

  it('refuses NUL, VT, FF and DEL at either end of a value', () => {
    for (const text of ['\u0000a', 'a\u0000', '\u000ba', 'a\u000c', '\u007f', 'a\u007f']) {
      expect([JSON.stringify(text), put(`a:${b64(text)}`)]).toEqual([JSON.stringify(text), CR_LF]);
    }
  });

  it('accepts HTAB, SP, every visible ASCII character and non-ASCII UTF-8 (obs-text bytes)', () => {
    expect(put(withByte(0x09))).toBe('ok');
    expect(put(withByte(0x20))).toBe('ok');
    const visible = String.fromCharCode(...Array.from({ length: 0x7e - 0x21 + 1 }, (_, i) => 0x21 + i));
    expect(put(`a:${b64(visible)}`)).toBe('ok');
    // Every code point U+0080-U+00FF, i.e. UTF-8 bytes 0xC2/0xC3 followed by 0x80-0xBF.
    const latin = String.fromCharCode(...Array.from({ length: 0x80 }, (_, i) => 0x80 + i));
    expect(put(`a:${b64(latin)}`)).toBe('ok');
    expect(put(`a:${b64('attachment; filename="\u6587\u4ef6.txt"\u2028')}`)).toBe('ok');
  });

  it('names the list in ArgumentValue', () => {
    const list = `a:${b64('a\u0000b')}`;
    const error = core.check(
      core.parse({
        method: 'PUT',
        url: '/b-1/k',
        headers: { host: 'h', 'x-oss-persistent-headers': list },
      }),
    );
    expect(error?.detail('ArgumentName')).toBe('x-oss-persistent-headers');
    expect(error?.detail('ArgumentValue')).toBe(list);
  });
});

describe('x-oss-persistent-headers against the real request headers', () => {
  it('refuses a different value and accepts the same one', () => {
    expect(put(`x-demo:${b64('one')}`, { 'x-demo': 'two' })).toBe(NOT_EQUAL);
    expect(put(`X-Demo:${b64('one')}`, { 'x-demo': 'one' })).toBe('ok');
    expect(put(`x-demo:${b64('one')}`)).toBe('ok');
  });

  it('compares non-ASCII values by their bytes', () => {
    const latin1 = Buffer.from('中文', 'utf8').toString('latin1');
    expect(put(`x-demo:${b64('中文')}`, { 'x-demo': latin1 })).toBe('ok');
    expect(put(`x-demo:${b64('中文')}`, { 'x-demo': '中文' })).toBe('ok');
    expect(put(`x-demo:${b64('中文')}`, { 'x-demo': '中' })).toBe(NOT_EQUAL);
  });
});

describe('x-oss-persistent-headers by operation', () => {
  const bad = { 'x-oss-persistent-headers': 'myheader1' };
  it.each([
    ['PutObject', 'PUT', '/example-bucket/p.txt', {}, FORMAT],
    ['CopyObject', 'PUT', '/example-bucket/p.txt', { 'x-oss-copy-source': '/example-bucket/s' }, FORMAT],
    ['AppendObject', 'POST', '/example-bucket/p.txt?append&position=10', {}, FORMAT],
    ['CompleteMultipartUpload', 'POST', '/example-bucket/p.txt?uploadId=abc', {}, FORMAT],
    ['GetObject', 'GET', '/example-bucket/p.txt', {}, FORMAT],
    ['HeadObject', 'HEAD', '/example-bucket/p.txt', {}, 'ok'],
    ['UploadPart', 'PUT', '/example-bucket/p.txt?uploadId=abc&partNumber=1', {}, 'ok'],
    ['ListObjects', 'GET', '/example-bucket', {}, 'ok'],
  ])('%s', (_op, method, url, extra, expected) => {
    expect(check(method, url, { ...bad, ...extra })).toBe(expected);
  });

  it('reads the PostObject form field (any case) and not the request header', () => {
    const post = core.parse({ method: 'POST', url: '/example-bucket', headers: { host: 'h', ...bad } });
    expect(post.operation).toBe('PostObject');
    expect(core.check(post)).toBeUndefined();
    expect(
      core.check({ ...post, form: { key: 'k', 'X-OSS-Persistent-Headers': 'myheader1' } })?.message,
    ).toBe(FORMAT.replace('400 InvalidArgument: ', ''));
    expect(core.check({ ...post, form: { 'x-oss-persistent-headers': `a:${b64('x')}` } })).toBeUndefined();
  });

  it('names the header in ArgumentName/ArgumentValue', () => {
    const error = core.check(core.parse({ method: 'PUT', url: '/b-1/k', headers: { host: 'h', ...bad } }));
    expect(error?.detail('ArgumentName')).toBe('x-oss-persistent-headers');
    expect(error?.detail('ArgumentValue')).toBe('myheader1');
  });
});

describe('x-oss-persistent-headers through Express', () => {
  const app = express()
    .use(preflight())
    .use((_req, res) => {
      res.sendStatus(200);
    })
    .use(ossErrorHandler());
  const entities: Record<string, string> = {
    '&apos;': "'",
    '&quot;': '"',
    '&lt;': '<',
    '&gt;': '>',
    '&amp;': '&',
  };
  const tag = (xml: string, name: string) =>
    new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1]?.replace(/&\w+;/g, (e) => entities[e] ?? e);
  const message = (line: string) => line.replace(/^400 InvalidArgument: /, '');

  // The first four are /work/shared/conformance/cases/public.json persistent-headers-*, sent on a GET.
  it.each([
    ['persistent-headers-valid', 'myheader1:bXl2YWx1ZTE=,myheader2:bXl2YWx1ZTI=', {}, undefined],
    ['persistent-headers-reserved', 'Range:Ynl0ZXM9MC0x', {}, RESERVED],
    ['persistent-headers-crlf', 'myheader1:YQ0KYg==', {}, CR_LF],
    ['persistent-headers-not-base64', 'myheader1:***', {}, NOT_BASE64],
    ['format', 'myheader1', {}, FORMAT],
    ['not-token', 'my@header:YQ==', {}, NOT_TOKEN],
    ['not-utf8', 'myheader1://4=', {}, NOT_UTF8],
    ['not-equal', 'x-demo:YQ==', { 'x-demo': 'b' }, NOT_EQUAL],
  ])('%s', async (_id, list, extra, expected) => {
    const res = await request(app)
      .get('/example-bucket/p.txt')
      .set('x-oss-persistent-headers', list)
      .set(extra);
    if (expected === undefined) {
      expect(res.status).toBe(200);
      return;
    }
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/xml');
    expect(tag(res.text, 'Code')).toBe('InvalidArgument');
    expect(tag(res.text, 'Message')).toBe(message(expected));
    expect(res.headers['x-oss-request-id']).toBe(tag(res.text, 'RequestId'));
  });
});
