import { type OssError, ossError } from '../../core/oss-error';
import type { OssRequest } from '../../core/request';
import { defineRule, type RuleContext } from '../../core/rule';
import { isCalendarDay, parsePostCredential, postAuthOf } from './post-auth';
import { DATE_MISSING } from './post-auth-fields';
import { PARAMETER_INVALID } from './post-v4-credential';

export const TIME_SKEWED = 'RequestTimeTooSkewed.tooLarge';
const V4_DATE = /^(\d{8})T(\d{2})(\d{2})(\d{2})Z$/;
const SKEW_MS = 15 * 60 * 1000;
const MAX_VALIDITY_MS = 7 * 24 * 60 * 60 * 1000;

/** Milliseconds of a `YYYYMMDD'T'HHMMSS'Z'` time, or undefined when it is not one. */
export function parseV4Date(text: string): number | undefined {
  const m = V4_DATE.exec(text);
  if (!m || !isCalendarDay(m[1]!)) return undefined;
  const [h, mi, s] = [Number(m[2]), Number(m[3]), Number(m[4])];
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const day = m[1]!;
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8)), h, mi, s);
}

function v4DateError(request: OssRequest, context: RuleContext): OssError | undefined {
  if (request.form === undefined) return undefined;
  const auth = postAuthOf(request.form);
  if (auth.kind !== 'v4' || auth.date === undefined) return undefined;
  const signedAt = parseV4Date(auth.date);
  if (signedAt === undefined) return ossError(DATE_MISSING);
  const scope = auth.credential === undefined ? undefined : parsePostCredential(auth.credential);
  if (scope !== undefined && scope.day !== auth.date.slice(0, 8)) {
    return ossError(PARAMETER_INVALID, [
      ['ArgumentName', 'x-oss-date'],
      ['ArgumentValue', auth.date],
    ]);
  }
  if (context.now < signedAt - SKEW_MS || context.now > signedAt + MAX_VALIDITY_MS) {
    return ossError(TIME_SKEWED);
  }
  return undefined;
}

export const postV4Date = defineRule({
  id: 'post-v4-date',
  family: 'post-object',
  operations: ['PostObject'],
  errors: [DATE_MISSING, PARAMETER_INVALID, TIME_SKEWED],
  source:
    'POST V4 signature doc (x-oss-date in ISO 8601 basic form, same day as the credential date, 15-minute tolerance, ' +
    'valid at most 7 days) ; research oss-rules-post-sign.md §3 T8. Codes are undocumented for POST: a malformed date ' +
    'uses the header-auth date message, a day differing from the credential the generic InvalidArgument, and a time ' +
    'outside [x-oss-date − 15 min, x-oss-date + 7 days] RequestTimeTooSkewed. The policy expiration is checked as well. ' +
    'The policy\'s own x-oss-date must equal the form\'s: a {"x-oss-date": ...} condition enforces it; whether OSS ' +
    'also requires the condition to be present is UNCERTAIN, so a policy without it is accepted.',
  check: v4DateError,
});
