import { type OssError, ossError } from '../../core/oss-error';
import type { OssRequest } from '../../core/request';
import { safeEqual } from '../../signing/constant-time';
import { v1DateOf } from '../../signing/sign-v1';
import {
  UNSIGNED_PAYLOAD,
  v4CanonicalRequest,
  v4Scope,
  v4Signature,
  v4SigningKey,
  v4StringToSign,
} from '../../signing/sign-v4';
import type { V1HeaderAuth, V2HeaderAuth, V4HeaderAuth, V4Scope } from './authorization';
import type { V1QueryAuth, V4QueryAuth } from './presigned';
import type { V2QueryAuth } from './presigned-v2';
import { signableOf, v1Candidates, verifyV1 } from './verify-v1';
import { v2Candidates, verifyV2 } from './verify-v2';

export const SIGNATURE_MISMATCH = 'SignatureDoesNotMatch.mismatch';

export type SignedAuth = V1HeaderAuth | V2HeaderAuth | V4HeaderAuth | V1QueryAuth | V2QueryAuth | V4QueryAuth;

/** `50 55 54 0A `: upper-case hex, each byte followed by a space, as real responses show. */
function hexBytes(text: string): string {
  return Buffer.from(text, 'utf8').toString('hex').toUpperCase().replace(/(..)/g, '$1 ');
}

function mismatch(auth: SignedAuth, stringToSign: string, canonicalRequest?: string): OssError {
  const details: Array<[string, string]> = [
    ['OSSAccessKeyId', auth.accessKeyId],
    ['SignatureProvided', auth.signature],
    ['StringToSign', stringToSign],
    ['StringToSignBytes', hexBytes(stringToSign)],
  ];
  if (canonicalRequest !== undefined) details.push(['CanonicalRequest', canonicalRequest]);
  return ossError(SIGNATURE_MISMATCH, details);
}

function verifyV4(
  auth: V4HeaderAuth | V4QueryAuth,
  secret: string,
  isoDate: string,
  canonicalRequest: string,
): OssError | undefined {
  const { day, region, product }: V4Scope = auth.scope;
  const stringToSign = v4StringToSign(isoDate, v4Scope(day, region, product), canonicalRequest);
  const expected = v4Signature(v4SigningKey(secret, day, region, product), stringToSign);
  // Hex is case-insensitive; nothing says OSS rejects upper-case digits.
  if (safeEqual(expected, auth.signature.toLowerCase())) return undefined;
  return mismatch(auth, stringToSign, canonicalRequest);
}

/** SignatureDoesNotMatch when the request was not signed with `secret`; undefined when it was. */
export function signatureError(request: OssRequest, auth: SignedAuth, secret: string): OssError | undefined {
  if (auth.version === 'v4') {
    const signable = signableOf(request);
    if ('isoDate' in auth) {
      const query = request.queryPairs.filter(([name]) => name !== 'x-oss-signature');
      const canonical = v4CanonicalRequest(
        { ...signable, query },
        { additionalHeaders: auth.additionalHeaders, payloadHash: UNSIGNED_PAYLOAD },
      );
      return verifyV4(auth, secret, auth.isoDate, canonical);
    }
    const canonical = v4CanonicalRequest(signable, { additionalHeaders: auth.additionalHeaders });
    return verifyV4(auth, secret, (request.headers['x-oss-date'] ?? '').trim(), canonical);
  }
  if (auth.version === 'v2') {
    const url = 'expiresText' in auth;
    const dateLines = url
      ? [auth.expiresText]
      : [...new Set([request.headers.date ?? '', request.headers['x-oss-date'] ?? ''].map((d) => d.trim()))];
    const candidates = v2Candidates(request, {
      additionalHeaders: auth.additionalHeaders,
      dateLines,
      query: url ? request.queryPairs.filter(([name]) => name !== 'x-oss-signature') : request.queryPairs,
    });
    if (verifyV2(secret, candidates, auth.signature)) return undefined;
    return mismatch(auth, candidates[0] ?? '');
  }
  const dateLine = 'expiresText' in auth ? auth.expiresText : (v1DateOf(request.headers) ?? '');
  const candidates = v1Candidates(request, dateLine);
  if (verifyV1(secret, candidates, auth.signature)) return undefined;
  return mismatch(auth, candidates[0] ?? '');
}
