import { describe, expect, it } from '@jest/globals';
import { createPreflight } from '../../src/preflight/create-preflight';
import { expectSigningRegion } from '../../src/rules/auth';
import { authCheck, GMT, ISO, line, NOW } from '../auth/rule-helpers';
import { summary } from '../helpers/catalogue';

const EMPTY = summary(400, 'InvalidArgument.authorizationEmpty');
const ITEMS = summary(400, 'InvalidArgument.authorizationItemCount');
const MISSING = summary(400, 'InvalidArgument.authorizationPartMissing');
const INVALID = summary(400, 'InvalidArgument.authorizationInvalid');
const UNKNOWN = summary(400, 'InvalidArgument.authorizationUnknownParameter');
const PRODUCT = summary(400, 'InvalidArgument.authorizationProduct');
const REGION = summary(400, 'InvalidArgument.authorizationRegion');
const AK_CHARS = summary(403, 'InvalidAccessKeyId.characters');
const GENERIC = summary(400, 'InvalidArgument.parameterInvalidDotted');

const SIG = 'e21d18daa82167720f9b1047ae7e7f1ce7cb77a31e8203a7d5f4624fa0284afe';
const CRED = 'LTAI5tRuleTestKey/20231216/cn-hangzhou/oss/aliyun_v4_request';
const V4_HEADERS = { 'x-oss-date': ISO, 'x-oss-content-sha256': 'UNSIGNED-PAYLOAD' };

const v1 = (authorization: string) => line(authCheck('PUT', '/bucket/a.txt', { date: GMT, authorization }));
const v4 = (rest: string, headers: Record<string, string> = {}) =>
  line(
    authCheck('PUT', '/bucket/a.txt', {
      ...V4_HEADERS,
      ...headers,
      authorization: `OSS4-HMAC-SHA256 ${rest}`,
    }),
  );

describe('Authorization header: V1 shape', () => {
  it.each([
    ['', EMPTY],
    ['   ', EMPTY],
    ['OSS', ITEMS],
    ['OSS ', ITEMS],
    ['OSS ak:sig extra', ITEMS],
    ['OSS ak', MISSING],
    ['OSS :c2ln', MISSING],
    ['OSS ak:', MISSING],
    ['Bearer abc', INVALID],
    ['oss ak:sig', INVALID],
    ['OSS a!b:c2ln', AK_CHARS],
    ['OSS ak\u00e9:c2ln', AK_CHARS],
    ['OSS STS.NSjeT_o=d.x:c2ln', 'ok'],
    ['OSS ak:c2ln', 'ok'],
    ['OSS  ak:c2ln', 'ok'],
    ['AWS ak:c2ln', 'ok'],
  ])('%j → %s', (authorization, expected) => {
    expect(v1(authorization)).toBe(expected);
  });

  it('answers the public conformance case auth-header-one-item with InvalidArgument', () => {
    const outcome = authCheck('PUT', '/example-bucket/s.txt', { date: GMT, authorization: 'OSS' });
    expect(outcome).not.toBe('ok');
    expect(outcome !== 'ok' && [outcome.status, outcome.code]).toEqual([400, 'InvalidArgument']);
  });
});

