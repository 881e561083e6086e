import { type OssError, ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { formField } from './form-field';
import { postAuthOf } from './post-auth';

export const ACCESS_KEY_EMPTY = 'InvalidArgument.postAccessKeyIdEmpty';
export const SIGNATURE_EMPTY = 'InvalidArgument.postSignatureEmpty';
export const FIELD_MISSING = 'InvalidArgument.postFieldMissing';
export const DATE_MISSING = 'AccessDenied.validDateRequired';

/**
 * Once one of OSSAccessKeyId, policy and Signature is sent, all three are required (PostObject
 * API reference). OSS documents no message for a missing policy (EC 0002-00000702); the generic
 * "must contain the specified field name" describes exactly that and keeps the code InvalidArgument.
 */
export function postAuthFieldsError(form: Readonly<Record<string, string>>): OssError | undefined {
  const auth = postAuthOf(form);
  if (auth.kind === 'v1') {
    if (auth.accessKeyId === undefined) {
      const ec = formField(form, 'ossaccesskeyid') === undefined ? '0002-00000706' : '0002-00000707';
      return ossError(ACCESS_KEY_EMPTY, [], ec);
    }
    if (auth.signature === undefined) return ossError(SIGNATURE_EMPTY);
    if (auth.policy === undefined) return ossError(FIELD_MISSING, [], '0002-00000702');
  }
  if (auth.kind === 'v4') {
    if (auth.credential === undefined) return ossError(ACCESS_KEY_EMPTY);
    if (auth.signature === undefined) return ossError(SIGNATURE_EMPTY);
    if (auth.policy === undefined) return ossError(FIELD_MISSING, [], '0002-00000702');
    if (auth.date === undefined) return ossError(DATE_MISSING);
  }
  return undefined;
}

export const postAuthFields = defineRule({
  id: 'post-auth-fields',
  family: 'post-object',
  operations: ['PostObject'],
  errors: [ACCESS_KEY_EMPTY, SIGNATURE_EMPTY, FIELD_MISSING, DATE_MISSING],
  source:
    'PostObject API reference (OSSAccessKeyId, policy, Signature: all or none) ; seed 002 InvalidArgument messages ; ' +
    'EC 0002-00000702/706/707 ; POST V4 signature doc (x-oss-credential, x-oss-date, x-oss-signature required). ' +
    'Decisions: a missing policy uses "must contain the specified field name" (its own message is undocumented); a ' +
    'missing V4 credential/signature reuses the V1 messages; a missing x-oss-date uses the header-auth date message.',
  check: (request) => (request.form === undefined ? undefined : postAuthFieldsError(request.form)),
});
