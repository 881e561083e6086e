import { describe, expect, it } from '@jest/globals';
import { unknownKeyCredential } from '../../src/core/credential';
import { presignV1, signV1, v1StringToSign } from '../../src/signing/sign-v1';
import { presignV4, signV4, v4Encode } from '../../src/signing/sign-v4';
import type { Credentials } from '../../src/signing/types';
import { authCheck, GMT, KEY, line, NOW } from '../auth/rule-helpers';
import { summary } from '../helpers/catalogue';

const MISMATCH = summary(403, 'SignatureDoesNotMatch.mismatch');
const UNKNOWN = summary(403, 'InvalidAccessKeyId.unknown');
const BAD_TOKEN = summary(403, 'InvalidSecurityToken.invalid');
const WRONG: Credentials = { ...KEY, accessKeySecret: 'not-the-secret' };

type Described = {
  method: string;
  bucket: string;
  key: string;
  query: Array<[string, string]>;
  headers: Record<string, string>;
};

const describeRequest = (overrides: Partial<Described> = {}): Described => ({
  method: 'PUT',
  bucket: 'example-bucket',
  key: 'dir/文 x+y.txt',
  query: [],
  headers: { 'content-type': 'text/plain', 'x-oss-meta-a': 'b' },
  ...overrides,
});

function urlOf(d: Described, extra: Array<[string, string]> = []): string {
  const pairs = [...d.query, ...extra];
  const query = pairs.map(([k, v]) => (v === '' ? v4Encode(k) : `${v4Encode(k)}=${v4Encode(v)}`)).join('&');
  const path = `/${d.bucket}/${v4Encode(d.key).replaceAll('%2F', '/')}`;
  return query ? `${path}?${query}` : path;
}

function v1Header(d: Described, signer: Credentials, credential: Credentials | undefined = KEY) {
  const headers = { ...d.headers, ...signV1(d, signer, { date: GMT }) };
  return authCheck(d.method, urlOf(d), headers, { credential });
}

function v4Header(d: Described, signer: Credentials, credential: Credentials | undefined = KEY) {
  const headers = { ...d.headers, ...signV4(d, signer, { region: 'cn-hangzhou', now: new Date(NOW) }) };
  return authCheck(d.method, urlOf(d), headers, { credential });
}

describe('signature verification with a known key', () => {
  it.each([
    ['V1 header', v1Header],
    ['V4 header', v4Header],
  ])('%s: accepts the right secret and refuses a wrong one', (_name, sign) => {
    expect(line(sign(describeRequest(), KEY))).toBe('ok');
    expect(line(sign(describeRequest({ query: [['acl', '']], method: 'GET' }), KEY))).toBe('ok');
    expect(line(sign(describeRequest(), WRONG))).toBe(MISMATCH);
  });

  it('V1 URL and V4 URL', () => {
    const d = describeRequest({ method: 'GET', headers: {} });
    const v1 = presignV1(d, KEY, { expires: Math.floor(NOW / 1000) + 60 });
    expect(line(authCheck('GET', urlOf(d, v1), {}, { credential: KEY }))).toBe('ok');
    expect(
      line(
        authCheck(
          'GET',
          urlOf(d, presignV1(d, WRONG, { expires: Math.floor(NOW / 1000) + 60 })),
          {},
          { credential: KEY },
        ),
      ),
    ).toBe(MISMATCH);
    const v4 = presignV4(d, KEY, { region: 'cn-hangzhou', now: new Date(NOW), expires: 60 });
    expect(line(authCheck('GET', urlOf(d, v4), {}, { credential: KEY }))).toBe('ok');
    const v4Wrong = presignV4(d, WRONG, { region: 'cn-hangzhou', now: new Date(NOW), expires: 60 });
    expect(line(authCheck('GET', urlOf(d, v4Wrong), {}, { credential: KEY }))).toBe(MISMATCH);
  });

  it('notices a header changed after signing', () => {
    const d = describeRequest();
    const headers = {
      ...d.headers,
      ...signV4(d, KEY, { region: 'cn-hangzhou', now: new Date(NOW) }),
      'x-oss-meta-a': 'c',
    };
    expect(line(authCheck('PUT', urlOf(d), headers, { credential: KEY }))).toBe(MISMATCH);
  });

  it('accepts upper-case hex in a V4 signature', () => {
    const d = describeRequest();
    const headers = { ...d.headers, ...signV4(d, KEY, { region: 'cn-hangzhou', now: new Date(NOW) }) };
    headers.authorization = headers.authorization!.replace(
      /Signature=(\w+)/,
      (_m, s: string) => `Signature=${s.toUpperCase()}`,
    );
    expect(line(authCheck('PUT', urlOf(d), headers, { credential: KEY }))).toBe('ok');
  });

  it('says what it signed, as OSS does', () => {
    const d = describeRequest();
    const v1 = v1Header(d, WRONG);
    expect(v1 !== 'ok' && v1.details.map(([n]) => n)).toEqual([
      'OSSAccessKeyId',
      'SignatureProvided',
      'StringToSign',
      'StringToSignBytes',
    ]);
    expect(v1 !== 'ok' && v1.details[2]![1]).toBe(v1StringToSign(d, GMT));
    const v4 = v4Header(d, WRONG);
    expect(v4 !== 'ok' && v4.details.map(([n]) => n)).toEqual([
      'OSSAccessKeyId',
      'SignatureProvided',
      'StringToSign',
      'StringToSignBytes',
      'CanonicalRequest',
    ]);
  });

  it('leaves a key it does not know to OSS, and says InvalidAccessKeyId when told the key does not exist', () => {
    const other = { accessKeyId: 'LTAI5tSomeoneElse', accessKeySecret: 'x' };
    expect(line(v1Header(describeRequest(), WRONG, other))).toBe('ok');
    const d = describeRequest();
    const anonymousCheck = authCheck('PUT', urlOf(d), { ...d.headers, ...signV1(d, WRONG, { date: GMT }) });
    expect(line(anonymousCheck)).toBe('ok');
    const outcome = v4Header(describeRequest(), WRONG, unknownKeyCredential(KEY.accessKeyId));
    expect(line(outcome)).toBe(UNKNOWN);
    expect(outcome !== 'ok' && outcome.details).toEqual([['OSSAccessKeyId', KEY.accessKeyId]]);
  });
});

