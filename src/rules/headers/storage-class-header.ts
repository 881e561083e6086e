import { defineRule } from '../../core/rule';
import { MESSAGE, storageClassError } from '../shared/storage-class';

export const storageClassHeader = defineRule({
  id: 'storage-class-header',
  family: 'headers',
  operations: [
    'PutObject',
    'CopyObject',
    'AppendObject',
    'InitiateMultipartUpload',
    'PutSymlink',
    'PutBucket',
  ],
  errors: [MESSAGE],
  source:
    'PutObject/CopyObject/AppendObject/InitiateMultipartUpload/PutSymlink API references (InvalidArgument) ; ' +
    'https://www.alibabacloud.com/help/en/oss/support/0017-00000131 (empty) ; https://www.alibabacloud.com/help/en/oss/support/0013-00000101 ' +
    '(PutBucket/CopyObject, unknown value; Standard, IA, Archive, ColdArchive, DeepColdArchive). The message is undocumented: the ' +
    "generic one of seed 002 with ArgumentName/ArgumentValue. Values compare case-insensitively. PutBucket's XML StorageClass is a body rule.",
  inputs: { headers: ['x-oss-storage-class'] },
  check: (request) => storageClassError(request.headers['x-oss-storage-class'], request.operation),
});
