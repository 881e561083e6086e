import { type OssError, ossError } from '../../core/oss-error';
import type { OssRequest } from '../../core/request';
import { defineRule } from '../../core/rule';
import { v1DateOf } from '../../signing/sign-v1';
import { AUTH_INPUTS } from './auth-inputs';
import { AUTH_INVALID } from './authorization';
import {
  DATE_REQUIRED,
  dateRequiredError,
  parseHttpDate,
  parseIsoBasic,
  skewError,
  TOO_SKEWED,
} from './time';
import { requestAuth } from './verify-parse';

/** V1 reads x-oss-date before Date; an ISO x-oss-date is also accepted there, as nothing says OSS refuses it. */
function v1RequestTime(request: OssRequest): number | undefined {
  const value = v1DateOf(request.headers);
  if (value === undefined) return undefined;
  const fromOssDate = request.headers['x-oss-date']?.trim() === value;
  return parseHttpDate(value) ?? (fromOssDate ? parseIsoBasic(value) : undefined);
}

function check(request: OssRequest, now: number): OssError | undefined {
  const auth = requestAuth(request);
  if (auth.kind !== 'header') return undefined;
  // V2 puts the same Date line in its string to sign as V1 (python SDK SignV2).
  if (auth.auth.version === 'v1' || auth.auth.version === 'v2') {
    const time = v1RequestTime(request);
    return time === undefined ? dateRequiredError() : skewError(time, now);
  }
  const isoDate = request.headers['x-oss-date']?.trim() ?? '';
  const time = parseIsoBasic(isoDate);
  if (time === undefined) return dateRequiredError();
  if (isoDate.slice(0, 8) !== auth.auth.scope.day) {
    return ossError(AUTH_INVALID, [['Authorization', request.headers.authorization ?? '']]);
  }
  return skewError(time, now);
}

export const requestTime = defineRule({
  id: 'request-time',
  family: 'auth',
  operations: 'all',
  errors: [DATE_REQUIRED, AUTH_INVALID, TOO_SKEWED],
  source:
    'seed 000 (RequestTimeTooSkewed); seed 002 + real responses (AccessDenied.validDateRequired, EC 0002-00000503; the 2021 400 page lists it under InvalidArgument, real OSS answers 403); research oss-rules-post-sign.md §3 T1-T4 and §2.1 S2: V1 (and V2, whose Date line is the same) takes x-oss-date over Date, RFC 1123 GMT with a two-digit day; V4 needs x-oss-date as YYYYMMDDTHHMMSSZ on the credential day. A date in the wrong form is treated as missing (EC 0002-00000502 gives no code) (R); a credential day that differs from x-oss-date is InvalidArgument.authorizationInvalid (R); the 15-minute window is applied in both directions, with the RequestTime/ServerTime/MaxAllowedSkewMilliseconds elements of real responses. The seed messages InvalidArgument.dateFormat and "Invalid date. ..." belong to x-oss-user-last-modified (research oss-rules-headers.md U1), not here',
  inputs: AUTH_INPUTS,
  check: (request, context) => check(request, context.now),
});
