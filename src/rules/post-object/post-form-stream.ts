import { defineRule } from '../../core/rule';

/**
 * These errors depend on the body, which only the POST handler reads (src/post: the form parser,
 * the fileFilter and the size meter raise them while the form streams). The rule checks nothing;
 * it declares them so the rule list and the generated docs account for every PostObject error.
 */
export const postFormStream = defineRule({
  id: 'post-form-stream',
  family: 'post-object',
  operations: ['PostObject'],
  errors: [
    'MalformedPOSTRequest.notWellFormed',
    'FieldItemTooLong.fieldTooLong',
    'MaxPOSTPreDataLengthExceededError.fieldsTooLarge',
    'IncorrectNumberOfFilesInPOSTRequest.exactlyOneFile',
    'EntityTooLarge.aboveMaximum',
    'EntityTooSmall.belowMinimum',
    'InvalidDigest.contentMd5',
    'InvalidArgument.postBodyTooLarge',
    'InvalidAccessKeyId.unknown',
    'InvalidArgument.credentialRegionInvalid',
  ],
  source:
    'Enforced by postObject()/createPostObjectHandler() while the body streams, not by the rule engine. ' +
    'Malformed body (bad boundary, truncated, broken part header, nameless part): MalformedPOSTRequest (common errors #1, ' +
    'seed 002). FieldItemTooLong: a value over 4 KB (seed 002; conformance post-field-too-long; the 2021 API reference ' +
    'allows 2 MB, configurable) or a name over 8 KB (API reference). MaxPOSTPreDataLengthExceededError: more than 8 MB ' +
    'or more than 1000 fields before the file (EC 0006-00000112). IncorrectNumberOfFilesInPOSTRequest: no file, two, a ' +
    'file part not named file, or any part after the file (seed 002; EC 0006-00000103/104/107). EntityTooLarge/Small: ' +
    'content-length-range and the 5 GB cap counted on the streamed bytes (EC 0006-00000003/4). InvalidDigest: a ' +
    'Content-MD5 header that does not match the body as sent (PostObject FAQ). Post body size: a chunked body past the ' +
    'limit. InvalidAccessKeyId and the signing region need the key store and region the handler is configured with.',
  check: () => undefined,
});
