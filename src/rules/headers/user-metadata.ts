import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';

const INVALID = 'InvalidArgument.parameterInvalidDotted';
const PREFIX = 'x-oss-meta-';
/** "The total size of user metadata must be less than 8 KB": 8192 bytes or more is refused. */
export const MAX_USER_METADATA_BYTES = 8 * 1024 - 1;
const NAME = /^[a-z0-9-]+$/;

function isReplace(directive: string | undefined): boolean {
  return directive?.trim().toUpperCase() === 'REPLACE';
}

export const userMetadata = defineRule({
  id: 'user-metadata',
  family: 'headers',
  operations: ['PutObject', 'CopyObject', 'AppendObject', 'InitiateMultipartUpload', 'PutSymlink'],
  errors: [INVALID],
  source:
    'EC 0011-00000004 (https://help.aliyun.com/en/oss/user-guide/0011-00000004: a user metadata name holds only ' +
    'letters, digits and hyphens; upper case is folded to lower) ; EC 0011-00000002 ' +
    '(https://help.aliyun.com/en/oss/user-guide/0011-00000002: user metadata of 8 KB or more) ; PutObject API ' +
    'reference. Code and message not shown: InvalidArgument with the generic seed 002 message naming the header ' +
    '(R). The size counts names after x-oss-meta- plus values in UTF-8 bytes, the smaller of the plausible ' +
    'readings; an empty name (x-oss-meta-) is refused as a name without letters (R). Values are not judged here ' +
    '(EC 0011-00000005 gives no character set; control characters are refused by the gateway). CopyObject is judged ' +
    'only with x-oss-metadata-directive REPLACE: with COPY (the default) OSS keeps the source metadata (CopyObject ' +
    'API reference).',
  check: (request) => {
    // CopyObject keeps the source's metadata unless told to REPLACE it; the headers are then ignored.
    if (request.operation === 'CopyObject' && !isReplace(request.headers['x-oss-metadata-directive'])) {
      return undefined;
    }
    let size = 0;
    for (const [header, value] of Object.entries(request.headers)) {
      if (!header.startsWith(PREFIX) || value === undefined) continue;
      const name = header.slice(PREFIX.length);
      if (!NAME.test(name)) {
        return ossError(INVALID, [['ArgumentName', header]], '0011-00000004');
      }
      size += Buffer.byteLength(name, 'utf8') + Buffer.byteLength(value, 'utf8');
    }
    return size > MAX_USER_METADATA_BYTES
      ? ossError(INVALID, [['ArgumentName', 'x-oss-meta-*']], '0011-00000002')
      : undefined;
  },
});
