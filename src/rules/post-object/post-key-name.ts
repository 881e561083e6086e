import { defineRule } from '../../core/rule';
import { objectNameError, objectNameErrors } from '../shared';
import { formField } from './form-field';

export const postKeyName = defineRule({
  id: 'post-key-name',
  family: 'post-object',
  operations: ['PostObject'],
  errors: objectNameErrors,
  source:
    'PostObject API reference (key follows the object naming rules) ; seed 002 InvalidObjectName ; ' +
    'https://github.com/huacnlee/activestorage-aliyun/issues/7 (a key starting with / is refused). The key is checked as ' +
    'sent; the POST handler checks it again after the filename placeholder is expanded.',
  check: (request) => {
    const key = request.form === undefined ? undefined : formField(request.form, 'key');
    return key === undefined ? undefined : objectNameError(Buffer.from(key, 'utf8'));
  },
});
