import OssUtil from '@alicloud/oss-util';
import { describe, expect, it } from '@jest/globals';
import { unknownKeyCredential } from '../../src/core/credential';
import { createPreflight } from '../../src/preflight/create-preflight';
import type { Credentials } from '../../src/signing/types';
import { authCheck, GMT, KEY, line, NOW } from '../auth/rule-helpers';
import { summary } from '../helpers/catalogue';
import { type OracleRequest, oracleV2Signature, oracleV2StringToSign } from '../helpers/oracle-signer';

// Signature V2 (`OSS2`): vectors come from two implementations other than the project's: the
// oracle written from the SignV2 specification in test/helpers/oracle-signer.ts (crypto-js), and
// @alicloud/oss-util, the signer of @alicloud/oss-client (whose default scheme is V2).

const MISMATCH = summary(403, 'SignatureDoesNotMatch.mismatch');
const WRONG: Credentials = { ...KEY, accessKeySecret: 'not-the-secret' };
const INVALID = summary(400, 'InvalidArgument.authorizationInvalid');
const ITEMS = summary(400, 'InvalidArgument.authorizationItemCount');
const MISSING = summary(400, 'InvalidArgument.authorizationPartMissing');
const UNKNOWN = summary(400, 'InvalidArgument.authorizationUnknownParameter');

const enc = (s: string) =>
  encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

type Case = { method: string; key: string; query: Array<[string, string]>; headers: Record<string, string> };

function oracleHeader(c: Case, secret: string, additional: string[] = []): Record<string, string> {
  const req: OracleRequest = {
    method: c.method,
    bucket: 'example-bucket',
    key: c.key,
    query: new URLSearchParams(c.query),
    headers: { ...c.headers, date: GMT },
  };
  const signature = oracleV2Signature(secret, oracleV2StringToSign(req, additional));
  const list = additional.length > 0 ? `AdditionalHeaders:${additional.join(';')},` : '';
  return {
    ...c.headers,
    date: GMT,
    authorization: `OSS2 AccessKeyId:${KEY.accessKeyId},${list}Signature:${signature}`,
  };
}

function urlOf(c: Case, extra: Array<[string, string]> = []): string {
  const pairs = [...c.query, ...extra];
  const query = pairs.map(([k, v]) => (v === '' ? enc(k) : `${enc(k)}=${enc(v)}`)).join('&');
  const path = `/example-bucket/${enc(c.key).replaceAll('%2F', '/')}`;
  return query ? `${path}?${query}` : path;
}

const check = (c: Case, headers: Record<string, string>, credential: Credentials | undefined = KEY) =>
  line(authCheck(c.method, urlOf(c), headers, { credential }));

const CASES: Array<[string, Case]> = [
  ['a plain PUT', { method: 'PUT', key: 'dir/a.txt', query: [], headers: { 'content-type': 'text/plain' } }],
  [
    'a key with spaces, CJK, + and !*()',
    { method: 'PUT', key: "dir/文 x+y!*'().txt", query: [], headers: { 'x-oss-meta-a': 'b' } },
  ],
  ['a sub-resource', { method: 'GET', key: 'a.txt', query: [['acl', '']], headers: {} }],
  [
    'query parameters V1 would not sign',
    {
      method: 'GET',
      key: 'a.txt',
      query: [
        ['x-oss-process', 'image/resize,w_10'],
        ['custom', 'a b'],
      ],
      headers: {},
    },
  ],
  [
    'a bucket request',
    {
      method: 'GET',
      key: '',
      query: [
        ['prefix', 'dir/'],
        ['max-keys', '10'],
      ],
      headers: {},
    },
  ],
];

