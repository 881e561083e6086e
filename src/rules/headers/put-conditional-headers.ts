import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';

const MESSAGE = 'NotImplemented.headerFunctionality';

// Checked in this order when several are present (OSS does not document which one it names).
const CONDITIONAL: ReadonlyArray<readonly [lower: string, spelled: string]> = [
  ['if-modified-since', 'If-Modified-Since'],
  ['if-unmodified-since', 'If-Unmodified-Since'],
  ['if-match', 'If-Match'],
  ['if-none-match', 'If-None-Match'],
];

export const putConditionalHeaders = defineRule({
  id: 'put-conditional-headers',
  family: 'headers',
  operations: ['PutObject'],
  errors: [MESSAGE],
  source:
    'seed 000 appendix (PUT with If-Modified-Since → 400 NotImplemented, <Header>If-Modified-Since</Header>) ; ' +
    'https://help.aliyun.com/en/oss/user-guide/0017-00000245 (all four conditional headers, EC 0017-00000245). ' +
    'Status 400 as documented although https://github.com/tobi/walgit/issues/67 saw 501 through the S3-compatible API. ' +
    'Header names the header in its canonical spelling (the request model keeps lower-case names). Only PutObject is documented.',
  inputs: { headers: CONDITIONAL.map(([lower]) => lower) },
  check: (request) => {
    for (const [lower, spelled] of CONDITIONAL) {
      if (request.headers[lower] !== undefined) {
        return ossError(MESSAGE, [['Header', spelled]], '0017-00000245');
      }
    }
    return undefined;
  },
});
