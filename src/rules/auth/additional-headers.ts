import { invalidArgument } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { AUTH_INPUTS } from './auth-inputs';
import { requestAuth } from './verify-parse';

const MESSAGE = 'InvalidArgument.additionalHeaderMissing';

export const additionalHeaders = defineRule({
  id: 'additional-headers',
  family: 'auth',
  operations: 'all',
  errors: [MESSAGE],
  source:
    'research oss-rules-post-sign.md §2.3 V9 (a real response, https://github.com/AlistGo/alist/issues/1446); applied to the header and to x-oss-additional-headers',
  inputs: AUTH_INPUTS,
  check: (request) => {
    const auth = requestAuth(request);
    if ((auth.kind !== 'header' && auth.kind !== 'query') || auth.auth.version !== 'v4') return undefined;
    const absent = auth.auth.additionalHeaders.some((name) => request.headers[name] === undefined);
    return absent ? invalidArgument(MESSAGE) : undefined;
  },
});
