import { defineRule } from '../../core/rule';
import { forbidOverwriteError, MESSAGE } from '../shared/forbid-overwrite-value';

export const forbidOverwrite = defineRule({
  id: 'forbid-overwrite',
  family: 'headers',
  // The operations that document the header; elsewhere OSS presumably ignores it.
  operations: ['PutObject', 'CopyObject', 'InitiateMultipartUpload', 'CompleteMultipartUpload', 'PutSymlink'],
  errors: [MESSAGE],
  source:
    'PutObject/InitiateMultipartUpload API references (true or false) ; EC 0017-00000279 (e.g. `abc`; page not opened, so no EC is ' +
    'sent). Code and message undocumented: the generic InvalidArgument of seed 002 with ArgumentName/ArgumentValue. ' +
    "Values compare case-insensitively. Checked whatever the bucket's versioning (which makes OSS ignore the header): the EC is in " +
    'the request-parsing category 0017, read before bucket state (inferred).',
  inputs: { headers: ['x-oss-forbid-overwrite'] },
  check: (request) => forbidOverwriteError(request.headers['x-oss-forbid-overwrite']),
});
