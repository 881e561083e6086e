import { type OssError, ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { oneOf } from './enum-value';

const MESSAGE = 'Invalid Argument. Parameter is invalid.';
const isObjectAcl = oneOf(['default', 'private', 'public-read', 'public-read-write']);

/** `x-oss-object-acl` (header or PostObject form field); undefined when absent or valid. */
export function objectAclError(value: string | undefined): OssError | undefined {
  if (value === undefined || isObjectAcl(value)) return undefined;
  const details: [string, string][] = [
    ['ArgumentName', 'x-oss-object-acl'],
    ['ArgumentValue', value],
  ];
  return ossError(
    'InvalidArgument',
    MESSAGE,
    details,
    value.trim() === '' ? '0017-00000105' : '0017-00000104',
  );
}

export const objectAclHeader = defineRule({
  id: 'object-acl-header',
  family: 'headers',
  operations: [
    'PutObject',
    'CopyObject',
    'AppendObject',
    'InitiateMultipartUpload',
    'PutSymlink',
    'PutObjectAcl',
  ],
  errors: [['InvalidArgument', MESSAGE]],
  source:
    'https://help.aliyun.com/zh/oss/support/0017-00000104 (invalid value) ; https://www.alibabacloud.com/help/en/oss/user-guide/0017-00000105 ' +
    '(PutObjectAcl with x-oss-object-acl missing or empty) ; AppendObject/PutObject API references (InvalidArgument). ' +
    'The message is undocumented: the generic one of seed 002 with ArgumentName/ArgumentValue. Values compare case-insensitively.',
  check: (request) => {
    const value = request.headers['x-oss-object-acl'];
    if (value === undefined && request.operation === 'PutObjectAcl') return objectAclError('');
    return objectAclError(value);
  },
});
