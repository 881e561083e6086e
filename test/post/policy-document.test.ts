import { describe, expect, it } from '@jest/globals';
import { createRequestParser } from '../../src/core/request';
import { formatCondition, parsePolicy } from '../../src/rules/post-object';
import { postPolicyConditions } from '../../src/rules/post-object/post-policy-conditions';
import { message } from '../helpers/catalogue';
import { b64 } from './helpers';

const GENERIC = message('InvalidPolicyDocument.pleaseCheck');
const SIMPLE = message('InvalidPolicyDocument.simpleConditionShape');
const JSON_ERROR = message('InvalidPolicyDocument.json');
const EXP = '2030-01-01T00:00:00.000Z';

function messageOf(policyBase64: string): string | undefined {
  const result = parsePolicy(policyBase64);
  return 'error' in result ? result.error.message : undefined;
}
const policy = (document: unknown) => messageOf(b64(document));

describe('policy document: decoding and the JSON schema (schemas/post-policy.schema.json)', () => {
  it.each([
    [
      'valid base64 of a valid document',
      b64({ expiration: EXP, conditions: [['eq', '$key', 'a']] }),
      undefined,
    ],
    [
      'missing padding is tolerated',
      b64({ expiration: EXP, conditions: [{ key: 'a' }] }).replace(/=+$/, ''),
      undefined,
    ],
    ['not base64 (EC 0006-00000202)', 'not*base64!', GENERIC],
    ['impossible base64 length', 'abcde', GENERIC],
    ['not UTF-8 (EC 0006-00000203)', Buffer.from([0xff, 0xfe, 0x7b]).toString('base64'), GENERIC],
    [
      'not JSON (EC 0006-00000204)',
      b64('{"expiration": "2030-01-01T00:00:00Z", "conditions": ['),
      JSON_ERROR,
    ],
    ['unquoted token', b64('{expiration: 1}'), JSON_ERROR],
  ])('%s', (_name, value, message) => {
    expect(messageOf(value)).toBe(message);
  });

  it.each<[string, unknown, string | undefined]>([
    ['a top-level array', [], GENERIC],
    [
      'an unknown top-level key (EC 0006-00000206)',
      { expiration: EXP, conditions: [{ key: 'a' }], extra: 1 },
      GENERIC,
    ],
    ['no conditions (EC 0006-00000207, seed pairs it with Simple-Condition)', { expiration: EXP }, SIMPLE],
    ['no expiration (EC 0006-00000208)', { conditions: [{ key: 'a' }] }, GENERIC],
    ['{} (EC 0006-00000209)', {}, GENERIC],
    ['expiration as a number (EC 0006-00000210)', { expiration: 1, conditions: [{ key: 'a' }] }, GENERIC],
    ['expiration empty (EC 0006-00000211)', { expiration: '', conditions: [{ key: 'a' }] }, GENERIC],
    [
      'expiration without T/Z (EC 0006-00000212)',
      { expiration: '2030-01-01 00:00:00', conditions: [{ key: 'a' }] },
      GENERIC,
    ],
    [
      'expiration on an impossible day',
      { expiration: '2030-02-30T00:00:00Z', conditions: [{ key: 'a' }] },
      GENERIC,
    ],
    [
      'expiration without milliseconds',
      { expiration: '2030-01-01T00:00:00Z', conditions: [{ key: 'a' }] },
      undefined,
    ],
    [
      'expiration with microseconds',
      { expiration: '2030-01-01T00:00:00.123456Z', conditions: [{ key: 'a' }] },
      undefined,
    ],
    ['conditions not a list (EC 0006-00000214)', { expiration: EXP, conditions: 123 }, GENERIC],
    ['conditions empty (EC 0006-00000215)', { expiration: EXP, conditions: [] }, SIMPLE],
    ['a map with two properties', { expiration: EXP, conditions: [{ key: 'a', bucket: 'b' }] }, SIMPLE],
    ['an empty map', { expiration: EXP, conditions: [{}] }, SIMPLE],
    [
      'a map with a numeric value',
      { expiration: EXP, conditions: [{ success_action_status: 201 }] },
      undefined,
    ],
    ['a list without a mode (EC 0006-00000216)', { expiration: EXP, conditions: [['$key']] }, GENERIC],
    [
      'an unknown mode (EC 0006-00000217)',
      { expiration: EXP, conditions: [['ends-with', '$key', 'a']] },
      GENERIC,
    ],
    [
      'an extra element (EC 0006-00000218)',
      { expiration: EXP, conditions: [['eq', '$key', 'a', 'b']] },
      GENERIC,
    ],
    [
      'max below min (EC 0006-00000219)',
      { expiration: EXP, conditions: [['content-length-range', 20, 10]] },
      GENERIC,
    ],
    [
      'a non-numeric bound (EC 0006-00000221)',
      { expiration: EXP, conditions: [['content-length-range', 10, 'test']] },
      GENERIC,
    ],
    ['a negative bound', { expiration: EXP, conditions: [['content-length-range', -1, 10]] }, GENERIC],
    [
      'numeric-string bounds',
      { expiration: EXP, conditions: [['content-length-range', '0', '10']] },
      undefined,
    ],
    [
      'an item that is neither map nor list (EC 0006-00000222)',
      { expiration: EXP, conditions: [123] },
      GENERIC,
    ],
    [
      'not-in with a string (EC 0006-00000224)',
      { expiration: EXP, conditions: [['not-in', 'cache-control', 'no-cache']] },
      GENERIC,
    ],
    ['in with a list', { expiration: EXP, conditions: [['in', '$content-type', ['image/png']]] }, undefined],
    ['eq with a list', { expiration: EXP, conditions: [['eq', '$key', ['a']]] }, GENERIC],
    [
      'modes in any letter case',
      {
        expiration: EXP,
        conditions: [
          ['EQ', '$key', 'a'],
          ['Starts-With', '$key', ''],
        ],
      },
      undefined,
    ],
  ])('%s', (_name, document, message) => {
    expect(policy(document)).toBe(message);
  });

  it('parses every kind of condition', () => {
    const result = parsePolicy(
      b64({
        expiration: '2030-01-01T00:00:00.500Z',
        conditions: [
          { bucket: 'b' },
          ['eq', '$key', 'k'],
          ['starts-with', 'key', 'u/'],
          ['in', '$content-type', ['a', 'b']],
          ['not-in', '$cache-control', ['no-cache']],
          ['content-length-range', 1, '10'],
        ],
      }),
    );
    expect('policy' in result && result.policy).toEqual({
      expiration: Date.UTC(2030, 0, 1, 0, 0, 0, 500),
      conditions: [
        { kind: 'eq', field: 'bucket', simple: true, mode: 'eq', value: 'b' },
        { kind: 'eq', field: '$key', simple: false, mode: 'eq', value: 'k' },
        { kind: 'starts-with', field: 'key', simple: false, mode: 'starts-with', value: 'u/' },
        { kind: 'in', field: '$content-type', simple: false, mode: 'in', value: ['a', 'b'] },
        { kind: 'not-in', field: '$cache-control', simple: false, mode: 'not-in', value: ['no-cache'] },
        { kind: 'content-length-range', min: 1, max: 10 },
      ],
    });
  });
});

