/**
 * The signer as a library (node:crypto only). Signatures are byte-exact with the official SDKs'
 * vectors.
 * @module oss-preflight/signing
 */
export { postSignatureV1, postSignatureV4 } from './post-signature';
export { presignV1, signV1, type V1Options } from './sign-v1';
export { presignV4, signV4, type V4Options } from './sign-v4';
export type { Credentials, SignableRequest } from './types';
