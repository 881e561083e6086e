import { invalidArgument } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { UNSIGNED_PAYLOAD } from '../../signing/sign-v4';
import { AUTH_INPUTS } from './auth-inputs';
import { GENERIC_INVALID } from './presigned';
import { requestAuth } from './verify-parse';

export const v4ContentSha256 = defineRule({
  id: 'v4-content-sha256',
  family: 'auth',
  operations: 'all',
  errors: [GENERIC_INVALID],
  source:
    'research oss-rules-post-sign.md §2.3 V3 (x-oss-content-sha256 is required and must be UNSIGNED-PAYLOAD; EC 0002-00000214); the code and message are not documented, so the generic InvalidArgument one naming the header is used (R)',
  inputs: AUTH_INPUTS,
  check: (request) => {
    const auth = requestAuth(request);
    if (auth.kind !== 'header' || auth.auth.version !== 'v4') return undefined;
    const value = request.headers['x-oss-content-sha256']?.trim();
    return value === UNSIGNED_PAYLOAD
      ? undefined
      : invalidArgument(GENERIC_INVALID, 'x-oss-content-sha256', value);
  },
});
