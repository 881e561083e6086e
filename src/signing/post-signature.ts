import { v1Signature } from './sign-v1';
import { v4Signature, v4SigningKey } from './sign-v4';

/** The base64 policy is itself the string to sign, so the form value and the signed bytes cannot drift. */
export function postSignatureV1(secret: string, policyBase64: string): string {
  return v1Signature(secret, policyBase64);
}

/** `day` is YYYYMMDD from the form's x-oss-date; the result is the lower-case hex x-oss-signature. */
export function postSignatureV4(
  secret: string,
  policyBase64: string,
  day: string,
  region: string,
  product = 'oss',
): string {
  return v4Signature(v4SigningKey(secret, day, region, product), policyBase64);
}
