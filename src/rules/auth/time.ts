import { type OssError, ossError } from '../../core/oss-error';

/** OSS allows 15 minutes between the request time and its own clock, in both directions. */
export const MAX_SKEW_MS = 15 * 60 * 1000;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// The OSS docs require the RFC 1123 form with a two-digit day ("Jun 2", "2 Jun 1982", "2-Jun-82" are
// invalid). The weekday is not compared with the date: nothing says OSS does, so a mismatch is accepted.
const RFC_1123 =
  /^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d{2}) ([A-Z][a-z]{2}) (\d{4}) (\d{2}):(\d{2}):(\d{2}) GMT$/;
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

function utc(year: number, month: number, day: number, h: number, m: number, s: number): number | undefined {
  if (month < 0 || month > 11 || h > 23 || m > 59 || s > 59) return undefined;
  const ms = Date.UTC(year, month, day, h, m, s);
  // Date.UTC rolls 31 Feb over into March; a rolled-over date is not a valid date.
  return new Date(ms).getUTCDate() === day ? ms : undefined;
}

/** `Sun, 22 Nov 2015 08:16:38 GMT` → milliseconds, or undefined when it is not that form. */
export function parseHttpDate(text: string): number | undefined {
  const m = RFC_1123.exec(text);
  if (!m) return undefined;
  return utc(Number(m[3]), MONTHS.indexOf(m[2]!), Number(m[1]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** `20231216T162057Z`, the only form V4 accepts → milliseconds, or undefined. */
export function parseIsoBasic(text: string): number | undefined {
  const m = ISO_BASIC.exec(text);
  if (!m) return undefined;
  return utc(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6]));
}

/** OSS prints times with whole seconds and a `.000Z` suffix (`2017-02-07T01:30:29.000Z`). */
export function ossIsoTime(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

export const DATE_REQUIRED = 'AccessDenied.validDateRequired';
export const TOO_SKEWED = 'RequestTimeTooSkewed.tooLarge';
export const EXPIRED = 'AccessDenied.requestExpired';

/** No usable Date: EC 0002-00000503 (missing) and 0002-00000502 (not GMT) both answer AccessDenied. */
export function dateRequiredError(): OssError {
  return ossError(DATE_REQUIRED, [], '0002-00000503');
}

/** The extra elements are those of real OSS responses (EC 0002-00000504). */
export function skewError(requestMs: number, now: number): OssError | undefined {
  if (Math.abs(now - requestMs) <= MAX_SKEW_MS) return undefined;
  return ossError(
    TOO_SKEWED,
    [
      ['MaxAllowedSkewMilliseconds', String(MAX_SKEW_MS)],
      ['RequestTime', ossIsoTime(requestMs)],
      ['ServerTime', ossIsoTime(now)],
    ],
    '0002-00000504',
  );
}

/** OSS compares whole seconds, and a URL is still valid during its `Expires` second. */
export function expiredError(expiresSeconds: number, now: number, ec?: string): OssError | undefined {
  if (Math.floor(now / 1000) <= expiresSeconds) return undefined;
  return ossError(
    EXPIRED,
    [
      ['Expires', ossIsoTime(expiresSeconds * 1000)],
      ['ServerTime', ossIsoTime(now)],
    ],
    ec,
  );
}
