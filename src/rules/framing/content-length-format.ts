import { declaredContentLength } from '../../core/content-length';
import { invalidArgument } from '../../core/oss-error';
import { defineRule } from '../../core/rule';

const MESSAGE = 'InvalidArgument.parameterInvalidDotted';

export const contentLengthFormat = defineRule({
  id: 'content-length-format',
  family: 'framing',
  operations: 'all',
  errors: [MESSAGE],
  source:
    'EC 0017-00000103 (Content-Length is not an integer; code and message undocumented) ; research oss-rules-headers §6.1 L2. ' +
    'Decision: the generic InvalidArgument of seed 002 with ArgumentName Content-Length, the code of the neighbouring ' +
    'request-framing EC 0017-00000102. Node rejects such a request itself; this rule serves createPreflight() callers.',
  inputs: { headers: ['content-length'] },
  check: (request) => {
    const header = request.headers['content-length'];
    return declaredContentLength(header) === null
      ? invalidArgument(MESSAGE, 'Content-Length', header)
      : undefined;
  },
});
