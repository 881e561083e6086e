import { invalidArgument, type OssError, ossError } from '../../core/oss-error';
import { parseV2AdditionalHeaders } from './authorization-v2';
import { EXPIRES_NOT_NUMBER, GENERIC_INVALID, required } from './presigned';

/** A V2 presigned URL (`x-oss-signature-version=OSS2`), as the python SDK and others build it. */
export type V2QueryAuth = {
  readonly version: 'v2';
  readonly accessKeyId: string;
  /** As sent: it is the Date line of the string to sign. */
  readonly expiresText: string;
  /** Absolute epoch seconds, as V1's Expires. */
  readonly expires: number;
  readonly additionalHeaders: readonly string[];
  readonly signature: string;
};

type Query = ReadonlyMap<string, string>;

export function hasV2QueryAuth(query: Query): boolean {
  return query.get('x-oss-signature-version') === 'OSS2' || query.has('x-oss-access-key-id');
}

/**
 * V2 URL. Its codes and messages are not documented: a missing or empty parameter is
 * InvalidArgument naming it, as for V4 URLs (R); x-oss-expires holds epoch seconds like V1's
 * Expires and takes V1's message when it is not a number (R).
 */
export function parseV2Query(
  query: Query,
  accessKeyIdError: (id: string) => OssError | undefined,
): V2QueryAuth | OssError {
  const version = query.get('x-oss-signature-version');
  if (version !== 'OSS2') return invalidArgument(GENERIC_INVALID, 'x-oss-signature-version', version);
  const accessKeyId = required(query, 'x-oss-access-key-id');
  if (typeof accessKeyId !== 'string') return accessKeyId;
  const expiresText = required(query, 'x-oss-expires');
  if (typeof expiresText !== 'string') return expiresText;
  if (!/^\d+$/.test(expiresText)) return ossError(EXPIRES_NOT_NUMBER);
  const signature = required(query, 'x-oss-signature');
  if (typeof signature !== 'string') return signature;
  const additionalHeaders = parseV2AdditionalHeaders(query.get('x-oss-additional-headers'));
  if (additionalHeaders === undefined) {
    return invalidArgument(
      GENERIC_INVALID,
      'x-oss-additional-headers',
      query.get('x-oss-additional-headers'),
    );
  }
  return (
    accessKeyIdError(accessKeyId) ?? {
      version: 'v2',
      accessKeyId,
      expiresText,
      expires: Number(expiresText),
      additionalHeaders,
      signature,
    }
  );
}
