import type { Rule } from '../../core/rule';
import { postAccessKeyIdCharacters } from './post-access-key-id';
import { postAuthFields } from './post-auth-fields';
import { postBodySize } from './post-body-size';
import { postContentType } from './post-content-type';
import { postFormStream } from './post-form-stream';
import { postHeaderFields } from './post-header-fields';
import { postHeaderValues } from './post-header-values';
import { postKeyName } from './post-key-name';
import { postKeyRequired } from './post-key-required';
import { postPolicyConditions } from './post-policy-conditions';
import { postPolicyDocument } from './post-policy-document';
import { postPolicyExpiration } from './post-policy-expiration';
import { postSignature } from './post-signature';
import { postV4Credential } from './post-v4-credential';
import { postV4Date } from './post-v4-date';

export { filledField, formField } from './form-field';
export { MAX_POST_BODY_BYTES, MAX_POST_OBJECT_BYTES, MAX_POST_PRE_DATA_BYTES } from './limits';
export {
  contentLengthRange,
  type PolicyCondition,
  type PolicyResult,
  type PostPolicy,
  parsePolicy,
  policyOf,
} from './policy-document';
export {
  type PostAuth,
  type PostCredentialScope,
  parsePostCredential,
  postAccessKeyId,
  postAuthOf,
} from './post-auth';
export { isMultipartFormData } from './post-content-type';
export { formatCondition } from './post-policy-conditions';

/**
 * The rules that judge the form's shape and credential fields without any secret: the POST
 * handler runs them before it looks the key up, so a malformed form is reported as such and an
 * unknown key is reported before the policy's verdict (expiration, conditions).
 */
export const POST_PRE_AUTH_RULE_IDS: ReadonlySet<string> = new Set([
  'post-key-required',
  'post-key-name',
  'post-auth-fields',
  'post-access-key-id',
  'post-policy-document',
  'post-v4-credential',
  'post-v4-date',
]);

/**
 * Form-level rules read `request.form` (the fields before the file, set by the POST handler) and
 * do nothing without it, except the Content-Type and body-size checks, which need only the headers. The order
 * goes from the form's shape to its credentials to the policy's verdict: what is missing, then
 * what is malformed, then who signed, then whether the policy allows it.
 */
export const postObjectRules: readonly Rule[] = [
  postContentType,
  postBodySize,
  postKeyRequired,
  postKeyName,
  postAuthFields,
  postAccessKeyIdCharacters,
  postPolicyDocument,
  postV4Credential,
  postV4Date,
  postSignature,
  postPolicyExpiration,
  postPolicyConditions,
  postHeaderValues,
  postHeaderFields,
  postFormStream,
];
