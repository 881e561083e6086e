import { isUnknownKey, securityTokenOf } from '../../core/credential';
import { type OssError, ossError } from '../../core/oss-error';
import type { OssRequest } from '../../core/request';
import { defineRule, type RuleContext } from '../../core/rule';
import { safeEqual } from '../../signing/constant-time';
import { AUTH_INPUTS } from './auth-inputs';
import { SIGNATURE_MISMATCH, signatureError } from './verify';
import { requestAuth } from './verify-parse';

const UNKNOWN_KEY = 'InvalidAccessKeyId.unknown';
const BAD_TOKEN = 'InvalidSecurityToken.invalid';

function check(request: OssRequest, credential: RuleContext['credential']): OssError | undefined {
  const auth = requestAuth(request);
  if (auth.kind !== 'header' && auth.kind !== 'query') return undefined;
  // Without the secret of the key the request names, only OSS can tell.
  if (credential === undefined || credential.accessKeyId !== auth.auth.accessKeyId) return undefined;
  if (isUnknownKey(credential)) {
    return ossError(UNKNOWN_KEY, [['OSSAccessKeyId', credential.accessKeyId]]);
  }
  const expected = securityTokenOf(credential);
  if (expected !== undefined) {
    const sent =
      auth.kind === 'header'
        ? request.headers['x-oss-security-token']
        : auth.auth.version === 'v2'
          ? (request.query.get('security-token') ?? request.query.get('x-oss-security-token'))
          : request.query.get(auth.auth.version === 'v1' ? 'security-token' : 'x-oss-security-token');
    if (sent === undefined || !safeEqual(sent.trim(), expected)) {
      return ossError(BAD_TOKEN, [], '0002-00000006');
    }
  }
  return signatureError(request, auth.auth, credential.accessKeySecret);
}

export const signature = defineRule({
  id: 'signature',
  family: 'auth',
  operations: 'all',
  errors: [UNKNOWN_KEY, BAD_TOKEN, SIGNATURE_MISMATCH],
  source:
    'seed 000 (SignatureDoesNotMatch, InvalidAccessKeyId); research oss-rules-post-sign.md §2.1-2.4 (V1/V4 header and URL algorithms; V2 `OSS2` header and URL per the python SDK SignV2 specification, HMAC-SHA256 over every query parameter; details OSSAccessKeyId, SignatureProvided, StringToSign, StringToSignBytes as real responses show, plus CanonicalRequest for V4); real responses for InvalidSecurityToken (EC 0002-00000006). Runs only when RuleContext.credential holds the key the request names (see resolveCredential); V1 tries every plausible set of signed query parameters because OSS does not publish its list. Real responses append " Check your key and signing method." to the SignatureDoesNotMatch message; the seed text is used',
  inputs: AUTH_INPUTS,
  check: (request, context) => check(request, context.credential),
});
