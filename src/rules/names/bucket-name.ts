import { type OssError, ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';

const MESSAGE = 'InvalidBucketName.invalid';
// 3-63 characters of a-z, 0-9 and '-', starting and ending with a letter or digit.
const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

export function isValidBucketName(name: string): boolean {
  return BUCKET_NAME.test(name);
}

export function bucketNameError(name: string): OssError | undefined {
  return isValidBucketName(name) ? undefined : ossError(MESSAGE);
}

export const bucketName = defineRule({
  id: 'bucket-name',
  family: 'names',
  operations: 'all',
  errors: [MESSAGE],
  source:
    'https://www.alibabacloud.com/help/en/oss/user-guide/bucket-naming-conventions ; seed 002 (InvalidBucketName) ; EC 0015-00000001',
  check: (request) => (request.bucket === undefined ? undefined : bucketNameError(request.bucket)),
});