describe('Authorization header: V4 shape', () => {
  it.each([
    ['', ITEMS],
    [`Credential=${CRED}`, ITEMS],
    [`Credential=${CRED},AdditionalHeaders=host,Signature=${SIG},Signature=${SIG}`, ITEMS],
    [`Credential=${CRED},Signature`, INVALID],
    [`Credential=${CRED},=x`, INVALID],
    [`Credential=${CRED},Credential=${CRED}`, INVALID],
    [`Credential=${CRED},Foo=bar`, UNKNOWN],
    [`Credential=${CRED},signature=${SIG}`, UNKNOWN],
    [`Credential=,Signature=${SIG}`, MISSING],
    [`Credential=${CRED},Signature=`, MISSING],
    [`Credential=${CRED},AdditionalHeaders=host`, MISSING],
    [`AdditionalHeaders=host,Signature=${SIG}`, MISSING],
    [`Credential=/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=${SIG}`, MISSING],
    [`Credential=LTAI5tRuleTestKey/20231216/cn-hangzhou/oss,Signature=${SIG}`, INVALID],
    [`Credential=LTAI5tRuleTestKey/2023-12-16/cn-hangzhou/oss/aliyun_v4_request,Signature=${SIG}`, INVALID],
    [`Credential=LTAI5tRuleTestKey/20231216//oss/aliyun_v4_request,Signature=${SIG}`, INVALID],
    [`Credential=LTAI5tRuleTestKey/20231216/cn-hangzhou/oss/abc,Signature=${SIG}`, INVALID],
    [`Credential=LTAI5tRuleTestKey/20231216/cn-hangzhou/s3/aliyun_v4_request,Signature=${SIG}`, PRODUCT],
    [`Credential=LTAI5tRuleTestKey/20231216/oss-cn-hangzhou/oss/aliyun_v4_request,Signature=${SIG}`, REGION],
    [`Credential=LTAI5tRuleTestKey/20231216/CN-HANGZHOU/oss/aliyun_v4_request,Signature=${SIG}`, REGION],
    [`Credential=a!b/20231216/cn-hangzhou/oss/aliyun_v4_request,Signature=${SIG}`, AK_CHARS],
    [`Credential=${CRED},Signature=${SIG}`, 'ok'],
    [`Credential=${CRED}, Signature=${SIG}`, 'ok'],
    [`Signature=${SIG}, Credential=${CRED}`, 'ok'],
    [`Credential=${CRED}, Signature=${SIG}, AdditionalHeaders=host`, 'ok'],
    [`Credential=LTAI5tRuleTestKey/20231216/cb-123/oss-cloudbox/aliyun_v4_request,Signature=${SIG}`, 'ok'],
  ])('%s → %s', (rest, expected) => {
    expect(v4(rest)).toBe(expected);
  });

  it('echoes the header in <Authorization> when the credential is malformed, as a real response does', () => {
    const authorization = `OSS4-HMAC-SHA256 Credential=LTAI5tRuleTestKey/20231216//oss/aliyun_v4_request,Signature=${SIG}`;
    const outcome = authCheck('GET', '/bucket/a.txt', { ...V4_HEADERS, authorization });
    expect(outcome !== 'ok' && outcome.details).toEqual([['Authorization', authorization]]);
  });

  it('takes an AWS4 (S3-compatible) header as OSS business', () => {
    expect(line(authCheck('GET', '/bucket/a', { authorization: 'AWS4-HMAC-SHA256 Credential=x' }))).toBe(
      'ok',
    );
  });
});

describe('x-oss-content-sha256 (V4)', () => {
  it.each([
    [{}, GENERIC, [['ArgumentName', 'x-oss-content-sha256']]],
    [
      { 'x-oss-content-sha256': 'a'.repeat(64) },
      GENERIC,
      [
        ['ArgumentName', 'x-oss-content-sha256'],
        ['ArgumentValue', 'a'.repeat(64)],
      ],
    ],
    [{ 'x-oss-content-sha256': 'UNSIGNED-PAYLOAD' }, 'ok', undefined],
  ])('%j → %s', (headers, expected, details) => {
    const outcome = authCheck('PUT', '/bucket/a', {
      'x-oss-date': ISO,
      ...headers,
      authorization: `OSS4-HMAC-SHA256 Credential=${CRED},Signature=${SIG}`,
    });
    expect(line(outcome)).toBe(expected);
    if (details) expect(outcome !== 'ok' && outcome.details).toEqual(details);
  });
});

