// biome-ignore-all lint/suspicious/noTemplateCurlyInString: OSS's ${filename} placeholder is literal.
import { describe, expect, it } from '@jest/globals';
import CryptoJS from 'crypto-js';
import type { OssRequest } from '../../src/core/request';
import { issuePostPolicy } from '../../src/post/issue-policy';
import type { IssuePostPolicyOptions } from '../../src/post/issue-policy-types';
import { createPreflight } from '../../src/preflight/create-preflight';
import { message } from '../helpers/catalogue';

// An independent oracle: the research's algorithms (oss-rules-post-sign.md §1.6) written with crypto-js.
function oracleV1(secret: string, policyBase64: string): string {
  return CryptoJS.HmacSHA1(policyBase64, secret).toString(CryptoJS.enc.Base64);
}

function oracleV4(secret: string, policyBase64: string, day: string, region: string): string {
  let key = CryptoJS.HmacSHA256(day, `aliyun_v4${secret}`);
  key = CryptoJS.HmacSHA256(region, key);
  key = CryptoJS.HmacSHA256('oss', key);
  key = CryptoJS.HmacSHA256('aliyun_v4_request', key);
  return CryptoJS.HmacSHA256(policyBase64, key).toString(CryptoJS.enc.Hex);
}

function decodePolicy(base64: string): unknown {
  return JSON.parse(Buffer.from(base64, 'base64').toString('utf8'));
}

const NOW = Date.UTC(2026, 10, 21, 12, 0, 0);
const CREDENTIALS = { accessKeyId: 'LTAI5tIssueTestKey', accessKeySecret: 'issue-test-secret-0123456789' };

function options(extra: Partial<IssuePostPolicyOptions> = {}): IssuePostPolicyOptions {
  return {
    bucket: 'example-bucket',
    keyPrefix: 'uploads/alice/',
    maxSize: 1024 * 1024,
    credentials: CREDENTIALS,
    region: 'cn-hangzhou',
    now: NOW,
    ...extra,
  };
}

/** Runs the POST checker's rules (post-object and the families that read form fields) on a form. */
function check(form: Record<string, string>, at = NOW, bucket = 'example-bucket') {
  const core = createPreflight({ now: () => at });
  const parsed = core.parse({
    method: 'POST',
    url: '/',
    headers: {
      host: `${bucket}.oss-cn-hangzhou.aliyuncs.com`,
      'content-type': 'multipart/form-data; boundary=x',
      'content-length': '1000',
    },
  });
  const request: OssRequest = { ...parsed, form };
  return core.check(request, { credential: CREDENTIALS });
}

