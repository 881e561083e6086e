import { invalidArgument, OssError } from '../../core/oss-error';
import type { OssRequest } from '../../core/request';
import {
  accessKeyIdError,
  FOREIGN_SCHEME,
  parseAuthorizationHeader,
  type V1HeaderAuth,
  type V2HeaderAuth,
  type V4HeaderAuth,
} from './authorization';
import {
  GENERIC_INVALID,
  hasV1QueryAuth,
  hasV4QueryAuth,
  parseV1Query,
  parseV4Query,
  type V1QueryAuth,
  type V4QueryAuth,
} from './presigned';
import { hasV2QueryAuth, parseV2Query, type V2QueryAuth } from './presigned-v2';

/** How a request authenticates, parsed once and shared by every auth rule. */
export type RequestAuth =
  | { readonly kind: 'anonymous' }
  /** An S3-compatible signature, left to OSS. */
  | { readonly kind: 'foreign' }
  | { readonly kind: 'invalid'; readonly stage: 'mechanism' | 'header' | 'query'; readonly error: OssError }
  | { readonly kind: 'header'; readonly auth: V1HeaderAuth | V2HeaderAuth | V4HeaderAuth }
  | { readonly kind: 'query'; readonly auth: V1QueryAuth | V2QueryAuth | V4QueryAuth };

const ANONYMOUS: RequestAuth = { kind: 'anonymous' };
const FOREIGN: RequestAuth = { kind: 'foreign' };
const URL_AUTH_PARAMS = [
  'Signature',
  'OSSAccessKeyId',
  'Expires',
  'x-oss-signature',
  'x-oss-credential',
  'x-oss-access-key-id',
];
// S3-compatible URLs (AWSAccessKeyId + Signature, or X-Amz-*).
const FOREIGN_URL_PARAMS = ['AWSAccessKeyId', 'X-Amz-Signature', 'X-Amz-Credential'];

// Keyed by the request object, so the parse lives exactly as long as the request.
const parsed = new WeakMap<OssRequest, RequestAuth>();

function parse(request: OssRequest, header: string | undefined): RequestAuth {
  const query = request.query;
  if (header !== undefined) {
    // "Signature, Expires and OSSAccessKeyId cannot be in the URL and the header at the same time" (URL doc).
    if (URL_AUTH_PARAMS.some((name) => query.has(name))) {
      return { kind: 'invalid', stage: 'mechanism', error: invalidArgument(GENERIC_INVALID) };
    }
    const auth = parseAuthorizationHeader(header);
    if (auth === FOREIGN_SCHEME) return FOREIGN;
    return auth instanceof OssError
      ? { kind: 'invalid', stage: 'header', error: auth }
      : { kind: 'header', auth };
  }
  if (FOREIGN_URL_PARAMS.some((name) => query.has(name))) return FOREIGN;
  const auth = hasV1QueryAuth(query)
    ? parseV1Query(query)
    : hasV2QueryAuth(query)
      ? parseV2Query(query, accessKeyIdError)
      : parseV4Query(query);
  return auth instanceof OssError
    ? { kind: 'invalid', stage: 'query', error: auth }
    : { kind: 'query', auth };
}

export function requestAuth(request: OssRequest): RequestAuth {
  const header = request.headers.authorization;
  const query = request.query;
  if (header === undefined && !hasV1QueryAuth(query) && !hasV2QueryAuth(query) && !hasV4QueryAuth(query))
    return ANONYMOUS;
  let auth = parsed.get(request);
  if (auth === undefined) {
    auth = parse(request, header);
    parsed.set(request, auth);
  }
  return auth;
}

/** The AccessKeyId a request names, when its authentication parses. */
export function accessKeyIdOf(request: OssRequest): string | undefined {
  const auth = requestAuth(request);
  return auth.kind === 'header' || auth.kind === 'query' ? auth.auth.accessKeyId : undefined;
}
