import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';

const NO_ORIGIN = 'Insufficient information. Origin request header needed.';
const NO_METHOD = 'Insufficient information. Request Access-Control-Request-Method header needed.';

export const corsPreflightHeaders = defineRule({
  id: 'cors-preflight-headers',
  family: 'cors',
  operations: ['OptionObject'],
  errors: [
    ['BadRequest', NO_ORIGIN],
    ['BadRequest', NO_METHOD],
  ],
  source:
    'seed 002 (BadRequest, both messages) ; https://www.alibabacloud.com/help/en/oss/developer-reference/options. Origin is ' +
    'checked first, in the order both the seed and the OPTIONS reference list the headers. A present but empty header counts ' +
    "as present (undocumented). Matching against the bucket's CORS rules (403 AccessForbidden) needs the configuration: left to OSS.",
  check: (request) => {
    if (request.headers.origin === undefined) return ossError('BadRequest', NO_ORIGIN);
    if (request.headers['access-control-request-method'] === undefined)
      return ossError('BadRequest', NO_METHOD);
    return undefined;
  },
});
