import { describe, expect, it } from '@jest/globals';
import { authCheck, ISO, iso, KEY, line, NOW } from '../auth/rule-helpers';
import { summary } from '../helpers/catalogue';

const INCOMPLETE = summary(403, 'AccessDenied.presignedParameters');
const NOT_NUMBER = summary(403, 'AccessDenied.expiresNotEpoch');
const EXPIRED = summary(403, 'AccessDenied.requestExpired');
const AK_CHARS = summary(403, 'InvalidAccessKeyId.characters');
const GENERIC = summary(400, 'InvalidArgument.parameterInvalidDotted');
const PRODUCT = summary(400, 'InvalidArgument.authorizationProduct');
const REGION = summary(400, 'InvalidArgument.credentialRegionInvalid');
const DATE = summary(403, 'AccessDenied.validDateRequired');
const SKEWED = summary(403, 'RequestTimeTooSkewed.tooLarge');
const TOKEN = summary(400, 'InvalidRequest.securityTokenInQuery');

const SECONDS = Math.floor(NOW / 1000);
const get = (query: string, headers: Record<string, string> = {}) =>
  authCheck('GET', `/bucket/a.txt?${query}`, headers);

describe('V1 URL', () => {
  it.each([
    [`OSSAccessKeyId=ak&Expires=${SECONDS + 60}`, INCOMPLETE],
    [`Expires=${SECONDS + 60}&Signature=c2ln`, INCOMPLETE],
    ['OSSAccessKeyId=ak&Signature=c2ln', INCOMPLETE],
    [`OSSAccessKeyId=ak&Expires=${SECONDS + 60}&Signature=`, INCOMPLETE],
    [`OSSAccessKeyId=&Expires=${SECONDS + 60}&Signature=c2ln`, INCOMPLETE],
    ['OSSAccessKeyId=ak&Expires=abc&Signature=c2ln', NOT_NUMBER],
    ['OSSAccessKeyId=ak&Expires=&Signature=c2ln', NOT_NUMBER],
    ['OSSAccessKeyId=ak&Expires=-5&Signature=c2ln', NOT_NUMBER],
    ['OSSAccessKeyId=ak&Expires=1.5&Signature=c2ln', NOT_NUMBER],
    [`OSSAccessKeyId=a%09b&Expires=${SECONDS + 60}&Signature=c2ln`, AK_CHARS],
    [`Signature=c2ln&Expires=${SECONDS}&OSSAccessKeyId=ak`, 'ok'],
    [`OSSAccessKeyId=ak&Expires=${SECONDS - 1}&Signature=c2ln`, EXPIRED],
    [`OSSAccessKeyId=ak&Expires=99999999999999999999&Signature=c2ln`, 'ok'],
    // The first value counts (URL doc).
    [`OSSAccessKeyId=ak&Expires=${SECONDS + 60}&Expires=abc&Signature=c2ln`, 'ok'],
    [`Expires=${SECONDS - 60}`, 'ok'],
  ])('%s → %s', (query, expected) => {
    expect(line(get(query))).toBe(expected);
  });

  it('answers the public conformance case query-auth-incomplete', () => {
    expect(line(get(`OSSAccessKeyId=${KEY.accessKeyId}&Expires=${SECONDS + 3600}`))).toBe(INCOMPLETE);
  });

  it('reports Expires and ServerTime when expired, as real OSS does', () => {
    const outcome = get(`OSSAccessKeyId=ak&Expires=${SECONDS - 3600}&Signature=c2ln`);
    expect(outcome !== 'ok' && outcome.details).toEqual([
      ['Expires', '2023-12-16T15:20:57.000Z'],
      ['ServerTime', '2023-12-16T16:20:57.000Z'],
    ]);
  });

  it('checks expiry before the signature', () => {
    const outcome = authCheck(
      'GET',
      `/bucket/a.txt?OSSAccessKeyId=${KEY.accessKeyId}&Expires=${SECONDS - 1}&Signature=wrong`,
      {},
      { credential: KEY },
    );
    expect(line(outcome)).toBe(EXPIRED);
  });

  it('requires security-token for temporary (STS.) keys', () => {
    const base = `OSSAccessKeyId=STS.abc&Expires=${SECONDS + 60}&Signature=c2ln`;
    expect(line(get(base))).toBe(TOKEN);
    expect(line(get(base, { 'x-oss-security-token': 'tok' }))).toBe(TOKEN);
    expect(line(get(`${base}&security-token=tok`))).toBe('ok');
    const sts = { ...KEY, securityToken: 'tok' };
    const known = `OSSAccessKeyId=${KEY.accessKeyId}&Expires=${SECONDS + 60}&Signature=c2ln`;
    expect(line(authCheck('GET', `/bucket/a.txt?${known}`, {}, { credential: sts }))).toBe(TOKEN);
  });
});

