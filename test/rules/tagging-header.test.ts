import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { ossErrorHandler } from '../../src/express/error-handler';
import { preflight } from '../../src/express/preflight';
import { createPreflight } from '../../src/preflight/create-preflight';
import { message, summary } from '../helpers/catalogue';

const core = createPreflight({ families: ['tagging'] });
const check = (method: string, url: string, headers: Record<string, string>) => {
  const error = core.check(core.parse({ method, url, headers: { host: '127.0.0.1', ...headers } }));
  return error ? `${error.status} ${error.code}: ${error.message}` : 'ok';
};
const put = (tagging: string) => check('PUT', '/example-bucket/t.txt', { 'x-oss-tagging': tagging });

const FORMAT = summary(400, 'InvalidArgument.taggingHeaderEncoding');
const KEY = summary(400, 'InvalidTaggingKey.invalid');
const VALUE = summary(400, 'InvalidTag.value');

const query = (tags: Record<string, string>) =>
  Object.entries(tags)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
const numbered = (n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`key${i}`, `value${i}`]));

describe('x-oss-tagging: vectors from peers and docs', () => {
  it.each([
    // aliyun-oss-python-sdk tests/test_object.py test_put_object_with_tagging (live, accepted)
    ['k1=v1&k2=v2&k3=v3', 'ok'],
    // aliyun-oss-python-sdk tests/test_object.py test_copy_object_with_tagging (live, 中文 accepted)
    ['%20%2B/%20=%E4%B8%AD%E6%96%87&%E4%B8%AD%E6%96%87=test%2B%2B/', 'ok'],
    // aliyun-oss-python-sdk tests/test_object.py test_append_object_with_tagging (live, accepted)
    [`key1=value1&${'a'.repeat(128)}=${'b'.repeat(256)}&%2B-/=%3A%2B%3A`, 'ok'],
    // EC 0010-00000219
    ['aaa=bbb&123=xyz', 'ok'],
    ['aa=bb=cc', FORMAT],
    // ali-oss test/node/object.test.js "tag can contain invalid string" (@ % & and other ASCII symbols)
    [query({ '错误字符串@#￥%……&*！': 'x' }), KEY],
    [query({ x: '错误字符串@#￥%……&*！' }), VALUE],
    // ali-oss test/node/object.test.js "should configures or updates the tags of object"
    [query({ a: '1', b: '2' }), 'ok'],
    [query({ a: '1' }), 'ok'],
    // aliyun-oss-python-sdk tests/test_object.py test_object_tagging_client_error (129-byte key, 257-byte value, empty key)
    [query({ ['a'.repeat(129)]: 'test' }), KEY],
    [query({ test: 'a'.repeat(257) }), VALUE],
    [query({ '': 'test' }), KEY],
    // aliyun-oss-python-sdk tests/test_object.py test_object_tagging (128-byte key, 256-byte value, '+-.:' key)
    [query({ ['a'.repeat(128)]: 'a'.repeat(256), '+-.:': '_/' }), 'ok'],
    // aliyun-oss-python-sdk test_append_object_with_tagging_wrong_num: 15 tags refused on the first append
    [query(numbered(15)), FORMAT],
  ])('%s → %s', (tagging, expected) => {
    expect(put(tagging)).toBe(expected);
  });
});

