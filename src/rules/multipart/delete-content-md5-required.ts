import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';

const MISSING_ARGUMENT = 'MissingArgument.required';

export const deleteContentMd5Required = defineRule({
  id: 'delete-content-md5-required',
  family: 'multipart',
  operations: ['DeleteMultipleObjects'],
  errors: [MISSING_ARGUMENT],
  source:
    'research oss-rules-headers.md DM1 (EC 0016-00000606; code and message seen live: stormkit-io#142, ' +
    'OpenViking#1333). A blank header counts as missing (R: OSS does not say how it treats one).',
  check: (request) =>
    (request.headers['content-md5']?.trim() ?? '') === '' ? ossError(MISSING_ARGUMENT) : undefined,
});
