import { defineRule } from '../../core/rule';
import { AUTH_INPUTS } from './auth-inputs';
import { EXPIRED, expiredError, MAX_SKEW_MS, skewError, TOO_SKEWED } from './time';
import { requestAuth } from './verify-parse';

export const presignedExpiry = defineRule({
  id: 'presigned-expiry',
  family: 'auth',
  operations: 'all',
  errors: [EXPIRED, TOO_SKEWED],
  source:
    'V2: x-oss-expires in epoch seconds (python SDK SignV2), judged as V1 (R) ; research oss-rules-post-sign.md §2.2 U6 and §3 T5 (V1: expired when the server time is past Expires, checked before the signature; real response with <Expires> and <ServerTime>, EC 0002-00000069), §2.4 Q2-Q3 and §3 T6 (V4: valid from x-oss-date, which may be up to 15 minutes ahead, for x-oss-expires seconds; EC 0002-00000236 gives no code, so the V1 answer is used (R))',
  inputs: AUTH_INPUTS,
  check: (request, context) => {
    const auth = requestAuth(request);
    if (auth.kind !== 'query') return undefined;
    const url = auth.auth;
    if (url.version === 'v1') return expiredError(url.expires, context.now, '0002-00000069');
    // V2 URLs carry epoch seconds in x-oss-expires, as V1 does in Expires; no EC page names V2.
    if (url.version === 'v2') return expiredError(url.expires, context.now);
    if (url.dateMs - context.now > MAX_SKEW_MS) return skewError(url.dateMs, context.now);
    return expiredError(url.dateMs / 1000 + url.expiresSeconds, context.now);
  },
});
