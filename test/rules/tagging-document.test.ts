import { describe, expect, it } from '@jest/globals';
import { createRequestParser } from '../../src/core/request';
import { createPreflight } from '../../src/preflight/create-preflight';
import { summary } from '../helpers/catalogue';

const core = createPreflight({ families: ['tagging'] });
const parse = createRequestParser();
const head = parse({ method: 'PUT', url: '/example-bucket/t.txt?tagging', headers: { host: '127.0.0.1' } });

const checkBody = (body: string | Buffer) => {
  const error = core.check({ ...head, body: Buffer.isBuffer(body) ? body : Buffer.from(body) }, {}, 'body');
  return error ? `${error.status} ${error.code}: ${error.message}` : 'ok';
};
const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const tagging = (tags: Record<string, string> | Array<[string, string]>) =>
  `<?xml version="1.0" encoding="UTF-8"?><Tagging><TagSet>${(Array.isArray(tags)
    ? tags
    : Object.entries(tags)
  )
    .map(([k, v]) => `<Tag><Key>${xmlEscape(k)}</Key><Value>${xmlEscape(v)}</Value></Tag>`)
    .join('')}</TagSet></Tagging>`;
const numbered = (n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`key${i}`, `value${i}`]));

const MALFORMED = summary(400, 'MalformedXML.notWellFormed');
const KEY = summary(400, 'InvalidTaggingKey.invalid');
const VALUE = summary(400, 'InvalidTag.value');

describe('PutObjectTagging: vectors from peers', () => {
  it.each([
    // ali-oss test/node/object.test.js "maximum of 10 tags for a object"
    ['ali-oss 11 tags', numbered(11), MALFORMED],
    // ali-oss "tag can contain invalid string"
    ['ali-oss invalid string', { '错误字符串@#￥%……&*！': '错误字符串@#￥%……&*！' }, KEY],
    // ali-oss "tag key can be a maximum of 128 bytes" / "tag value ... 256 bytes"
    ['ali-oss 129-byte key', { ['1'.repeat(129)]: '1' }, KEY],
    ['ali-oss 257-byte value', { a: '1'.repeat(257) }, VALUE],
    ['ali-oss valid', { a: '1', b: '2' }, 'ok'],
    // aliyun-oss-python-sdk tests/test_object.py (live)
    ['python test_object_tagging', { ['a'.repeat(128)]: 'a'.repeat(256), '+-.:': '_/' }, 'ok'],
    ['python wrong key 129', { ['a'.repeat(129)]: 'test' }, KEY],
    ['python wrong key %@abc', { '%@abc': 'abc' }, KEY],
    ['python wrong key empty', { '': 'abc' }, KEY],
    ['python wrong value 257', { test: 'a'.repeat(257) }, VALUE],
    ['python wrong value %abc', { test: '%abc' }, VALUE],
    ['python empty value', { test: '' }, 'ok'],
    ['python 12 tags', numbered(12), MALFORMED],
    // aliyun-oss-go-sdk oss/bucket_test.go TestPutObjectTagging (live)
    ['go & in key', { 'abcdefgh&': 'v' }, KEY],
    ['go & in value', { k: 'abcdefgh&' }, VALUE],
  ])('%s', (_label, tags, expected) => {
    expect(checkBody(tagging(tags))).toBe(expected);
  });
});

describe('PutObjectTagging limits', () => {
  it('accepts 10 tags and refuses 11', () => {
    expect(checkBody(tagging(numbered(10)))).toBe('ok');
    expect(checkBody(tagging(numbered(11)))).toBe(MALFORMED);
  });

  it('counts key and value bytes, with multi-byte UTF-8 at the boundary', () => {
    expect(checkBody(tagging({ ['k'.repeat(128)]: 'v' }))).toBe('ok');
    expect(checkBody(tagging({ ['k'.repeat(129)]: 'v' }))).toBe(KEY);
    expect(checkBody(tagging({ [`${'中'.repeat(42)}kk`]: 'v' }))).toBe('ok'); // 128 bytes
    expect(checkBody(tagging({ ['中'.repeat(43)]: 'v' }))).toBe(KEY); // 129 bytes
    expect(checkBody(tagging({ k: 'v'.repeat(256) }))).toBe('ok');
    expect(checkBody(tagging({ k: 'v'.repeat(257) }))).toBe(VALUE);
    expect(checkBody(tagging({ k: `${'中'.repeat(85)}v` }))).toBe('ok'); // 256 bytes
    expect(checkBody(tagging({ k: `${'中'.repeat(85)}vv` }))).toBe(VALUE); // 257 bytes
  });

  it('counts a character reference as the character it stands for', () => {
    expect(
      checkBody(
        `<Tagging><TagSet><Tag><Key>${'&#x4E2D;'.repeat(42)}kk</Key><Value/></Tag></TagSet></Tagging>`,
      ),
    ).toBe('ok');
    expect(
      checkBody(`<Tagging><TagSet><Tag><Key>${'&#x4E2D;'.repeat(43)}</Key><Value/></Tag></TagSet></Tagging>`),
    ).toBe(KEY);
  });
});

describe('PutObjectTagging document shape', () => {
  it.each([
    ['not XML', 'tags please', MALFORMED],
    ['empty body', '', MALFORMED],
    ['unclosed', '<Tagging><TagSet>', MALFORMED],
    ['wrong root', '<Tags><TagSet/></Tags>', MALFORMED],
    ['no TagSet', '<Tagging></Tagging>', MALFORMED],
    ['Tag without Key', '<Tagging><TagSet><Tag><Value>v</Value></Tag></TagSet></Tagging>', MALFORMED],
    ['empty TagSet', '<Tagging><TagSet></TagSet></Tagging>', 'ok'],
    ['Tag without Value', '<Tagging><TagSet><Tag><Key>k</Key></Tag></TagSet></Tagging>', 'ok'],
    ['empty Key element', '<Tagging><TagSet><Tag><Key/><Value>v</Value></Tag></TagSet></Tagging>', KEY],
    ['DOCTYPE', '<!DOCTYPE x [<!ENTITY a "b">]><Tagging><TagSet/></Tagging>', MALFORMED],
  ])('%s', (_label, body, expected) => {
    expect(checkBody(body)).toBe(expected);
  });

  it('runs only in the body phase of PutObjectTagging', () => {
    expect(core.check({ ...head, body: Buffer.from('nope') }, {}, 'head')).toBeUndefined();
    const other = parse({ method: 'PUT', url: '/example-bucket/t.txt?acl', headers: { host: 'h' } });
    expect(core.check({ ...other, body: Buffer.from('nope') }, {}, 'body')).toBeUndefined();
    expect(core.needsBody('PutObjectTagging')).toBe(true);
  });
});
