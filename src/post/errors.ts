import type { IncomingHttpHeaders } from 'node:http';
import { isOssError, type OssError, ossError } from '../core/oss-error';

export const NOT_MULTIPART = 'RequestIsNotMultiPartContent.notMultipart';
export const MALFORMED_POST = 'MalformedPOSTRequest.notWellFormed';
export const FIELD_TOO_LONG = 'FieldItemTooLong.fieldTooLong';
export const PRE_DATA_TOO_LARGE = 'MaxPOSTPreDataLengthExceededError.fieldsTooLarge';
export const FILE_COUNT = 'IncorrectNumberOfFilesInPOSTRequest.exactlyOneFile';
export const ENTITY_TOO_LARGE = 'EntityTooLarge.aboveMaximum';
export const ENTITY_TOO_SMALL = 'EntityTooSmall.belowMinimum';
export const BODY_TOO_LARGE = 'InvalidArgument.postBodyTooLarge';
export const DIGEST_INVALID = 'InvalidDigest.contentMd5';
export const SIGNING_REGION_INVALID = 'InvalidArgument.credentialRegionInvalid';
export const ACCESS_KEY_UNKNOWN = 'InvalidAccessKeyId.unknown';

export const notMultipart = (): OssError => ossError(NOT_MULTIPART);
export const malformedPost = (): OssError => ossError(MALFORMED_POST);
export const fieldTooLong = (): OssError => ossError(FIELD_TOO_LONG, [], '0006-00000110');
export const preDataTooLarge = (): OssError => ossError(PRE_DATA_TOO_LARGE);
export const wrongFileCount = (): OssError => ossError(FILE_COUNT);
export const entityTooLarge = (): OssError => ossError(ENTITY_TOO_LARGE, [], '0006-00000003');
export const entityTooSmall = (): OssError => ossError(ENTITY_TOO_SMALL, [], '0006-00000004');
export const bodyTooLarge = (): OssError => ossError(BODY_TOO_LARGE);
export const digestInvalid = (): OssError => ossError(DIGEST_INVALID);
export const accessKeyUnknown = (): OssError => ossError(ACCESS_KEY_UNKNOWN);
export const signingRegionInvalid = (credential: string): OssError =>
  ossError(
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
