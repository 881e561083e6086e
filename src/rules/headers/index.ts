import type { Rule } from '../../core/rule';
import { bucketAclHeader } from './bucket-acl-header';
import { clientEncryptionMeta } from './client-encryption-meta';
import { forbidOverwrite } from './forbid-overwrite';
import { listEncodingType } from './list-encoding-type';
import { listMarkerLength } from './list-marker-length';
import { listPageSize } from './list-page-size';
import { listPartNumberMarker } from './list-part-number-marker';
import { listVersionIdMarker } from './list-version-id-marker';
import { liveChannelStatus } from './live-channel-status';
import { objectAclHeader } from './object-acl-header';
import { putConditionalHeaders } from './put-conditional-headers';
import { responseHeaderOverride } from './response-header-override';
import { serverSideEncryption } from './server-side-encryption';
import { sseKmsKeyId } from './sse-kms-key-id';
import { sseUnsupportedOperation } from './sse-unsupported-operation';
import { storageClassHeader } from './storage-class-header';
import { userLastModified } from './user-last-modified';
import { userMetadata } from './user-metadata';
import { versionId } from './version-id';
import { vodTimeRange } from './vod-time-range';

export { forbidOverwriteError } from '../shared/forbid-overwrite-value';
export { objectAclError } from '../shared/object-acl';
export { serverSideEncryptionError } from '../shared/server-side-encryption-value';
export { storageClassError } from '../shared/storage-class';
export { clientEncryptionMetaError } from './client-encryption-meta';
export { parseHttpDate } from './http-date';
export { userLastModifiedError } from './user-last-modified';

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
