import { catalogueMessage, type MessageKey } from '../core/catalogue';

/** Extra elements that follow HostId in the error XML, in order. */
export type ErrorDetails = ReadonlyArray<readonly [element: string, value: string]>;

/**
 * An error the stand-in answers with. Deliberately separate from the core
 * OssError: the stand-in needs statuses and codes the pre-flight catalogue
 * has no reason to hold (501, InternalError, InvalidRange).
 */
export class DevUpstreamError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetails = [],
  ) {
    super(message);
    this.name = 'DevUpstreamError';
  }
}

/** A catalogue message with the stand-in's own status (it answers NotImplemented with 501, as a server does). */
function catalogued(status: number, key: MessageKey, details?: ErrorDetails): DevUpstreamError {
  const { code, text } = catalogueMessage(key);
  return new DevUpstreamError(status, code, text, details);
}

export const noSuchKey = (key: string) => catalogued(404, 'NoSuchKey.missing', [['Key', key]]);

export const notImplemented = () =>
  catalogued(501, 'NotImplemented.headerFunctionality', [
    ['Detail', 'oss-preflight development stand-in: operation not implemented'],
  ]);

export const invalidBucketName = (bucket: string) =>
  catalogued(400, 'InvalidBucketName.invalid', [['BucketName', bucket]]);

export const invalidObjectName = () => catalogued(400, 'InvalidObjectName.invalid');

export const invalidArgument = (name: string, value: string) =>
  catalogued(400, 'InvalidArgument.parameterInvalidDotted', [
    ['ArgumentName', name],
    ['ArgumentValue', value],
  ]);

export const entityTooLarge = () => catalogued(400, 'EntityTooLarge.aboveMaximum');

export const invalidDigest = () => catalogued(400, 'InvalidDigest.contentMd5');

export const invalidRange = () =>
  new DevUpstreamError(416, 'InvalidRange', 'The requested range cannot be satisfied.');

export const notMultipartPost = () => catalogued(400, 'RequestIsNotMultiPartContent.notMultipart');

export const malformedPost = () => catalogued(400, 'MalformedPOSTRequest.notWellFormed');

export const postKeyMissing = () => catalogued(400, 'InvalidArgument.postKeyMissing');

export const postFileMissing = () => catalogued(400, 'IncorrectNumberOfFilesInPOSTRequest.exactlyOneFile');

export const internalError = () =>
  new DevUpstreamError(500, 'InternalError', 'We encountered an internal error. Please try again.');
