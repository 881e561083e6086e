import type { Rule } from '../../core/rule';
import { bucketAclHeader } from './bucket-acl-header';
import { clientEncryptionMeta } from './client-encryption-meta';
import { contentLengthFormat } from './content-length-format';
import { forbidOverwrite } from './forbid-overwrite';
import { httpMethod } from './http-method';
import { listEncodingType } from './list-encoding-type';
import { listMarkerLength } from './list-marker-length';
import { listPageSize } from './list-page-size';
import { listPartNumberMarker } from './list-part-number-marker';
import { listVersionIdMarker } from './list-version-id-marker';
import { liveChannelStatus } from './live-channel-status';
import { missingContentLength } from './missing-content-length';
import { objectAclHeader } from './object-acl-header';
import { putConditionalHeaders } from './put-conditional-headers';
import { requestTarget } from './request-target';
import { responseHeaderOverride } from './response-header-override';
import { serverSideEncryption } from './server-side-encryption';
import { sseKmsKeyId } from './sse-kms-key-id';
import { sseUnsupportedOperation } from './sse-unsupported-operation';
import { storageClassHeader } from './storage-class-header';
import { uploadSizeLimit } from './upload-size-limit';
import { userLastModified } from './user-last-modified';
import { userMetadata } from './user-metadata';
import { versionId } from './version-id';
import { vodTimeRange } from './vod-time-range';

export { clientEncryptionMetaError } from './client-encryption-meta';
export { declaredContentLength, isChunked, MAX_SINGLE_UPLOAD_BYTES } from './content-length';
export { forbidOverwriteError } from './forbid-overwrite';
export { parseHttpDate } from './http-date';
export { objectAclError } from './object-acl-header';
export { serverSideEncryptionError } from './server-side-encryption';
export { storageClassError } from './storage-class-header';
export { userLastModifiedError } from './user-last-modified';

/** Request framing (Content-Length), checked before anything else. */
export const framingRules: readonly Rule[] = [
  httpMethod,
  requestTarget,
  contentLengthFormat,
  missingContentLength,
  uploadSizeLimit,
];

/**
 * The request's own headers, from "this operation cannot take it at all" to value checks.
 * OSS does not document which of several bad headers it reports; this order is ours.
 */
export const headerRules: readonly Rule[] = [
  putConditionalHeaders,
  sseUnsupportedOperation,
  serverSideEncryption,
  sseKmsKeyId,
  userMetadata,
  objectAclHeader,
  bucketAclHeader,
  storageClassHeader,
  forbidOverwrite,
  userLastModified,
  clientEncryptionMeta,
  versionId,
  responseHeaderOverride,
  listPageSize,
  listMarkerLength,
  listEncodingType,
  listPartNumberMarker,
  listVersionIdMarker,
  liveChannelStatus,
  vodTimeRange,
];
