import { invalidArgument, type OssError, ossError } from '../../core/oss-error';
import { V4_ALGORITHM, V4_MAX_PRESIGN_SECONDS } from '../../signing/sign-v4';
import { accessKeyIdError, BAD_PRODUCT, parseV4Credential, type V4Scope } from './authorization';
import { parseAdditionalHeaders } from './signature-params';
import { dateRequiredError, parseIsoBasic } from './time';

export const QUERY_INCOMPLETE = 'AccessDenied.presignedParameters';
export const EXPIRES_NOT_NUMBER = 'AccessDenied.expiresNotEpoch';
export const GENERIC_INVALID = 'InvalidArgument.parameterInvalidDotted';
export const QUERY_REGION = 'InvalidArgument.credentialRegionInvalid';

export type V1QueryAuth = {
  readonly version: 'v1';
  readonly accessKeyId: string;
  /** As sent: it is the Date line of the string to sign. */
  readonly expiresText: string;
  readonly expires: number;
  readonly signature: string;
};

export type V4QueryAuth = {
  readonly version: 'v4';
  readonly accessKeyId: string;
  readonly scope: V4Scope;
  readonly isoDate: string;
  readonly dateMs: number;
  readonly expiresSeconds: number;
  readonly additionalHeaders: readonly string[];
  readonly signature: string;
};

type Query = ReadonlyMap<string, string>;

// `Expires` alone is not taken as an attempt to authenticate: nothing says OSS does.
export const V1_QUERY_AUTH_PARAMETERS = ['OSSAccessKeyId', 'Signature'] as const;
export const V4_QUERY_AUTH_PARAMETERS = [
  'x-oss-signature-version',
  'x-oss-credential',
  'x-oss-signature',
] as const;

export function hasV1QueryAuth(query: Query): boolean {
  return V1_QUERY_AUTH_PARAMETERS.some((name) => query.has(name));
}

export function hasV4QueryAuth(query: Query): boolean {
  return V4_QUERY_AUTH_PARAMETERS.some((name) => query.has(name));
}

/**
 * V1 URL: the three parameters (first values count, any order), EC 0002-00000067..73. An empty
 * Signature or OSSAccessKeyId counts as missing; an empty Expires is "not seconds since epoch".
 */
export function parseV1Query(query: Query): V1QueryAuth | OssError {
  const accessKeyId = query.get('OSSAccessKeyId') ?? '';
  const signature = query.get('Signature') ?? '';
  const expiresText = query.get('Expires');
  if (accessKeyId === '' || signature === '' || expiresText === undefined) {
    return ossError(QUERY_INCOMPLETE);
  }
  if (!/^\d+$/.test(expiresText)) return ossError(EXPIRES_NOT_NUMBER, [], '0002-00000070');
  return (
    accessKeyIdError(accessKeyId) ?? {
      version: 'v1',
      accessKeyId,
      expiresText,
      expires: Number(expiresText),
      signature,
    }
  );
}

/** A query parameter the URL form needs: missing or empty is InvalidArgument naming it. */
export function required(query: Query, name: string): string | OssError {
  const value = query.get(name);
  return value === undefined || value === '' ? invalidArgument(GENERIC_INVALID, name) : value;
}

/**
 * V4 URL. OSS documents the cases (EC 0002-00000215..236) but not their codes or messages, so
 * each gets the closest documented one: InvalidArgument naming the parameter, the header's
 * product message, the form field's region message, and the header's Date message.
 */
export function parseV4Query(query: Query): V4QueryAuth | OssError {
  const version = query.get('x-oss-signature-version');
  if (version !== V4_ALGORITHM) return invalidArgument(GENERIC_INVALID, 'x-oss-signature-version', version);
  const credential = required(query, 'x-oss-credential');
  if (typeof credential !== 'string') return credential;
  const parsed = parseV4Credential(credential);
  if (parsed === 'shape' || parsed === 'access-key-id') {
    return invalidArgument(GENERIC_INVALID, 'x-oss-credential', credential);
  }
  if (parsed === 'product') return ossError(BAD_PRODUCT);
  if (parsed === 'region') return invalidArgument(QUERY_REGION, 'x-oss-credential', credential);
  const akError = accessKeyIdError(parsed.accessKeyId);
  if (akError) return akError;

  const isoDate = query.get('x-oss-date') ?? '';
  const dateMs = parseIsoBasic(isoDate);
  if (dateMs === undefined) return dateRequiredError();
  if (isoDate.slice(0, 8) !== parsed.scope.day)
    return invalidArgument(GENERIC_INVALID, 'x-oss-credential', credential);

  const expires = required(query, 'x-oss-expires');
  if (typeof expires !== 'string') return expires;
  const expiresSeconds = /^\d{1,7}$/.test(expires) ? Number(expires) : 0;
  if (expiresSeconds < 1 || expiresSeconds > V4_MAX_PRESIGN_SECONDS) {
    return invalidArgument(GENERIC_INVALID, 'x-oss-expires', expires);
  }
  const signature = required(query, 'x-oss-signature');
  if (typeof signature !== 'string') return signature;

  const additionalHeaders = parseAdditionalHeaders(query.get('x-oss-additional-headers'));
  return {
    version: 'v4',
    accessKeyId: parsed.accessKeyId,
    scope: parsed.scope,
    isoDate,
    dateMs,
    expiresSeconds,
    additionalHeaders,
    signature,
  };
}
