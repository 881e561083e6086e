import { declaredContentLength, isChunked } from '../../core/content-length';
import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { MAX_POST_BODY_BYTES } from './limits';

export const POST_BODY_TOO_LARGE = 'InvalidArgument.postBodyTooLarge';

export const postBodySize = defineRule({
  id: 'post-body-size',
  family: 'post-object',
  operations: ['PostObject'],
  errors: [POST_BODY_TOO_LARGE],
  source:
    'seed 002 (InvalidArgument InvalidArgument.postBodyTooLarge: the POST body exceeds 5 GB) ; PostObject API ' +
    'reference (object ≤ 5 GB). The limit is 5 GiB plus the 8 MB of fields a form may carry before the file and ' +
    '1 MiB of part headers, because OSS accepts a 5 GB object and the boundary between the two limits is undocumented. ' +
    'Chunked bodies are counted while they stream.',
  check: (request) => {
    if (isChunked(request.headers['transfer-encoding'])) return undefined;
    const length = declaredContentLength(request.headers['content-length']);
    if (length === null || length === undefined || length <= MAX_POST_BODY_BYTES) return undefined;
    return ossError(POST_BODY_TOO_LARGE);
  },
});