describe('AdditionalHeaders', () => {
  const MESSAGE = summary(400, 'InvalidArgument.additionalHeaderMissing');
  it('must name headers the request carries', () => {
    expect(v4(`Credential=${CRED},AdditionalHeaders=host;x-extra,Signature=${SIG}`)).toBe(MESSAGE);
    expect(v4(`Credential=${CRED},AdditionalHeaders=host;X-Extra,Signature=${SIG}`, { 'x-extra': '1' })).toBe(
      'ok',
    );
  });

  it('applies to x-oss-additional-headers of a V4 URL', () => {
    const url =
      `/bucket/a?x-oss-signature-version=OSS4-HMAC-SHA256&x-oss-credential=${encodeURIComponent(CRED)}` +
      `&x-oss-date=${ISO}&x-oss-expires=60&x-oss-additional-headers=x-extra&x-oss-signature=${SIG}`;
    expect(line(authCheck('GET', url))).toBe(MESSAGE);
    expect(line(authCheck('GET', url, { 'x-extra': '1' }))).toBe('ok');
  });
});

describe('a signature in both the URL and the header', () => {
  it.each([
    ['?Signature=abc'],
    ['?OSSAccessKeyId=ak&Expires=1&Signature=abc'],
    ['?Expires=1700000000'],
    ['?x-oss-signature=abc'],
    ['?x-oss-credential=abc'],
  ])('%s with Authorization → InvalidArgument', (query) => {
    expect(line(authCheck('GET', `/bucket/a${query}`, { date: GMT, authorization: 'OSS ak:c2ln' }))).toBe(
      GENERIC,
    );
  });
});

describe('signing region', () => {
  const header = (region: string) => ({
    ...V4_HEADERS,
    authorization: `OSS4-HMAC-SHA256 Credential=LTAI5tRuleTestKey/20231216/${region}/oss/aliyun_v4_request,Signature=${SIG}`,
  });

  it('must be the region of an OSS endpoint Host', () => {
    const host = 'bucket.oss-cn-shanghai.aliyuncs.com';
    expect(line(authCheck('GET', '/a', { ...header('cn-hangzhou'), host }))).toBe(REGION);
    expect(line(authCheck('GET', '/a', { ...header('cn-shanghai'), host }))).toBe('ok');
    expect(
      line(
        authCheck('GET', '/a', {
          ...header('cn-shanghai'),
          host: 'bucket.oss-cn-shanghai-internal.aliyuncs.com',
        }),
      ),
    ).toBe('ok');
    expect(
      line(authCheck('GET', '/a', { ...header('cn-hangzhou'), host: 'bucket.oss-accelerate.aliyuncs.com' })),
    ).toBe('ok');
  });

  it('is unknown behind a gateway Host unless configured with expectSigningRegion()', () => {
    expect(line(authCheck('GET', '/bucket/a', header('cn-shanghai')))).toBe('ok');
    const core = createPreflight({ families: ['auth'], extraRules: [expectSigningRegion('cn-hangzhou')] });
    const check = (headers: Record<string, string>) => {
      const e = core.check(
        core.parse({ method: 'GET', url: '/bucket/a', headers: { host: 'gw', ...headers } }),
        { now: NOW },
      );
      return e ? `${e.status} ${e.code}: ${e.message}` : 'ok';
    };
    expect(check(header('cn-shanghai'))).toBe(REGION);
    expect(check(header('cn-hangzhou'))).toBe('ok');
  });
});

describe('schemes OSS serves that are not modelled here are left to OSS', () => {
  it.each([
    ['/bucket/a?AWSAccessKeyId=ak&Expires=1&Signature=x', {}],
    ['/bucket/a?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=x&X-Amz-Signature=y', {}],
    // V2 (OSS2) is modelled since issue 11: test/rules/auth-v2.test.ts.
    ['/bucket/a', { authorization: 'AWS4-HMAC-SHA256 Credential=x' }],
  ])('%s %j', (url, headers) => {
    expect(line(authCheck('GET', url, headers))).toBe('ok');
  });
});
