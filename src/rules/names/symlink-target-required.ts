import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';

const MISSING = 'MissingArgument.required';

export const symlinkTargetRequired = defineRule({
  id: 'symlink-target-required',
  family: 'names',
  operations: ['PutSymlink'],
  errors: [MISSING],
  source:
    'PutSymlink API reference (x-oss-symlink-target is required) ; EC 0043-00000001 (PutSymlink without the ' +
    'header; research oss-rules-headers.md, page not opened). The code is not shown: MissingArgument, the seed 002 ' +
    'answer for a required argument left out, is R.',
  check: (request) =>
    request.headers['x-oss-symlink-target'] === undefined
      ? ossError(MISSING, [], '0043-00000001')
      : undefined,
});
