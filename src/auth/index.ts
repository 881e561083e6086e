export {
  parseAuthorizationHeader,
  type V1HeaderAuth,
  type V4HeaderAuth,
  type V4Scope,
} from './authorization';
export { safeEqual } from './constant-time';
export {
  type CredentialProvider,
  isUnknownKey,
  resolveCredential,
  type UnknownKeys,
  unknownKeyCredential,
} from './credentials';
export { postSignatureV1, postSignatureV4 } from './post-signature';
export {
  presignV1,
  signV1,
  V1_SUB_RESOURCES,
  type V1Options,
  v1CanonicalResource,
  v1DateOf,
  v1Signature,
  v1StringToSign,
} from './sign-v1';
export {
  presignV4,
  SigningKeyCache,
  signV4,
  UNSIGNED_PAYLOAD,
  V4_ALGORITHM,
  V4_MAX_PRESIGN_SECONDS,
  type V4CanonicalOptions,
  type V4Options,
  v4AdditionalHeaders,
  v4CanonicalQuery,
  v4CanonicalRequest,
  v4CanonicalUri,
  v4Encode,
  v4Scope,
  v4Signature,
  v4SigningKey,
  v4StringToSign,
  v4Timestamp,
} from './sign-v4';
export { MAX_SKEW_MS, parseIsoBasic } from './time';
export type { Credentials, SignableRequest } from './types';
export { signatureError } from './verify';
export { type VerifySignaturesOptions, verifySignatures } from './verify-middleware';
export { accessKeyIdOf, type RequestAuth, requestAuth } from './verify-parse';
