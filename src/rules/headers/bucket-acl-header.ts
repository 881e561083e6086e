import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { oneOf } from '../shared/enum-value';

const MESSAGE = 'InvalidArgument.parameterInvalidDotted';
// Unlike x-oss-object-acl, a bucket ACL has no `default`.
const isBucketAcl = oneOf(['private', 'public-read', 'public-read-write']);

export const bucketAclHeader = defineRule({
  id: 'bucket-acl-header',
  family: 'headers',
  operations: ['PutBucket', 'PutBucketAcl'],
  errors: [MESSAGE],
  source:
    'https://help.aliyun.com/en/oss/user-guide/0015-00000204 (x-oss-acl not one of private, public-read, public-read-write). ' +
    'Code and message undocumented: the generic InvalidArgument of seed 002 with ArgumentName/ArgumentValue. ' +
    'A missing x-oss-acl on PutBucketAcl is left to OSS (undocumented).',
  inputs: { headers: ['x-oss-acl'] },
  check: (request) => {
    const value = request.headers['x-oss-acl'];
    if (value === undefined || isBucketAcl(value)) return undefined;
    return ossError(
      MESSAGE,
      [
        ['ArgumentName', 'x-oss-acl'],
        ['ArgumentValue', value],
      ],
      '0015-00000204',
    );
  },
});