describe('issuePostPolicy: signatures against the crypto-js oracle', () => {
  it('reproduces the research V4 vector byte for byte', () => {
    const issued = issuePostPolicy({
      bucket: 'examplebucket',
      keyPrefix: 'user/eric/',
      minSize: 1,
      maxSize: 1024,
      credentials: { accessKeyId: 'ak', accessKeySecret: 'sk' },
      region: 'cn-hangzhou',
      now: new Date('2023-12-03T12:12:12Z'),
      expiration: new Date('2023-12-03T13:12:12.000Z'),
    });
    expect(issued.fields.policy).toBe(
      'eyJleHBpcmF0aW9uIjoiMjAyMy0xMi0wM1QxMzoxMjoxMi4wMDBaIiwiY29uZGl0aW9ucyI6W3siYnVja2V0IjoiZXhhbXBsZWJ1Y2tldCJ9LHsieC1vc3Mtc2lnbmF0dXJlLXZlcnNpb24iOiJPU1M0LUhNQUMtU0hBMjU2In0seyJ4LW9zcy1jcmVkZW50aWFsIjoiYWsvMjAyMzEyMDMvY24taGFuZ3pob3Uvb3NzL2FsaXl1bl92NF9yZXF1ZXN0In0seyJ4LW9zcy1kYXRlIjoiMjAyMzEyMDNUMTIxMjEyWiJ9LFsiY29udGVudC1sZW5ndGgtcmFuZ2UiLDEsMTAyNF0sWyJzdGFydHMtd2l0aCIsIiRrZXkiLCJ1c2VyL2VyaWMvIl1dfQ==',
    );
    expect(issued.fields['x-oss-signature']).toBe(
      'efd5d30f8b9a40ce7e192a36d3fef88a96122911d4f91a424729c07b1d01d14b',
    );
    expect(issued.fields).toEqual({
      key: 'user/eric/${filename}',
      policy: issued.fields.policy,
      'x-oss-signature-version': 'OSS4-HMAC-SHA256',
      'x-oss-credential': 'ak/20231203/cn-hangzhou/oss/aliyun_v4_request',
      'x-oss-date': '20231203T121212Z',
      'x-oss-signature': 'efd5d30f8b9a40ce7e192a36d3fef88a96122911d4f91a424729c07b1d01d14b',
    });
    expect(issued.url).toBe('https://examplebucket.oss-cn-hangzhou.aliyuncs.com');
    expect(issued.expiration).toBe('2023-12-03T13:12:12.000Z');
  });

  it('V4 with an STS token, callback and content type: the oracle verifies and the policy pins the signing fields', () => {
    const issued = issuePostPolicy(
      options({
        credentials: {
          ...CREDENTIALS,
          accessKeyId: 'STS.NTestToken',
          securityToken: 'CAIS+token/with=chars',
        },
        region: 'ap-southeast-1',
        contentType: ['image/png', 'image/jpeg'],
        successActionStatus: 201,
        callback: {
          callbackUrl: 'https://app.example.com/oss-callback',
          callbackBody: 'key=${object}&who=${x:user}',
        },
        fields: { 'x:user': 'alice', 'x-oss-meta-owner': 'alice', 'x-oss-object-acl': 'private' },
      }),
    );
    const { fields } = issued;
    expect(fields['x-oss-signature']).toBe(
      oracleV4(CREDENTIALS.accessKeySecret, fields.policy!, '20261121', 'ap-southeast-1'),
    );
    expect(fields['x-oss-credential']).toBe('STS.NTestToken/20261121/ap-southeast-1/oss/aliyun_v4_request');
    expect(fields['x-oss-date']).toBe('20261121T120000Z');
    expect(fields['x-oss-security-token']).toBe('CAIS+token/with=chars');
    expect(decodePolicy(fields.policy!)).toEqual(issued.policy);
    expect(issued.policy.conditions).toEqual([
      { bucket: 'example-bucket' },
      { 'x-oss-signature-version': 'OSS4-HMAC-SHA256' },
      { 'x-oss-credential': fields['x-oss-credential'] },
      { 'x-oss-date': '20261121T120000Z' },
      { 'x-oss-security-token': 'CAIS+token/with=chars' },
      ['content-length-range', 0, 1048576],
      ['starts-with', '$key', 'uploads/alice/'],
      ['eq', '$success_action_status', '201'],
      ['in', '$Content-Type', ['image/png', 'image/jpeg']],
      ['eq', '$x-oss-meta-owner', 'alice'],
    ]);
    const callback = JSON.parse(Buffer.from(fields.callback!, 'base64').toString('utf8'));
    expect(callback.callbackUrl).toBe('https://app.example.com/oss-callback');
    expect(fields['x:user']).toBe('alice');
    expect(fields['x-oss-object-acl']).toBe('private');
    // Key first, the policy and signature next: the order the browser sends them in, before the file.
    expect(Object.keys(fields).slice(0, 2)).toEqual(['key', 'policy']);
    expect(check({ ...fields, 'Content-Type': 'image/png' })).toBeUndefined();
  });

  it('V1: OSSAccessKeyId, policy and Signature, verified by the oracle', () => {
    const issued = issuePostPolicy(
      options({ signatureVersion: 'v1', region: undefined, key: 'avatars/alice.png', keyPrefix: undefined }),
    );
    expect(issued.url).toBeUndefined();
    expect(Object.keys(issued.fields)).toEqual(['key', 'policy', 'OSSAccessKeyId', 'Signature']);
    expect(issued.fields.OSSAccessKeyId).toBe(CREDENTIALS.accessKeyId);
    expect(issued.fields.Signature).toBe(oracleV1(CREDENTIALS.accessKeySecret, issued.fields.policy!));
    expect(decodePolicy(issued.fields.policy!)).toEqual({
      expiration: '2026-11-21T13:00:00.000Z',
      conditions: [
        { bucket: 'example-bucket' },
        ['content-length-range', 0, 1048576],
        ['eq', '$key', 'avatars/alice.png'],
      ],
    });
    expect(check(issued.fields)).toBeUndefined();
  });

  it('V1 with an STS token sends x-oss-security-token and keeps the documented V1 policy', () => {
    const issued = issuePostPolicy(
      options({ signatureVersion: 'v1', credentials: { ...CREDENTIALS, securityToken: 'tok' } }),
    );
    expect(issued.fields['x-oss-security-token']).toBe('tok');
    expect(JSON.stringify(issued.policy)).not.toContain('security-token');
    expect(issued.fields.Signature).toBe(oracleV1(CREDENTIALS.accessKeySecret, issued.fields.policy!));
  });
});