describe('the failed-condition message (EC 0006-00000227 format)', () => {
  it.each([
    [
      { kind: 'eq', field: '$success_action_status', simple: false, mode: 'eq', value: '200' },
      '["eq", "$success_action_status", "200"]',
    ],
    [
      { kind: 'eq', field: 'success_action_status', simple: false, mode: 'eq', value: '200' },
      '["eq", "$success_action_status", "200"]',
    ],
    [
      { kind: 'eq', field: 'bucket', simple: true, mode: 'eq', value: 'johnsmith' },
      '["eq", "$bucket", "johnsmith"]',
    ],
    [
      { kind: 'starts-with', field: '$key', simple: false, mode: 'starts-with', value: 'user/eric/' },
      '["starts-with", "$key", "user/eric/"]',
    ],
    [
      { kind: 'in', field: '$content-type', simple: false, mode: 'in', value: ['image/jpeg', 'image/png'] },
      '["in", "$content-type", ["image/jpeg", "image/png"]]',
    ],
    [
      { kind: 'eq', field: '$key', simple: false, mode: 'eq', value: 'a"b\\c' },
      '["eq", "$key", "a\\"b\\\\c"]',
    ],
  ] as const)('%j', (condition, text) => {
    expect(formatCondition(condition)).toBe(text);
  });
});

