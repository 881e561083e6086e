import { isChunked } from '../../core/content-length';
import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';

const MESSAGE = 'MissingContentLength.required';

export const missingContentLength = defineRule({
  id: 'missing-content-length',
  family: 'framing',
  // Only the uploads whose body is the object: OSS documents 411 for them; for XML-body and
  // body-less operations its answer to a missing length is undocumented, so they pass.
  operations: ['PutObject', 'AppendObject', 'UploadPart'],
  errors: [MESSAGE],
  source:
    'seed 000 (411 MissingContentLength: neither chunked encoding nor Content-Length) ; PutObject API reference error table ; ' +
    'research oss-rules-headers §6.1 L1',
  check: (request) => {
    const { headers } = request;
    if (headers['content-length'] !== undefined || isChunked(headers['transfer-encoding'])) return undefined;
    return ossError(MESSAGE);
  },
});