describe('issuePostPolicy: what the POST checker makes of the issued form', () => {
  const issued = issuePostPolicy(options({ successActionStatus: 201, contentType: 'text/plain' }));

  it('accepts the form as issued', () => {
    expect(issued.fields['Content-Type']).toBe('text/plain');
    expect(check(issued.fields)).toBeUndefined();
  });

  it('refuses a key outside the prefix with the condition OSS prints', () => {
    const error = check({ ...issued.fields, key: 'uploads/bob/x.txt' });
    expect(error?.code).toBe('AccessDenied');
    expect(error?.message).toBe(
      message('AccessDenied.policyConditionFailed', {
        condition: '["starts-with", "$key", "uploads/alice/"]',
      }),
    );
  });

  it('refuses a changed success_action_status and a changed Content-Type', () => {
    expect(check({ ...issued.fields, success_action_status: '200' })?.message).toBe(
      message('AccessDenied.policyConditionFailed', { condition: '["eq", "$success_action_status", "201"]' }),
    );
    expect(check({ ...issued.fields, 'Content-Type': 'text/html' })?.message).toBe(
      message('AccessDenied.policyConditionFailed', { condition: '["eq", "$Content-Type", "text/plain"]' }),
    );
  });

  it('refuses another bucket, a forged signature, and a form used after its expiration', () => {
    expect(check(issued.fields, NOW, 'other-bucket')?.message).toBe(
      message('AccessDenied.policyConditionFailed', { condition: '["eq", "$bucket", "example-bucket"]' }),
    );
    expect(check({ ...issued.fields, 'x-oss-signature': '0'.repeat(64) })?.code).toBe(
      'SignatureDoesNotMatch',
    );
    const expiry = Date.parse(issued.expiration);
    expect(check(issued.fields, expiry)).toBeUndefined();
    expect(check(issued.fields, expiry + 1)?.message).toBe(message('AccessDenied.policyExpired'));
  });
});