describe('V4 URL', () => {
  const CRED = encodeURIComponent('ak/20231216/cn-hangzhou/oss/aliyun_v4_request');
  const url = (overrides: Record<string, string | null> = {}) => {
    const params: Record<string, string | null> = {
      'x-oss-signature-version': 'OSS4-HMAC-SHA256',
      'x-oss-credential': CRED,
      'x-oss-date': ISO,
      'x-oss-expires': '60',
      'x-oss-signature': 'ab'.repeat(32),
      ...overrides,
    };
    return Object.entries(params)
      .filter(([, v]) => v !== null)
      .map(([k, v]) => `${k}=${v}`)
      .join('&');
  };

  it.each([
    [{}, 'ok', undefined],
    [{ 'x-oss-signature-version': null }, GENERIC, 'x-oss-signature-version'],
    [{ 'x-oss-signature-version': 'OSS4-HMAC-SHA1' }, GENERIC, 'x-oss-signature-version'],
    [{ 'x-oss-credential': null }, GENERIC, 'x-oss-credential'],
    [{ 'x-oss-credential': '' }, GENERIC, 'x-oss-credential'],
    [{ 'x-oss-credential': 'ak%2F20231216%2Fcn-hangzhou%2Foss' }, GENERIC, 'x-oss-credential'],
    [
      { 'x-oss-credential': 'ak%2F2023-12-16%2Fcn-hangzhou%2Foss%2Faliyun_v4_request' },
      GENERIC,
      'x-oss-credential',
    ],
    [{ 'x-oss-credential': 'ak%2F20231216%2Fcn-hangzhou%2Foss%2Fabc' }, GENERIC, 'x-oss-credential'],
    [{ 'x-oss-credential': 'ak%2F20231216%2Fcn-hangzhou%2Fs3%2Faliyun_v4_request' }, PRODUCT, undefined],
    [
      { 'x-oss-credential': 'ak%2F20231216%2Foss-cn-hangzhou%2Foss%2Faliyun_v4_request' },
      REGION,
      'x-oss-credential',
    ],
    [{ 'x-oss-credential': 'a%21b%2F20231216%2Fcn-hangzhou%2Foss%2Faliyun_v4_request' }, AK_CHARS, undefined],
    [{ 'x-oss-date': null }, DATE, undefined],
    [{ 'x-oss-date': 'Sat, 16 Dec 2023 16:20:57 GMT' }, DATE, undefined],
    [{ 'x-oss-date': iso(-86_400_000) }, GENERIC, 'x-oss-credential'],
    [{ 'x-oss-expires': null }, GENERIC, 'x-oss-expires'],
    [{ 'x-oss-expires': '0' }, GENERIC, 'x-oss-expires'],
    [{ 'x-oss-expires': '604801' }, GENERIC, 'x-oss-expires'],
    [{ 'x-oss-expires': '1141889120' }, GENERIC, 'x-oss-expires'],
    [{ 'x-oss-expires': 'abc' }, GENERIC, 'x-oss-expires'],
    [{ 'x-oss-expires': '604800' }, 'ok', undefined],
    [{ 'x-oss-signature': null }, GENERIC, 'x-oss-signature'],
    [{ 'x-oss-signature': '' }, GENERIC, 'x-oss-signature'],
  ])('%j → %s', (overrides, expected, argument) => {
    const outcome = get(url(overrides));
    expect(line(outcome)).toBe(expected);
    if (argument !== undefined)
      expect(outcome !== 'ok' && outcome.details[0]).toEqual(['ArgumentName', argument]);
  });

  it('is valid from up to 15 minutes before x-oss-date until x-oss-date + x-oss-expires', () => {
    const at = (offsetMs: number, expires: string) =>
      line(get(url({ 'x-oss-date': iso(offsetMs), 'x-oss-expires': expires })));
    expect(at(-60_000, '60')).toBe('ok');
    expect(at(-61_000, '60')).toBe(EXPIRED);
    expect(at(-3_600_000, '3600')).toBe('ok');
    expect(at(15 * 60_000, '60')).toBe('ok');
    expect(at(15 * 60_000 + 1000, '60')).toBe(SKEWED);
  });

  it('reports the end of validity as <Expires>', () => {
    const outcome = get(url({ 'x-oss-date': iso(-120_000), 'x-oss-expires': '60' }));
    expect(outcome !== 'ok' && outcome.details).toEqual([
      ['Expires', '2023-12-16T16:19:57.000Z'],
      ['ServerTime', '2023-12-16T16:20:57.000Z'],
    ]);
  });

  it('must use the region of an OSS endpoint Host', () => {
    const headers = { host: 'bucket.oss-cn-beijing.aliyuncs.com' };
    expect(line(authCheck('GET', `/a.txt?${url()}`, headers))).toBe(REGION);
  });

  it('requires x-oss-security-token for temporary (STS.) keys', () => {
    const sts = encodeURIComponent('STS.abc/20231216/cn-hangzhou/oss/aliyun_v4_request');
    expect(line(get(url({ 'x-oss-credential': sts })))).toBe(TOKEN);
    expect(line(get(url({ 'x-oss-credential': sts, 'security-token': 'tok' })))).toBe(TOKEN);
    expect(line(get(url({ 'x-oss-credential': sts, 'x-oss-security-token': 'tok' })))).toBe('ok');
  });
});