describe('V1: the signed query parameters are uncertain, so each plausible set is accepted', () => {
  const d = describeRequest({ method: 'GET', headers: {} });
  const signWith = (signedQuery: Array<[string, string]>, sentQuery: Array<[string, string]>) => {
    const headers = signV1({ ...d, query: signedQuery }, KEY, { date: GMT, signAllOssQuery: true });
    return line(authCheck('GET', urlOf({ ...d, query: sentQuery }), headers, { credential: KEY }));
  };

  it('with or without a parameter only some SDKs sign (continuation-token, x-oss-traffic-limit)', () => {
    const sent: Array<[string, string]> = [
      ['continuation-token', 'abc'],
      ['x-oss-traffic-limit', '819200'],
      ['acl', ''],
    ];
    expect(signWith(sent, sent)).toBe('ok');
    expect(signWith([['acl', '']], sent)).toBe('ok');
    expect(
      signWith(
        [
          ['acl', ''],
          ['x-oss-traffic-limit', '819200'],
        ],
        sent,
      ),
    ).toBe('ok');
  });

  it('with the Go v2 "every x-oss-* parameter" rule', () => {
    const sent: Array<[string, string]> = [
      ['x-oss-ac-source-ip', '1.2.3.4'],
      ['x-oss-custom', '1'],
    ];
    expect(signWith(sent, sent)).toBe('ok');
  });

  it('but never without a documented sub-resource, nor with a parameter nobody signs', () => {
    expect(signWith([], [['acl', '']])).toBe(MISMATCH);
    expect(signWith([['prefix', 'a']], [['prefix', 'a']])).toBe('ok');
    const signedPrefix = signV1({ ...d, query: [['prefix', 'a']] }, KEY, {
      date: GMT,
      extraSubResources: ['prefix'],
    });
    expect(
      line(authCheck('GET', urlOf({ ...d, query: [['prefix', 'a']] }), signedPrefix, { credential: KEY })),
    ).toBe(MISMATCH);
  });
});

describe('temporary credentials', () => {
  const sts: Credentials = { ...KEY, securityToken: 'the-token' };

  it('header: the request must carry the token the provider holds', () => {
    expect(line(v4Header(describeRequest(), sts, sts))).toBe('ok');
    expect(line(v1Header(describeRequest(), sts, sts))).toBe('ok');
    expect(line(v4Header(describeRequest(), { ...sts, securityToken: 'other' }, sts))).toBe(BAD_TOKEN);
    expect(line(v4Header(describeRequest(), KEY, sts))).toBe(BAD_TOKEN);
  });

  it('URL: the same, through security-token / x-oss-security-token', () => {
    const d = describeRequest({ method: 'GET', headers: {} });
    const expires = Math.floor(NOW / 1000) + 60;
    expect(line(authCheck('GET', urlOf(d, presignV1(d, sts, { expires })), {}, { credential: sts }))).toBe(
      'ok',
    );
    const wrong = presignV1(d, { ...sts, securityToken: 'other' }, { expires });
    expect(line(authCheck('GET', urlOf(d, wrong), {}, { credential: sts }))).toBe(BAD_TOKEN);
    const v4 = presignV4(d, sts, { region: 'cn-hangzhou', now: new Date(NOW), expires: 60 });
    expect(line(authCheck('GET', urlOf(d, v4), {}, { credential: sts }))).toBe('ok');
  });
});