describe('issuePostPolicy: boundaries', () => {
  it('expiration must be after now: now + 1 ms is the first accepted instant', () => {
    expect(() => issuePostPolicy(options({ expiration: new Date(NOW) }))).toThrow(/already be expired/);
    expect(issuePostPolicy(options({ expiration: new Date(NOW + 1) })).expiration).toBe(
      '2026-11-21T12:00:00.001Z',
    );
    expect(() => issuePostPolicy(options({ expiresIn: 0 }))).toThrow(/"expiresIn" must be a positive/);
    expect(() => issuePostPolicy(options({ expiresIn: -5 }))).toThrow(TypeError);
    expect(() => issuePostPolicy(options({ expiresIn: Number.NaN }))).toThrow(TypeError);
    expect(issuePostPolicy(options({ expiresIn: 60 })).expiration).toBe('2026-11-21T12:01:00.000Z');
    expect(issuePostPolicy(options()).expiration).toBe('2026-11-21T13:00:00.000Z');
  });

  it('a V4 policy may last exactly 7 days; V1 has no such limit', () => {
    const week = 7 * 24 * 3600;
    expect(issuePostPolicy(options({ expiresIn: week })).expiration).toBe('2026-11-28T12:00:00.000Z');
    expect(() => issuePostPolicy(options({ expiresIn: week + 1 }))).toThrow(/at most 7 days/);
    expect(issuePostPolicy(options({ signatureVersion: 'v1', expiresIn: 30 * 24 * 3600 })).expiration).toBe(
      '2026-12-21T12:00:00.000Z',
    );
  });

  it('sizes: equal bounds and 0 are allowed; min > max, negatives and fractions are refused', () => {
    const range = (o: Partial<IssuePostPolicyOptions>) =>
      issuePostPolicy(options({ maxSize: undefined, ...o })).policy.conditions.find(
        (c) => Array.isArray(c) && c[0] === 'content-length-range',
      );
    expect(range({ minSize: 10, maxSize: 10 })).toEqual(['content-length-range', 10, 10]);
    expect(range({ maxSize: 0 })).toEqual(['content-length-range', 0, 0]);
    expect(range({ minSize: 1 })).toEqual(['content-length-range', 1, 5 * 1024 ** 3]);
    expect(range({})).toBeUndefined();
    expect(() => range({ minSize: 11, maxSize: 10 })).toThrow(
      /"minSize" \(11\) is larger than "maxSize" \(10\)/,
    );
    expect(() => range({ maxSize: -1 })).toThrow(/"maxSize" must be a whole number/);
    expect(() => range({ minSize: 1.5 })).toThrow(/"minSize" must be a whole number/);
  });

  it('object names: 1023 bytes is the longest key, a prefix leaves room for one character', () => {
    expect(issuePostPolicy(options({ keyPrefix: undefined, key: 'k'.repeat(1023) })).fields.key).toHaveLength(
      1023,
    );
    expect(() => issuePostPolicy(options({ keyPrefix: undefined, key: 'k'.repeat(1024) }))).toThrow(
      `"key" is refused by OSS: InvalidObjectName: ${message('InvalidObjectName.tooLong')}`,
    );
    expect(issuePostPolicy(options({ keyPrefix: 'p'.repeat(1022) })).fields.key).toBe(
      `${'p'.repeat(1022)}\${filename}`,
    );
    expect(() => issuePostPolicy(options({ keyPrefix: 'p'.repeat(1023) }))).toThrow(
      /"keyPrefix" would only produce/,
    );
    // Multi-byte characters count in UTF-8 bytes, as OSS counts them.
    expect(() => issuePostPolicy(options({ keyPrefix: undefined, key: 'é'.repeat(512) }))).toThrow(
      /less than 1024/,
    );
    expect(() => issuePostPolicy(options({ keyPrefix: '/abs/' }))).toThrow(
      message('InvalidObjectName.invalid'),
    );
    expect(() => issuePostPolicy(options({ keyPrefix: undefined, key: '\\x' }))).toThrow(/not valid/);
    expect(() => issuePostPolicy(options({ keyPrefix: 'a\uD800b/' }))).toThrow(/lone UTF-16 surrogate/);
    expect(issuePostPolicy(options({ keyPrefix: '' })).policy.conditions).toContainEqual([
      'starts-with',
      '$key',
      '',
    ]);
  });
});

