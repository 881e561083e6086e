import type { OssError } from '../../core/oss-error';
import type { OssRequest } from '../../core/request';
import { defineRule } from '../../core/rule';
import {
  forbidOverwriteError,
  objectAclError,
  serverSideEncryptionError,
  storageClassError,
} from '../shared';
import { formField } from './form-field';

/** Header twins a PostObject form may carry; each is checked by the headers family's own helper. */
function headerFieldError(request: OssRequest): OssError | undefined {
  const form = request.form;
  if (form === undefined) return undefined;
  return (
    serverSideEncryptionError(
      formField(form, 'x-oss-server-side-encryption'),
      formField(form, 'x-oss-server-side-data-encryption'),
      formField(form, 'x-oss-server-side-encryption-key-id'),
    ) ??
    objectAclError(formField(form, 'x-oss-object-acl')) ??
    storageClassError(formField(form, 'x-oss-storage-class'), 'PostObject') ??
    forbidOverwriteError(formField(form, 'x-oss-forbid-overwrite'))
  );
}

export const postHeaderFields = defineRule({
  id: 'post-header-fields',
  family: 'post-object',
  operations: ['PostObject'],
  errors: [
    'InvalidEncryptionAlgorithmError.algorithm',
    'InvalidDataEncryptionAlgorithmError.notSm4',
    'InvalidArgument.parameterInvalidDotted',
  ],
  source:
    'PostObject API reference (x-oss-server-side-encryption, x-oss-object-acl, x-oss-storage-class, ' +
    'x-oss-forbid-overwrite as form fields; "a form field wins over the header") ; values checked with the headers ' +
    'family helpers (src/rules/headers), so form fields and headers follow one rule.',
  check: headerFieldError,
});
