import { invalidArgument } from '../../core/oss-error';
import { defineRule } from '../../core/rule';

const EMPTY = 'InvalidArgument.versionIdEmpty';

export const versionId = defineRule({
  id: 'version-id',
  family: 'headers',
  operations: [
    'GetObject',
    'HeadObject',
    'GetObjectMeta',
    'DeleteObject',
    'GetObjectAcl',
    'PutObjectAcl',
    'GetObjectTagging',
    'PutObjectTagging',
    'DeleteObjectTagging',
    'GetSymlink',
    'RestoreObject',
  ],
  errors: [EMPTY],
  source:
    'seed 002 (InvalidArgument: InvalidArgument.versionIdEmpty / InvalidArgument.versionIdInvalid) ; operations that ' +
    'document versionId. ArgumentName/ArgumentValue by analogy (R). The format of a version id is not published, so ' +
    'InvalidArgument.versionIdInvalid is left to OSS.',
  inputs: { query: ['versionId'] },
  check: (request) =>
    request.query.get('versionId') === '' ? invalidArgument(EMPTY, 'versionId', '') : undefined,
});