describe('condition matching (rule post-policy-conditions, on a parsed request)', () => {
  const parse = createRequestParser();
  const request = (form: Record<string, string>, conditions: unknown[]) => ({
    ...parse({ method: 'POST', url: '/example-bucket', headers: { host: 'gw.test' } }),
    form: { policy: b64({ expiration: EXP, conditions }), ...form },
  });
  const verdict = (form: Record<string, string>, conditions: unknown[]) =>
    postPolicyConditions.check(request(form, conditions), { now: 0 })?.message;
  const failed = (text: string) => message('AccessDenied.policyConditionFailed', { condition: text });

  it.each<[string, Record<string, string>, unknown[], string | undefined]>([
    ['eq holds', { key: 'a' }, [['eq', '$key', 'a']], undefined],
    ['eq is case-sensitive on values', { key: 'A' }, [['eq', '$key', 'a']], failed('["eq", "$key", "a"]')],
    ['field names are case-insensitive', { Key: 'a' }, [['eq', '$KEY', 'a']], undefined],
    ['$ is optional', { key: 'a' }, [['eq', 'key', 'b']], failed('["eq", "$key", "b"]')],
    ['map form', { key: 'a' }, [{ key: 'b' }], failed('["eq", "$key", "b"]')],
    ['bucket is the addressed bucket', {}, [{ bucket: 'example-bucket' }], undefined],
    ['another bucket fails', {}, [['eq', '$bucket', 'other']], failed('["eq", "$bucket", "other"]')],
    ['starts-with holds', { key: 'user/eric/a' }, [['starts-with', '$key', 'user/eric/']], undefined],
    [
      'starts-with fails',
      { key: 'user/bob/a' },
      [['starts-with', '$key', 'user/eric/']],
      failed('["starts-with", "$key", "user/eric/"]'),
    ],
    ['starts-with "" allows anything', { key: 'x' }, [['starts-with', '$key', '']], undefined],
    [
      'in holds',
      { 'content-type': 'image/png' },
      [['in', '$content-type', ['image/jpeg', 'image/png']]],
      undefined,
    ],
    [
      'in fails',
      { 'content-type': 'text/plain' },
      [['in', '$content-type', ['image/png']]],
      failed('["in", "$content-type", ["image/png"]]'),
    ],
    [
      'not-in holds',
      { 'cache-control': 'max-age=1' },
      [['not-in', '$cache-control', ['no-cache']]],
      undefined,
    ],
    [
      'not-in fails',
      { 'cache-control': 'no-cache' },
      [['not-in', '$cache-control', ['no-cache']]],
      failed('["not-in", "$cache-control", ["no-cache"]]'),
    ],
    [
      'absent field fails eq (EC 0006-00000226)',
      {},
      [['eq', '$success_action_status', '200']],
      failed('["eq", "$success_action_status", "200"]'),
    ],
    ['absent field passes not-in', {}, [['not-in', '$cache-control', ['no-cache']]], undefined],
    [
      'absent Content-Type passes (the file part may carry it)',
      {},
      [['starts-with', '$content-type', 'image/']],
      undefined,
    ],
    ['content-length-range is left to the stream', {}, [['content-length-range', 10, 20]], undefined],
    [
      'the first failing condition is reported',
      { key: 'a' },
      [
        ['eq', '$key', 'a'],
        ['eq', '$x-oss-meta-a', '1'],
        ['eq', '$key', 'b'],
      ],
      failed('["eq", "$x-oss-meta-a", "1"]'),
    ],
  ])('%s', (_name, form, conditions, message) => {
    expect(verdict(form, conditions)).toBe(message);
  });
});
