import { describe, expect, it } from '@jest/globals';
import { createRequestParser } from '../../src/core/request';
import { createPreflight } from '../../src/preflight/create-preflight';
import { summary } from '../helpers/catalogue';

const core = createPreflight({ families: ['tagging'] });
const parse = createRequestParser();
const head = parse({ method: 'PUT', url: '/example-bucket?tagging', headers: { host: '127.0.0.1' } });

const checkBody = (body: string | Buffer) => {
  const error = core.check({ ...head, body: Buffer.isBuffer(body) ? body : Buffer.from(body) }, {}, 'body');
  return error ? `${error.status} ${error.code}: ${error.message}` : 'ok';
};
const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const tagging = (tags: Record<string, string> | Array<[string, string]>) =>
  `<Tagging><TagSet>${(Array.isArray(tags) ? tags : Object.entries(tags))
    .map(([k, v]) => `<Tag><Key>${xmlEscape(k)}</Key><Value>${xmlEscape(v)}</Value></Tag>`)
    .join('')}</TagSet></Tagging>`;
const numbered = (n: number) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`key${i}`, `value${i}`]));

const MALFORMED = summary(400, 'MalformedXML.notWellFormed');
const TOO_MANY = summary(400, 'TooManyTags.limit');
const KEY = summary(400, 'InvalidTag.key');
const VALUE = summary(400, 'InvalidTag.value');

describe('PutBucketTags: vectors from peers and docs', () => {
  it.each([
    // ali-oss test/node/bucket.test.js "maximum of 20 tags for a bucket" (21 tags)
    ['ali-oss 21 tags', numbered(21), TOO_MANY],
    // ali-oss "tag key can be a maximum of 64 bytes" / "tag value ... 128 bytes"
    ['ali-oss 65-byte key', { ['1'.repeat(65)]: '1' }, KEY],
    ['ali-oss 129-byte value', { a: '1'.repeat(129) }, VALUE],
    ['ali-oss valid', { a: '1', b: '2' }, 'ok'],
    // aliyun-oss-python-sdk tests/test_bucket.py test_bucket_tagging: accepted live, no charset rule
    ['python punctuation', { '%@abc': 'abc', '123++': '++123%' }, 'ok'],
    // EC 0010-00000207 / 0010-00000002
    ['Aliyun prefix', { 'Aliyun-abc': 'test' }, KEY],
    ['acs: prefix', { 'acs:abc': 'test' }, KEY],
    ['EC valid example', { testa: 'testv1', testb: 'testv2' }, 'ok'],
  ])('%s', (_label, tags, expected) => {
    expect(checkBody(tagging(tags))).toBe(expected);
  });
});

describe('PutBucketTags limits', () => {
  it('accepts 20 tags and refuses 21', () => {
    expect(checkBody(tagging(numbered(20)))).toBe('ok');
    expect(checkBody(tagging(numbered(21)))).toBe(TOO_MANY);
  });

  it('keys: 1-64 bytes, multi-byte UTF-8 at the boundary', () => {
    expect(checkBody(tagging({ ['k'.repeat(64)]: 'v' }))).toBe('ok');
    expect(checkBody(tagging({ ['k'.repeat(65)]: 'v' }))).toBe(KEY);
    expect(checkBody(tagging({ [`${'中'.repeat(21)}k`]: 'v' }))).toBe('ok'); // 64 bytes
    expect(checkBody(tagging({ [`${'中'.repeat(21)}kk`]: 'v' }))).toBe(KEY); // 65 bytes
    expect(checkBody(tagging({ '': 'v' }))).toBe(KEY);
  });

  it('values: 0-128 bytes, multi-byte UTF-8 at the boundary', () => {
    expect(checkBody(tagging({ k: '' }))).toBe('ok');
    expect(checkBody(tagging({ k: 'v'.repeat(128) }))).toBe('ok');
    expect(checkBody(tagging({ k: 'v'.repeat(129) }))).toBe(VALUE);
    expect(checkBody(tagging({ k: `${'中'.repeat(42)}vv` }))).toBe('ok'); // 128 bytes
    expect(checkBody(tagging({ k: `${'中'.repeat(43)}` }))).toBe(VALUE); // 129 bytes
  });

  it('refuses the reserved prefixes as written, and keeps other cases', () => {
    for (const key of ['http://x', 'https://x', 'Aliyun', 'AliyunOSS', 'acs:x']) {
      expect(checkBody(tagging({ [key]: 'v' }))).toBe(KEY);
    }
    // Case-insensitivity is claimed by one EC page only: not refused, so OSS is left to decide.
    for (const key of ['aliyun-x', 'HTTP://x', 'ACS:x', 'http:/x', 'xAliyun', 'acs']) {
      expect(checkBody(tagging({ [key]: 'v' }))).toBe('ok');
    }
  });
});

describe('PutBucketTags document shape', () => {
  it.each([
    ['not XML', '<Tagging>', MALFORMED],
    ['wrong root', '<BucketTagging><TagSet/></BucketTagging>', MALFORMED],
    ['no TagSet', '<Tagging/>', MALFORMED],
    ['Tag without Key', '<Tagging><TagSet><Tag><Value>v</Value></Tag></TagSet></Tagging>', MALFORMED],
    ['empty TagSet', '<Tagging><TagSet/></Tagging>', 'ok'],
  ])('%s', (_label, body, expected) => {
    expect(checkBody(body)).toBe(expected);
  });

  it('uses the bucket limits, not the object ones, and only on PutBucketTags', () => {
    expect(checkBody(tagging(numbered(15)))).toBe('ok');
    const objectRequest = parse({ method: 'PUT', url: '/example-bucket/k?tagging', headers: { host: 'h' } });
    expect(core.check({ ...objectRequest, body: Buffer.from(tagging(numbered(15))) }, {}, 'body')?.code).toBe(
      'MalformedXML',
    );
    expect(core.needsBody('PutBucketTags')).toBe(true);
  });
});
