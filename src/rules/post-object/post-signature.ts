import { type OssError, ossError } from '../../core/oss-error';
import type { OssRequest } from '../../core/request';
import { defineRule, type RuleContext } from '../../core/rule';
import { safeEqual } from '../../signing/constant-time';
import { postSignatureV1, postSignatureV4 } from '../../signing/post-signature';
import { parsePostCredential, postAuthOf } from './post-auth';

export const SIGNATURE_MISMATCH = 'SignatureDoesNotMatch.mismatch';

/**
 * Verifies the form's signature with `context.credential`, the secret the caller looked up for
 * the AccessKeyId the form names. Without it (no key store, or an unknown key passed through) the
 * signature is left to OSS.
 */
export function postSignatureError(request: OssRequest, context: RuleContext): OssError | undefined {
  const credential = context.credential;
  if (request.form === undefined || credential === undefined) return undefined;
  const auth = postAuthOf(request.form);
  if (auth.kind === 'v1') {
    if (
      auth.accessKeyId !== credential.accessKeyId ||
      auth.policy === undefined ||
      auth.signature === undefined
    ) {
      return undefined;
    }
    const expected = postSignatureV1(credential.accessKeySecret, auth.policy);
    return safeEqual(expected, auth.signature) ? undefined : mismatch();
  }
  if (auth.kind === 'v4') {
    const scope = auth.credential === undefined ? undefined : parsePostCredential(auth.credential);
    if (scope === undefined || scope.accessKeyId !== credential.accessKeyId) return undefined;
    if (auth.policy === undefined || auth.signature === undefined) return undefined;
    const expected = postSignatureV4(
      credential.accessKeySecret,
      auth.policy,
      scope.day,
      scope.region,
      scope.product,
    );
    // Hex is case-insensitive; OSS's own comparison is undocumented, so either case is accepted.
    return safeEqual(expected, auth.signature.toLowerCase()) ? undefined : mismatch();
  }
  return undefined;
}

function mismatch(): OssError {
  return ossError(SIGNATURE_MISMATCH);
}

export const postSignature = defineRule({
  id: 'post-signature',
  family: 'post-object',
  operations: ['PostObject'],
  errors: [SIGNATURE_MISMATCH],
  source:
    'PostObject API reference (Appendix: Signature: base64(HMAC-SHA1(secret, policy))) ; POST V4 signature doc ' +
    '(hex(HMAC-SHA256(signing key, policy))) ; seed 000 / HTTP 403 doc (SignatureDoesNotMatch). CONFLICT: the common-errors ' +
    'table prints AccessDenied with "SignatureDoesNotMatch ..." as the message; the 403 doc code is used. Compared in ' +
    'constant time; runs only when the caller supplies the secret of the named key (RuleContext.credential).',
  check: postSignatureError,
});
