import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';

const NOT_SUPPORTED = 'InvalidArgument.sseNotSupported';

export const sseUnsupportedOperation = defineRule({
  id: 'sse-unsupported-operation',
  family: 'headers',
  // Only where a live run saw the rejection; DeleteObject, GETs and UploadPartCopy are unverified.
  operations: ['UploadPart', 'CompleteMultipartUpload'],
  errors: [NOT_SUPPORTED],
  source:
    'InitiateMultipartUpload API reference (InvalidArgument when the header is sent with each part) ; live: python SDK ' +
    'tests/test_server_side_encryotion.py test_multipart_upload (UploadPart and CompleteMultipartUpload raise InvalidArgument), ' +
    'https://github.com/ali-sdk/ali-oss/issues/715 (message) ; EC 0005-00000002 (the header on an operation that does not take ' +
    'it). ArgumentName/ArgumentValue by analogy with other OSS InvalidArgument errors.',
  inputs: { headers: ['x-oss-server-side-encryption'] },
  check: (request) => {
    const value = request.headers['x-oss-server-side-encryption'];
    return value === undefined
      ? undefined
      : ossError(
          NOT_SUPPORTED,
          [
            ['ArgumentName', 'x-oss-server-side-encryption'],
            ['ArgumentValue', value],
          ],
          '0005-00000002',
        );
  },
});
