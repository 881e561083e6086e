import { declaredContentLength, isChunked, MAX_SINGLE_UPLOAD_BYTES } from '../../core/content-length';
import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';

const BODY_TOO_LARGE = 'InvalidArgument.postBodyTooLarge';
const PART_TOO_LARGE = 'EntityTooLarge.aboveMaximum';

export const uploadSizeLimit = defineRule({
  id: 'upload-size-limit',
  family: 'framing',
  operations: ['PutObject', 'AppendObject', 'UploadPart'],
  errors: [BODY_TOO_LARGE, PART_TOO_LARGE],
  source:
    'PutObject/AppendObject/UploadPart API references (5 GB limits) ; seed 002 (InvalidArgument InvalidArgument.postBodyTooLarge, ' +
    'InlineDataTooLarge, EntityTooLarge) ; live: https://github.com/argoproj/argo-workflows/issues/12877 and ' +
    'https://github.com/orzogc/fake115uploader/issues/31 (PutObject > 5 GiB → 400 InvalidArgument InvalidArgument.postBodyTooLarge, ' +
    'EC 0017-00000102). 5 GB = 5 × 1024³ bytes and is allowed ("cannot exceed"), despite the message\'s "less than". ' +
    'PutObject/AppendObject use the live answer rather than InlineDataTooLarge (documented, never seen live). UploadPart → ' +
    'EntityTooLarge is reconstructed (R): EC 0017-00000102 is a request-level code and may answer parts too. Only the ' +
    'declared Content-Length is checked; chunked bodies are left to the streaming layer.',
  inputs: { headers: ['content-length'] },
  check: (request) => {
    const { headers } = request;
    if (isChunked(headers['transfer-encoding'])) return undefined;
    const length = declaredContentLength(headers['content-length']);
    if (length === null || length === undefined || length <= MAX_SINGLE_UPLOAD_BYTES) return undefined;
    return request.operation === 'UploadPart'
      ? ossError(PART_TOO_LARGE)
      : ossError(BODY_TOO_LARGE, [], '0017-00000102');
  },
});