describe('V2 Authorization header with a known key', () => {
  it.each(CASES)('%s: the right secret verifies, a wrong one is SignatureDoesNotMatch', (_name, c) => {
    expect(check(c, oracleHeader(c, KEY.accessKeySecret))).toBe('ok');
    expect(check(c, oracleHeader(c, WRONG.accessKeySecret))).toBe(MISMATCH);
  });

  it('additional headers are signed: a changed Range no longer verifies', () => {
    const c: Case = { method: 'GET', key: 'a.txt', query: [], headers: { range: 'bytes=0-9' } };
    const headers = oracleHeader(c, KEY.accessKeySecret, ['range']);
    expect(check(c, headers)).toBe('ok');
    expect(check(c, { ...headers, range: 'bytes=0-10' })).toBe(MISMATCH);
  });

  it('a changed x-oss-* header, query value or method no longer verifies', () => {
    const c: Case = {
      method: 'PUT',
      key: 'a.txt',
      query: [['custom', '1']],
      headers: { 'x-oss-meta-a': 'b' },
    };
    const headers = oracleHeader(c, KEY.accessKeySecret);
    expect(check(c, headers)).toBe('ok');
    expect(check(c, { ...headers, 'x-oss-meta-a': 'c' })).toBe(MISMATCH);
    expect(check({ ...c, query: [['custom', '2']] }, headers)).toBe(MISMATCH);
    expect(check({ ...c, method: 'POST' }, headers)).toBe(MISMATCH);
  });

  it('the mismatch carries the string to sign, as OSS answers', () => {
    const c = CASES[0]![1];
    const outcome = authCheck(c.method, urlOf(c), oracleHeader(c, WRONG.accessKeySecret), {
      credential: KEY,
    });
    expect(outcome).not.toBe('ok');
    if (outcome === 'ok') return;
    const details = new Map(outcome.details);
    expect(details.get('OSSAccessKeyId')).toBe(KEY.accessKeyId);
    expect(details.get('StringToSign')).toBe(`PUT\n\ntext/plain\n${GMT}\n\n%2Fexample-bucket%2Fdir%2Fa.txt`);
  });

  it('an unknown key (unknownKeys: reject) is InvalidAccessKeyId; without the key the signature is left to OSS', () => {
    const c = CASES[0]![1];
    expect(check(c, oracleHeader(c, WRONG.accessKeySecret), unknownKeyCredential(KEY.accessKeyId))).toBe(
      summary(403, 'InvalidAccessKeyId.unknown'),
    );
    const anonymousVerifier = line(authCheck(c.method, urlOf(c), oracleHeader(c, WRONG.accessKeySecret)));
    expect(anonymousVerifier).toBe('ok');
  });

  it('the Date is judged as for V1', () => {
    const c = CASES[0]![1];
    const headers = oracleHeader(c, KEY.accessKeySecret);
    expect(check(c, { ...headers, date: 'Sat, 16 Dec 2023 15:20:57 GMT' })).toBe(
      summary(403, 'RequestTimeTooSkewed.tooLarge'),
    );
    const { date: _omitted, ...withoutDate } = headers;
    expect(check(c, withoutDate)).toBe(summary(403, 'AccessDenied.validDateRequired'));
  });
});

describe('V2 vectors computed by @alicloud/oss-util (the signer of @alicloud/oss-client)', () => {
  const sdk = (
    pathname: string,
    query: Record<string, string>,
    headers: Record<string, string>,
    extra?: string[],
  ) =>
    OssUtil.getSignature(
      { method: 'PUT', pathname, query, headers: { date: GMT, ...headers } } as never,
      'example-bucket',
      KEY.accessKeyId,
      KEY.accessKeySecret,
      'V2',
      extra ?? [],
    );

  it.each([
    ['an object PUT', '/dir/a.txt', {}, { 'content-type': 'text/plain', 'x-oss-meta-a': 'b' }, undefined],
    ['a sub-resource in the path', '/a.txt?acl', {}, {}, undefined],
    ['query parameters', '/a.txt', { 'x-oss-process': 'image/resize,w_10', z: '1' }, {}, undefined],
    ['an additional header', '/a.txt', {}, { 'content-disposition': 'inline' }, ['content-disposition']],
  ])('%s verifies, and fails with another secret', (_name, pathname, query, headers, extra) => {
    const authorization = sdk(pathname, query, headers, extra);
    expect(authorization).toMatch(/^OSS2 AccessKeyId:/);
    const [path, sub] = pathname.split('?');
    const pairs = [
      ...(sub ? [[sub, ''] as [string, string]] : []),
      ...Object.entries(query).map(([k, v]) => [k, v] as [string, string]),
    ];
    const url = `/example-bucket${path}${pairs.length ? `?${pairs.map(([k, v]) => (v ? `${enc(k)}=${enc(v)}` : k)).join('&')}` : ''}`;
    const all = { ...headers, date: GMT, authorization };
    expect(line(authCheck('PUT', url, all, { credential: KEY }))).toBe('ok');
    expect(line(authCheck('PUT', url, all, { credential: WRONG }))).toBe(MISMATCH);
  });
});

