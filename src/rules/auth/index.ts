import type { Rule } from '../../core/rule';
import { additionalHeaders } from './additional-headers';
import { authSingleMechanism } from './auth-single-mechanism';
import { authorizationHeader } from './authorization-header';
import { presignedExpiry } from './presigned-expiry';
import { presignedSecurityToken } from './presigned-security-token';
import { presignedUrl } from './presigned-url';
import { requestTime } from './request-time';
import { signature } from './signature';
import { signingRegion } from './signing-region';
import { v4ContentSha256 } from './v4-content-sha256';

export { GENERIC_INVALID } from './presigned';
// What the rest of the library needs of how a request authenticates (read-only parsing).
export { PRESIGN_QUERY_PARAMS } from './signature-params';
export { expectSigningRegion, regionOfHost } from './signing-region';
export { accessKeyIdOf, type RequestAuth, requestAuth } from './verify-parse';

/**
 * Format first (what OSS can reject before looking anything up), then time, then the key and the
 * signature, which need the secret. OSS checks a URL's expiry before its signature (URL doc).
 */
export const authRules: readonly Rule[] = [
  authSingleMechanism,
  authorizationHeader,
  presignedUrl,
  v4ContentSha256,
  additionalHeaders,
  signingRegion,
  requestTime,
  presignedExpiry,
  presignedSecurityToken,
  signature,
];