describe('x-oss-tagging limits', () => {
  it('accepts 10 tags and refuses 11', () => {
    expect(put(query(numbered(10)))).toBe('ok');
    expect(put(query(numbered(11)))).toBe(FORMAT);
  });

  it('counts key bytes after decoding, with multi-byte UTF-8 at the boundary', () => {
    expect(put(`${'k'.repeat(128)}=v`)).toBe('ok');
    expect(put(`${'k'.repeat(129)}=v`)).toBe(KEY);
    // 42 × 中 (3 bytes) + 2 = 128 bytes; one more ASCII letter is 129.
    expect(put(query({ [`${'中'.repeat(42)}kk`]: 'v' }))).toBe('ok');
    expect(put(query({ [`${'中'.repeat(42)}kkk`]: 'v' }))).toBe(KEY);
    // 43 × 中 = 129 bytes in only 43 characters.
    expect(put(query({ ['中'.repeat(43)]: 'v' }))).toBe(KEY);
    // Encoded length does not count: 128 `%20` escapes are 384 characters but 128 bytes.
    expect(put(`${'%20'.repeat(128)}=v`)).toBe('ok');
  });

  it('counts value bytes after decoding', () => {
    expect(put(`k=${'v'.repeat(256)}`)).toBe('ok');
    expect(put(`k=${'v'.repeat(257)}`)).toBe(VALUE);
    // 85 × 中 + 1 = 256 bytes; + 2 = 257.
    expect(put(query({ k: `${'中'.repeat(85)}v` }))).toBe('ok');
    expect(put(query({ k: `${'中'.repeat(85)}vv` }))).toBe(VALUE);
  });

  it('reads raw UTF-8 bytes that Node hands over as latin1 by their byte length', () => {
    const raw = (text: string) => Buffer.from(text, 'utf8').toString('latin1');
    expect(put(`${raw('中'.repeat(42))}kk=v`)).toBe('ok');
    expect(put(`${raw('中'.repeat(43))}=v`)).toBe(KEY);
  });
});

describe('x-oss-tagging format', () => {
  it.each([
    ['k', 'ok'], // a pair without '=' has an empty value
    ['k=', 'ok'],
    ['a=1&b', 'ok'],
    ['', 'ok'],
    ['a=1&&b=2&', 'ok'], // empty pairs are not known to be refused
    ['a=1&a=2', FORMAT],
    ['a=1&b=2&a', FORMAT],
    ['Key=1&key=2', 'ok'], // keys are case-sensitive
    ['a=%zz', FORMAT],
    ['a%4=1', FORMAT],
    ['a=1%', FORMAT],
    ['a=%FF%FE', FORMAT], // not UTF-8
    ['%C3%28=v', FORMAT],
    ['=v', KEY],
    ['=', KEY],
  ])('%s → %s', (tagging, expected) => {
    expect(put(tagging)).toBe(expected);
  });

  it('treats two keys as duplicates only when they match whether + means space or plus', () => {
    expect(put('a+b=1&a+b=2')).toBe(FORMAT);
    expect(put('a%20b=1&a%20b=2')).toBe(FORMAT);
    expect(put('a+b=1&a%20b=2')).toBe('ok');
    expect(put('a+b=1&a%2Bb=2')).toBe('ok');
  });
});

describe('x-oss-tagging characters', () => {
  it.each([
    ['letters and digits', 'Abc123', 'ok'],
    ['the documented symbols', ' +-=._:/', 'ok'],
    ['non-ASCII letters (accepted live)', '中文', 'ok'],
    ['other non-ASCII text (not known to be refused)', 'Ünïcødé ✓', 'ok'],
    ['%', '%abc', 'bad'],
    ['@', 'a@b', 'bad'],
    ['&', 'a&b', 'bad'],
    ['comma', 'a,b', 'bad'],
    ['semicolon', 'a;b', 'bad'],
    ['tab', 'a\tb', 'bad'],
    ['NUL', 'a\u0000b', 'bad'],
  ])('%s in a key or value', (_label, text, expected) => {
    expect(put(query({ [text]: 'v' }))).toBe(expected === 'ok' ? 'ok' : KEY);
    expect(put(query({ k: text }))).toBe(expected === 'ok' ? 'ok' : VALUE);
  });
});

