import type { IncomingHttpHeaders } from 'node:http';
import { isOssError, type OssError, ossError } from '../core/oss-error';

export const NOT_MULTIPART = 'Bucket POST must be of the enclosure-type multipart/form-data.';
export const MALFORMED_POST = 'The body of your POST request is not well-formed multipart/form-data.';
export const FIELD_TOO_LONG = 'Your name of form field is too long.';
export const PRE_DATA_TOO_LARGE = 'Your POST request fields preceding the upload file were too large.';
export const FILE_COUNT = 'POST requires exactly one file upload per request.';
export const ENTITY_TOO_LARGE = 'Your proposed upload exceeds the maximum allowed size.';
export const ENTITY_TOO_SMALL = 'Your proposed upload smaller than the minimum allowed size.';
export const BODY_TOO_LARGE = 'Post body size must be less than 5G.';
export const DIGEST_INVALID = 'The Content-MD5 you specified was invalid.';
export const SIGNING_REGION_INVALID = 'The signing region in credential is invalid.';
export const ACCESS_KEY_UNKNOWN = 'The OSS Access Key Id you provided does not exist in our records.';

export const notMultipart = (): OssError => ossError('RequestIsNotMultiPartContent', NOT_MULTIPART);
export const malformedPost = (): OssError => ossError('MalformedPOSTRequest', MALFORMED_POST);
export const fieldTooLong = (): OssError => ossError('FieldItemTooLong', FIELD_TOO_LONG, [], '0006-00000110');
export const preDataTooLarge = (): OssError =>
  ossError('MaxPOSTPreDataLengthExceededError', PRE_DATA_TOO_LARGE);
export const wrongFileCount = (): OssError => ossError('IncorrectNumberOfFilesInPOSTRequest', FILE_COUNT);
export const entityTooLarge = (): OssError =>
  ossError('EntityTooLarge', ENTITY_TOO_LARGE, [], '0006-00000003');
export const entityTooSmall = (): OssError =>
  ossError('EntityTooSmall', ENTITY_TOO_SMALL, [], '0006-00000004');
export const bodyTooLarge = (): OssError => ossError('InvalidArgument', BODY_TOO_LARGE);
export const digestInvalid = (): OssError => ossError('InvalidDigest', DIGEST_INVALID);
export const accessKeyUnknown = (): OssError => ossError('InvalidAccessKeyId', ACCESS_KEY_UNKNOWN);
export const signingRegionInvalid = (credential: string): OssError =>
  ossError(
    'InvalidArgument',
    SIGNING_REGION_INVALID,
    [
      ['ArgumentName', 'x-oss-credential'],
      ['ArgumentValue', credential],
    ],
    '0002-00000715',
  );

/** The upstream answered with an error; its status, headers and body are relayed unchanged. */
export class UpstreamResponseError extends Error {
  constructor(
    readonly status: number,
    readonly statusMessage: string | undefined,
    readonly headers: IncomingHttpHeaders,
    readonly body: Buffer,
  ) {
    super(`upstream answered ${status}`);
    this.name = 'UpstreamResponseError';
  }
}

/** The upstream could not be reached or dropped the connection: there is no OSS answer to relay. */
export class UpstreamUnavailableError extends Error {
  constructor(
    readonly reason: string,
    // The error itself (a timeout decides 504 over 502); logged, never sent.
    cause?: unknown,
  ) {
    super(`upstream request failed: ${reason}`, { cause });
    this.name = 'UpstreamUnavailableError';
  }
}

/** A failure on the server's side (a credential lookup that threw, a bug): answered 500, never blamed on the form. */
export class PostInternalError extends Error {
  constructor(readonly reason: unknown) {
    super(
      `oss-preflight: PostObject handling failed: ${reason instanceof Error ? reason.message : String(reason)}`,
    );
    this.name = 'PostInternalError';
  }
}

const MULTER_CODES: Readonly<Record<string, () => OssError>> = {
  LIMIT_FIELD_KEY: fieldTooLong,
  LIMIT_FIELD_VALUE: fieldTooLong,
  LIMIT_FIELD_COUNT: preDataTooLarge,
  LIMIT_PART_COUNT: preDataTooLarge,
  LIMIT_FILE_COUNT: wrongFileCount,
  LIMIT_UNEXPECTED_FILE: wrongFileCount,
  LIMIT_FILE_SIZE: entityTooLarge,
  MISSING_FIELD_NAME: malformedPost,
  LIMIT_FIELD_NESTING: malformedPost,
  LIMIT_FIELD_ARRAY_INDEX: malformedPost,
  INVALID_FIELD_NAME: malformedPost,
};

/**
 * What the client gets for an error raised while the form was read. multer's limit codes map to
 * their OSS twins; anything else busboy or the socket raises (bad boundary, truncated body,
 * broken part header, client abort) means the body was not well-formed multipart.
 */
export function toPostError(error: unknown): Error {
  if (
    isOssError(error) ||
    error instanceof UpstreamResponseError ||
    error instanceof UpstreamUnavailableError ||
    error instanceof PostInternalError
  ) {
    return error;
  }
  const code = (error as { code?: unknown } | null)?.code;
  const mapped = typeof code === 'string' ? MULTER_CODES[code] : undefined;
  return mapped ? mapped() : malformedPost();
}
