import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';

const NO_ORIGIN = 'BadRequest.originMissing';
const NO_METHOD = 'BadRequest.requestMethodMissing';

export const corsPreflightHeaders = defineRule({
  id: 'cors-preflight-headers',
  family: 'cors',
  operations: ['OptionObject'],
  errors: [NO_ORIGIN, NO_METHOD],
  source:
    'seed 002 (BadRequest, both messages) ; https://www.alibabacloud.com/help/en/oss/developer-reference/options. Origin is ' +
    'checked first, in the order both the seed and the OPTIONS reference list the headers. A present but empty header counts ' +
    "as present (undocumented). Matching against the bucket's CORS rules (403 AccessForbidden) needs the configuration: left to OSS.",
  check: (request) => {
    if (request.headers.origin === undefined) return ossError(NO_ORIGIN);
    if (request.headers['access-control-request-method'] === undefined) return ossError(NO_METHOD);
    return undefined;
  },
});
