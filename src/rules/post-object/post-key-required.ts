import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { formField } from './form-field';

export const POST_KEY_MISSING = 'InvalidArgument.postKeyMissing';

export const postKeyRequired = defineRule({
  id: 'post-key-required',
  family: 'post-object',
  operations: ['PostObject'],
  errors: [POST_KEY_MISSING],
  source:
    'PostObject common errors #13 (InvalidArgument, typographic quotes as printed) ; PostObject API reference (key is ' +
    'required and precedes file). CONFLICT: the API error table names IncorrectNumberOfFilesInPOSTRequest for a missing ' +
    'key; the troubleshooting message is specific to this case, so it is used. Only fields before the file are seen.',
  check: (request) =>
    request.form !== undefined && formField(request.form, 'key') === undefined
      ? ossError(POST_KEY_MISSING)
      : undefined,
});