describe('issuePostPolicy: option errors name the option', () => {
  const cases: Array<[string, Partial<IssuePostPolicyOptions> | Record<string, unknown>, RegExp]> = [
    ['bucket', { bucket: 'Bad_Bucket' }, /"bucket" "Bad_Bucket" is not a valid bucket name/],
    ['bucket too short', { bucket: 'ab' }, /"bucket"/],
    ['key and keyPrefix', { key: 'a' }, /either "key" or "keyPrefix", not both/],
    ['neither key', { keyPrefix: undefined }, /"key" or "keyPrefix" is required/],
    [
      'both expirations',
      { expiresIn: 5, expiration: new Date(NOW + 5000) },
      /either "expiresIn" or "expiration"/,
    ],
    ['invalid Date', { expiration: new Date(Number.NaN) }, /"expiration" must be a valid Date/],
    ['V4 without region', { region: undefined }, /"region" \(such as "cn-hangzhou"\) is required/],
    [
      'endpoint prefix as region',
      { region: 'oss-cn-hangzhou' },
      /region ID \("cn-hangzhou"\), not the endpoint prefix/,
    ],
    ['region shape', { region: 'CN Hangzhou' }, /"region" must be a region ID/],
    ['signature version', { signatureVersion: 'v2' as 'v1' }, /"signatureVersion" must be "v1" or "v4"/],
    [
      'AccessKeyId characters',
      { credentials: { accessKeyId: 'dev-key', accessKeySecret: 's' } },
      /accessKeyId/,
    ],
    ['empty secret', { credentials: { accessKeyId: 'ak', accessKeySecret: '' } }, /accessKeySecret/],
    ['empty token', { credentials: { ...CREDENTIALS, securityToken: '' } }, /securityToken/],
    ['status', { successActionStatus: 302 as 200 }, /"successActionStatus" must be 200, 201 or 204/],
    ['content type list', { contentType: [] }, /"contentType" as a list/],
    [
      'content type shape',
      { contentType: { starts: 'image/' } as unknown as string },
      /"contentType" must be/,
    ],
    ['typo', { maxsize: 10 }, /unknown option "maxsize". Did you mean "maxSize"\?/],
    ['reserved field', { fields: { Policy: 'x' } }, /"fields" must not set "Policy"/],
    ['field twice', { successActionStatus: 201, fields: { success_action_status: '200' } }, /another option/],
    ['field value', { fields: { 'x-oss-meta-a': 1 as unknown as string } }, /"fields" must map/],
    ['url', { url: '' }, /"url" must be/],
    ['now', { now: Number.NaN }, /"now" must be/],
  ];
  it.each(cases)('%s', (_name, extra, message) => {
    expect(() => issuePostPolicy(options(extra as Partial<IssuePostPolicyOptions>))).toThrow(TypeError);
    expect(() => issuePostPolicy(options(extra as Partial<IssuePostPolicyOptions>))).toThrow(message);
  });

  it("a callback OSS would refuse is reported with OSS's own message", () => {
    expect(() =>
      issuePostPolicy(options({ callback: { callbackUrl: 'http://127.0.0.1/cb', callbackBody: 'a=b' } })),
    ).toThrow(
      `oss-preflight: issuePostPolicy(): "callback" is refused by OSS: InvalidArgument: ${message('InvalidArgument.callbackPrivateAddress')}`,
    );
    expect(() =>
      issuePostPolicy(options({ callback: { callbackUrl: 'https://a.example.com/', callbackBody: '' } })),
    ).toThrow(
      `"callback" is refused by OSS: InvalidArgument: ${message('InvalidArgument.callbackBodyEmpty')}`,
    );
    expect(() => issuePostPolicy(options({ callback: 'not base64!' }))).toThrow(/not base64 encoded/);
    // With x: variables OSS checks the ${...} syntax of callbackBody.
    expect(() =>
      issuePostPolicy(
        options({
          callback: { callbackUrl: 'https://a.example.com/', callbackBody: 'v=$ {x:a}' },
          fields: { 'x:a': '1' },
        }),
      ),
    ).toThrow(/"callback" is refused by OSS/);
  });

  it('extra conditions are checked with the POST checker\'s parser and reported against "conditions"', () => {
    expect(() => issuePostPolicy(options({ conditions: [['ends-with', '$key', '.png']] }))).toThrow(
      `"conditions" would make OSS refuse the policy: InvalidPolicyDocument: ${message('InvalidPolicyDocument.pleaseCheck')}`,
    );
    expect(() => issuePostPolicy(options({ conditions: [['content-length-range', 10, 5]] }))).toThrow(
      /"conditions"/,
    );
    expect(() => issuePostPolicy(options({ conditions: [{ a: 'b', c: 'd' }] }))).toThrow(/Simple-Condition/);
    expect(() => issuePostPolicy(options({ conditions: 'x' as unknown as [] }))).toThrow(
      /"conditions" must be an array/,
    );
    const issued = issuePostPolicy(options({ conditions: [['starts-with', '$Cache-Control', 'max-age']] }));
    expect(issued.policy.conditions.at(-1)).toEqual(['starts-with', '$Cache-Control', 'max-age']);
  });

  it('refuses a non-object', () => {
    expect(() => issuePostPolicy(undefined as unknown as IssuePostPolicyOptions)).toThrow(
      /options must be an object/,
    );
  });
});
