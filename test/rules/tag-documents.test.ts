import { describe, expect, it } from '@jest/globals';
import { createRequestParser } from '../../src/core/request';
import { createPreflight } from '../../src/preflight/create-preflight';
import { summary } from '../helpers/catalogue';

// What PutBucketTags and PutObjectTagging documents share, as one table over both operations (each
// file keeps what differs: limits, reserved prefixes, document shape). The codes differ for a bad key.
const core = createPreflight({ families: ['tagging'] });
const parse = createRequestParser();

const withBytes = (key: Buffer, value: Buffer) =>
  Buffer.concat([
    Buffer.from('<Tagging><TagSet><Tag><Key>'),
    key,
    Buffer.from('</Key><Value>'),
    value,
    Buffer.from('</Value></Tag></TagSet></Tagging>'),
  ]);
const tags = (pairs: Array<[string, string]>) =>
  `<Tagging><TagSet>${pairs.map(([k, v]) => `<Tag><Key>${k}</Key><Value>${v}</Value></Tag>`).join('')}</TagSet></Tagging>`;

describe.each([
  { operation: 'PutBucketTags', url: '/example-bucket?tagging', key: summary(400, 'InvalidTag.key') },
  {
    operation: 'PutObjectTagging',
    url: '/example-bucket/t.txt?tagging',
    key: summary(400, 'InvalidTaggingKey.invalid'),
  },
])('$operation documents', ({ url, key }) => {
  const head = parse({ method: 'PUT', url, headers: { host: '127.0.0.1' } });
  const checkBody = (body: string | Buffer) => {
    const error = core.check({ ...head, body: Buffer.isBuffer(body) ? body : Buffer.from(body) }, {}, 'body');
    return error ? `${error.status} ${error.code}: ${error.message}` : 'ok';
  };
  const REPEATED = summary(400, 'RepeatedTags.duplicateKey');
  const VALUE = summary(400, 'InvalidTag.value');

  it.each([
    [
      'the same key twice',
      [
        ['A', '1'],
        ['A', '2'],
      ],
      REPEATED,
    ],
    [
      'keys differing in case, same value',
      [
        ['A', '1'],
        ['a', '1'],
      ],
      'ok',
    ],
    [
      'keys differing in case, other value (Go SDK TestPutObjectTagging; EC 0010-00000210)',
      [
        ['A', '1'],
        ['a', '2'],
      ],
      'ok',
    ],
  ] as Array<[string, Array<[string, string]>, string]>)(
    'repeated keys, case-sensitively: %s',
    (_label, pairs, expected) => {
      expect(checkBody(tags(pairs))).toBe(expected);
    },
  );

  it.each([
    ['a lone 0xff key', Buffer.from([0xff]), Buffer.from('v'), 'key'],
    ['0xff after a key character', Buffer.from([0x6b, 0xff]), Buffer.from('v'), 'key'],
    ['a truncated 3-byte value', Buffer.from('k'), Buffer.from([0xe4, 0xb8]), 'value'],
    ['a bad 2-byte value', Buffer.from('k'), Buffer.from([0xc3, 0x28]), 'value'],
    // A literal U+FFFD in a UTF-8 body is just a character.
    ['U+FFFD written as UTF-8', Buffer.from('k\uFFFD'), Buffer.from('v\uFFFD'), 'ok'],
  ])('blames the key or value holding bytes that are not UTF-8: %s', (_label, k, v, blamed) => {
    expect(checkBody(withBytes(k as Buffer, v as Buffer))).toBe(
      blamed === 'key' ? key : blamed === 'value' ? VALUE : 'ok',
    );
  });
});