describe('x-oss-tagging by operation', () => {
  const bad = { 'x-oss-tagging': 'aa=bb=cc' };

  it('checks PutObject, InitiateMultipartUpload and PutSymlink', () => {
    expect(check('PUT', '/example-bucket/t.txt', bad)).toBe(FORMAT);
    expect(check('POST', '/example-bucket/t.txt?uploads', bad)).toBe(FORMAT);
    // aliyun-oss-python-sdk test_put_symlink_with_tagging_with_wrong_num: 15 tags refused on PutSymlink
    expect(check('PUT', '/example-bucket/link?symlink', { 'x-oss-tagging': query(numbered(15)) })).toBe(
      FORMAT,
    );
  });

  it('checks AppendObject only on the append that creates the object', () => {
    expect(check('POST', '/example-bucket/t.txt?append&position=0', bad)).toBe(FORMAT);
    // test_append_object_with_tagging_wrong_num: 15 tags on a later append were ignored (200)
    expect(
      check('POST', '/example-bucket/t.txt?append&position=640', { 'x-oss-tagging': query(numbered(15)) }),
    ).toBe('ok');
  });

  it('checks CopyObject only when the directive replaces the tags', () => {
    const copy = { 'x-oss-copy-source': '/example-bucket/src.txt', ...bad };
    expect(check('PUT', '/example-bucket/t.txt', { ...copy, 'x-oss-tagging-directive': 'Replace' })).toBe(
      FORMAT,
    );
    // test_copy_object_with_tagging sends upper-case REPLACE/COPY (live)
    expect(check('PUT', '/example-bucket/t.txt', { ...copy, 'x-oss-tagging-directive': 'REPLACE' })).toBe(
      FORMAT,
    );
    expect(check('PUT', '/example-bucket/t.txt', { ...copy, 'x-oss-tagging-directive': 'COPY' })).toBe('ok');
    expect(check('PUT', '/example-bucket/t.txt', copy)).toBe('ok');
    // An unknown directive's behaviour is undocumented: nothing is refused.
    expect(check('PUT', '/example-bucket/t.txt', { ...copy, 'x-oss-tagging-directive': 'Merge' })).toBe('ok');
  });

  it('ignores operations that take no tagging header', () => {
    expect(check('GET', '/example-bucket/t.txt', bad)).toBe('ok');
    expect(check('PUT', '/example-bucket/t.txt?uploadId=1&partNumber=1', bad)).toBe('ok');
  });

  it('names the header in ArgumentName/ArgumentValue', () => {
    const error = core.check(
      core.parse({
        method: 'PUT',
        url: '/example-bucket/t.txt',
        headers: { host: 'h', 'x-oss-tagging': 'a=1&a=2' },
      }),
    );
    expect(error?.detail('ArgumentName')).toBe('x-oss-tagging');
    expect(error?.detail('ArgumentValue')).toBe('a=1&a=2');
  });
});

describe('x-oss-tagging through Express', () => {
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

  // Cases from /work/shared/conformance/cases/public.json (tagging-*), plus one per message.
  it.each([
    ['tagging-valid', 'project=demo&stage=test', 200, undefined, undefined],
    [
      'tagging-duplicate-key',
      'a=1&a=2',
      400,
      'InvalidArgument',
      message('InvalidArgument.taggingHeaderEncoding'),
    ],
    [
      'tagging-key-129',
      `${'k'.repeat(129)}=v`,
      400,
      'InvalidTaggingKey',
      message('InvalidTaggingKey.invalid'),
    ],
    ['value-257', `k=${'v'.repeat(257)}`, 400, 'InvalidTag', message('InvalidTag.value')],
  ])('%s', async (_id, tagging, status, code, message) => {
    const res = await request(app).put('/example-bucket/t.txt').set('x-oss-tagging', tagging).send('hello');
    expect(res.status).toBe(status);
    if (code === undefined) return;
    expect(res.headers['content-type']).toBe('application/xml');
    expect(tag(res.text, 'Code')).toBe(code);
    expect(tag(res.text, 'Message')).toBe(message);
    expect(res.headers['x-oss-request-id']).toBe(tag(res.text, 'RequestId'));
  });
});