describe('V2 Authorization header shape', () => {
  it.each([
    ['OSS2', ITEMS],
    ['OSS2 AdditionalHeaders:host,Signature:abc=', MISSING],
    ['OSS2 AccessKeyId:LTAI5tRuleTestKey', MISSING],
    ['OSS2 AccessKeyId:LTAI5tRuleTestKey,Signature:', MISSING],
    ['OSS2 AccessKeyId:LTAI5tRuleTestKey,Signature:abc=,Extra:1', UNKNOWN],
    ['OSS2 AccessKeyId:LTAI5tRuleTestKey,Signature:abc=,Signature:abc=', INVALID],
    ['OSS2 AccessKeyId:LTAI5tRuleTestKey,Signature', INVALID],
    ['OSS2 AccessKeyId:LTAI5tRuleTestKey,AdditionalHeaders:host;,Signature:abc=', INVALID],
    ['OSS2 AccessKeyId:a,b,c,d', ITEMS],
    ['OSS2 AccessKeyId:bad key!,Signature:abc=', summary(403, 'InvalidAccessKeyId.characters')],
  ])('%s → %s', (authorization, expected) => {
    expect(line(authCheck('GET', '/example-bucket/a.txt', { date: GMT, authorization }))).toBe(expected);
  });

  it('a missing AccessKeyId carries EC 0002-00000105', () => {
    const core = createPreflight({ families: ['auth'] });
    const request = core.parse({
      method: 'GET',
      url: '/example-bucket/a.txt',
      headers: { host: 'h', date: GMT, authorization: 'OSS2 AdditionalHeaders:host,Signature:abc=' },
    });
    expect(core.check(request, { now: NOW })?.ec).toBe('0002-00000105');
  });

  it('well-formed variants parse (spaces after commas, items in any order, no AdditionalHeaders)', () => {
    for (const authorization of [
      'OSS2 AccessKeyId:LTAI5tRuleTestKey, Signature:abc=',
      'OSS2 Signature:abc=,AccessKeyId:LTAI5tRuleTestKey',
      'OSS2 AccessKeyId:LTAI5tRuleTestKey,AdditionalHeaders:,Signature:abc=',
    ]) {
      expect(line(authCheck('GET', '/example-bucket/a.txt', { date: GMT, authorization }))).toBe('ok');
    }
  });
});

describe('V2 presigned URL', () => {
  const EXPIRES = String(Math.floor(NOW / 1000) + 60);

  function presigned(c: Case, secret: string, extra: Array<[string, string]> = []): string {
    const params: Array<[string, string]> = [
      ...c.query,
      ...extra,
      ['x-oss-signature-version', 'OSS2'],
      ['x-oss-expires', EXPIRES],
      ['x-oss-access-key-id', KEY.accessKeyId],
    ];
    const req: OracleRequest = {
      method: c.method,
      bucket: 'example-bucket',
      key: c.key,
      query: new URLSearchParams(params),
      headers: c.headers,
    };
    const signature = oracleV2Signature(secret, oracleV2StringToSign(req, [], EXPIRES));
    return urlOf({ ...c, query: params }, [['x-oss-signature', signature]]);
  }

  const c: Case = {
    method: 'GET',
    key: 'dir/文 x.txt',
    query: [['response-content-type', 'text/html']],
    headers: {},
  };
  const run = (url: string, credential: Credentials | undefined = KEY, now = NOW) =>
    line(authCheck('GET', url, {}, { credential, now }));

  it('verifies with the right secret, refuses a wrong one', () => {
    expect(run(presigned(c, KEY.accessKeySecret))).toBe('ok');
    expect(run(presigned(c, WRONG.accessKeySecret))).toBe(MISMATCH);
  });

  it('an expired URL is refused before its signature is looked at', () => {
    expect(run(presigned(c, WRONG.accessKeySecret), KEY, NOW + 61_000)).toBe(
      summary(403, 'AccessDenied.requestExpired'),
    );
    expect(run(presigned(c, KEY.accessKeySecret), KEY, NOW + 60_000)).toBe('ok');
  });

  it.each([
    ['x-oss-access-key-id', summary(400, 'InvalidArgument.parameterInvalidDotted')],
    ['x-oss-signature', summary(400, 'InvalidArgument.parameterInvalidDotted')],
    ['x-oss-expires', summary(400, 'InvalidArgument.parameterInvalidDotted')],
  ])('without %s: %s', (name, expected) => {
    const url = presigned(c, KEY.accessKeySecret);
    const [path, query] = url.split('?') as [string, string];
    const kept = query.split('&').filter((pair) => !pair.startsWith(`${name}=`));
    expect(run(`${path}?${kept.join('&')}`)).toBe(expected);
  });

  it('x-oss-expires that is not a number', () => {
    const url = presigned(c, KEY.accessKeySecret).replace(`x-oss-expires=${EXPIRES}`, 'x-oss-expires=soon');
    expect(run(url)).toBe(summary(403, 'AccessDenied.expiresNotEpoch'));
  });

  it('an STS key needs security-token in the URL', () => {
    const sts = { accessKeyId: 'STS.tempkey', accessKeySecret: 'tempsecret' };
    const url = presigned(c, sts.accessKeySecret).replace(KEY.accessKeyId, sts.accessKeyId);
    expect(run(url, undefined)).toBe(summary(400, 'InvalidRequest.securityTokenInQuery'));
  });

  it('with an Authorization header as well: one mechanism only', () => {
    const url = presigned(c, KEY.accessKeySecret);
    expect(line(authCheck('GET', url, { date: GMT, authorization: `OSS ${KEY.accessKeyId}:abc=` }))).toBe(
      summary(400, 'InvalidArgument.parameterInvalidDotted'),
    );
  });
});
