import { invalidArgument } from '../../core/oss-error';
import { defineRule } from '../../core/rule';

const EMPTY = 'Version id can not be the empty string.';

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
  errors: [['InvalidArgument', EMPTY]],
  source:
    'seed 002 (InvalidArgument: "Version id can not be the empty string." / "Invalid version id specified.") ; operations that ' +
    'document versionId. ArgumentName/ArgumentValue by analogy (R). The format of a version id is not published, so ' +
    '"Invalid version id specified." is left to OSS.',
  inputs: { query: ['versionId'] },
  check: (request) =>
    request.query.get('versionId') === '' ? invalidArgument(EMPTY, 'versionId', '') : undefined,
});
