import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';

const INVALID = 'InvalidArgument.parameterInvalidDotted';

export const sseKmsKeyId = defineRule({
  id: 'sse-kms-key-id',
  family: 'headers',
  operations: ['PutObject', 'CopyObject', 'AppendObject', 'InitiateMultipartUpload'],
  errors: [INVALID],
  source:
    'research oss-rules-headers.md E3 (x-oss-server-side-encryption-key-id is only meaningful with KMS; an empty one ' +
    'with KMS is an error, EC 0005-00000205, page not opened) ; PutObject API reference. The code and message are ' +
    'not documented: InvalidArgument with the generic seed 002 message naming the header (R). Only the empty key ' +
    'id with KMS is refused: with another algorithm OSS drops the header (seen live), and whether a non-empty ' +
    'id exists is server state (InvalidParameter, left to OSS).',
  check: (request) => {
    const algorithm = request.headers['x-oss-server-side-encryption'];
    const keyId = request.headers['x-oss-server-side-encryption-key-id'];
    if (algorithm?.trim().toUpperCase() !== 'KMS' || keyId === undefined || keyId.trim() !== '')
      return undefined;
    return ossError(
      INVALID,
      [
        ['ArgumentName', 'x-oss-server-side-encryption-key-id'],
        ['ArgumentValue', keyId],
      ],
      '0005-00000205',
    );
  },
});
