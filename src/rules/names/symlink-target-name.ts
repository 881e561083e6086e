import { percentDecodeBytes } from '../../core/request';
import { defineRule } from '../../core/rule';
import { objectNameError, objectNameErrors } from '../shared/object-name';

export const symlinkTargetName = defineRule({
  id: 'symlink-target-name',
  family: 'names',
  operations: ['PutSymlink'],
  errors: objectNameErrors,
  source: 'PutSymlink API reference: x-oss-symlink-target follows the object naming rules and is URL-encoded',
  inputs: { headers: ['x-oss-symlink-target'] },
  check: (request) => {
    const target = request.headers['x-oss-symlink-target'];
    // A missing target's code is undocumented (EC 0043-00000001 only); OSS is left to answer it.
    if (target === undefined) return undefined;
    return objectNameError(percentDecodeBytes(target));
  },
});
