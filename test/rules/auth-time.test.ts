import { describe, expect, it } from '@jest/globals';
import { authCheck, GMT, gmt, ISO, iso, line } from '../auth/rule-helpers';
import { summary } from '../helpers/catalogue';

const DATE = summary(403, 'AccessDenied.validDateRequired');
const SKEWED = summary(403, 'RequestTimeTooSkewed.tooLarge');
const INVALID = summary(400, 'InvalidArgument.authorizationInvalid');
const MIN = 60_000;

const v1 = (headers: Record<string, string>) =>
  line(authCheck('GET', '/bucket/a', { ...headers, authorization: 'OSS ak:c2ln' }));
const v4Auth = (day = '20231216') =>
  `OSS4-HMAC-SHA256 Credential=ak/${day}/cn-hangzhou/oss/aliyun_v4_request,Signature=${'0'.repeat(64)}`;
const v4 = (headers: Record<string, string>, day?: string) =>
  line(
    authCheck('GET', '/bucket/a', {
      'x-oss-content-sha256': 'UNSIGNED-PAYLOAD',
      ...headers,
      authorization: v4Auth(day),
    }),
  );

describe('V1 request time', () => {
  it.each([
    [{}, DATE],
    [{ date: '' }, DATE],
    [{ date: '2023-12-16T16:20:57Z' }, DATE],
    [{ date: 'Sat, 6 Dec 2023 16:20:57 GMT' }, DATE],
    [{ date: 'Saturday, 16-Dec-23 16:20:57 GMT' }, DATE],
    [{ date: 'Sat Dec 16 16:20:57 2023' }, DATE],
    [{ date: 'Sat, 16 Dec 2023 16:20:57 +0000' }, DATE],
    [{ date: 'Thu, 31 Feb 2023 16:20:57 GMT' }, DATE],
    [{ date: 'Sat, 16 Dec 2023 24:20:57 GMT' }, DATE],
    [{ date: GMT }, 'ok'],
    // The weekday is not compared with the date: nothing documents that OSS does.
    [{ date: 'Mon, 16 Dec 2023 16:20:57 GMT' }, 'ok'],
  ])('%j → %s', (headers, expected) => {
    expect(v1(headers)).toBe(expected);
  });

  it('takes x-oss-date over Date', () => {
    expect(v1({ date: GMT, 'x-oss-date': gmt(-20 * MIN) })).toBe(SKEWED);
    expect(v1({ date: gmt(-20 * MIN), 'x-oss-date': GMT })).toBe('ok');
    expect(v1({ date: GMT, 'x-oss-date': 'yesterday' })).toBe(DATE);
    expect(v1({ 'x-oss-date': GMT })).toBe('ok');
    expect(v1({ 'x-oss-date': ISO })).toBe('ok');
  });

  it.each([
    [-15 * MIN, 'ok'],
    [-15 * MIN - 1000, SKEWED],
    [15 * MIN, 'ok'],
    [15 * MIN + 1000, SKEWED],
    [-20 * MIN, SKEWED],
  ])('a Date %d ms from now → %s (15 minutes either way)', (offset, expected) => {
    expect(v1({ date: gmt(offset) })).toBe(expected);
  });

  it('carries the elements of a real RequestTimeTooSkewed response', () => {
    const outcome = authCheck('GET', '/bucket/a', { date: gmt(-20 * MIN), authorization: 'OSS ak:c2ln' });
    expect(outcome !== 'ok' && outcome.details).toEqual([
      ['MaxAllowedSkewMilliseconds', '900000'],
      ['RequestTime', '2023-12-16T16:00:57.000Z'],
      ['ServerTime', '2023-12-16T16:20:57.000Z'],
    ]);
  });
});

describe('V4 request time', () => {
  it.each([
    [{}, DATE],
    [{ date: GMT }, DATE],
    [{ 'x-oss-date': GMT }, DATE],
    [{ 'x-oss-date': '2023-12-16T16:20:57Z' }, DATE],
    [{ 'x-oss-date': '20231316T162057Z' }, DATE],
    [{ 'x-oss-date': ISO }, 'ok'],
  ])('%j → %s', (headers, expected) => {
    expect(v4(headers)).toBe(expected);
  });

  it('must fall on the credential day', () => {
    expect(v4({ 'x-oss-date': ISO }, '20231215')).toBe(INVALID);
  });

  it.each([
    [-15 * MIN, 'ok'],
    [-15 * MIN - 1000, SKEWED],
    [15 * MIN, 'ok'],
    [15 * MIN + 1000, SKEWED],
  ])('an x-oss-date %d ms from now → %s', (offset, expected) => {
    expect(v4({ 'x-oss-date': iso(offset) })).toBe(expected);
  });
});
