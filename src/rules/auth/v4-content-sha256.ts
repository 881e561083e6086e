import { GENERIC_INVALID } from '../../auth/presigned';
import { UNSIGNED_PAYLOAD } from '../../auth/sign-v4';
import { requestAuth } from '../../auth/verify-parse';
import { invalidArgument } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { AUTH_INPUTS } from './auth-inputs';

export const v4ContentSha256 = defineRule({
  id: 'v4-content-sha256',
  family: 'auth',
  operations: 'all',
  errors: [['InvalidArgument', GENERIC_INVALID]],
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
