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

export const noSuchKey = (key: string) =>
  new DevUpstreamError(404, 'NoSuchKey', 'The specified key does not exist.', [['Key', key]]);

export const notImplemented = () =>
  new DevUpstreamError(
    501,
    'NotImplemented',
    'A header you provided implies functionality that is not implemented.',
    [['Detail', 'oss-preflight development stand-in: operation not implemented']],
  );

export const invalidBucketName = (bucket: string) =>
  new DevUpstreamError(400, 'InvalidBucketName', 'The specified bucket is not valid.', [
    ['BucketName', bucket],
  ]);

export const invalidObjectName = () =>
  new DevUpstreamError(400, 'InvalidObjectName', 'The specified object is not valid.');

export const invalidArgument = (name: string, value: string) =>
  new DevUpstreamError(400, 'InvalidArgument', 'Invalid Argument. Parameter is invalid.', [
    ['ArgumentName', name],
    ['ArgumentValue', value],
  ]);

export const entityTooLarge = () =>
  new DevUpstreamError(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size.');

export const invalidDigest = () =>
  new DevUpstreamError(400, 'InvalidDigest', 'The Content-MD5 you specified was invalid.');

export const invalidRange = () =>
  new DevUpstreamError(416, 'InvalidRange', 'The requested range cannot be satisfied.');

export const notMultipartPost = () =>
  new DevUpstreamError(
    400,
    'RequestIsNotMultiPartContent',
    'Bucket POST must be of the enclosure-type multipart/form-data.',
  );

export const malformedPost = () =>
  new DevUpstreamError(
    400,
    'MalformedPOSTRequest',
    'The body of your POST request is not well-formed multipart/form-data.',
  );

export const postKeyMissing = () =>
  new DevUpstreamError(
    400,
    'InvalidArgument',
    'The bucket POST must contain the specified ‘key’. If it is specified, please check the order of the fields',
  );

export const postFileMissing = () =>
  new DevUpstreamError(
    400,
    'IncorrectNumberOfFilesInPOSTRequest',
    'POST requires exactly one file upload per request.',
  );

export const internalError = () =>
  new DevUpstreamError(500, 'InternalError', 'We encountered an internal error. Please try again.');
