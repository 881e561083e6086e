import { defineRule } from '../../core/rule';
import { MESSAGE, objectAclError } from '../shared/object-acl';

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
  errors: [MESSAGE],
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
