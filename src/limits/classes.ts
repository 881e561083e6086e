import { OPERATION_ROUTES } from '../core/operations';
import type { OperationClass } from './types';

/**
 * Bucket-level operations that act on objects rather than on the bucket's configuration: listings
 * are object reads, batch deletes and form uploads object writes. Every other bucket- or
 * service-level operation is a meta operation, as the 503 error page lists them ("GetService,
 * bucket operations such as PutBucket and GetBucketLifecycle, CORS operations, LiveChannel
 * operations"). That listings count as reads is this project's reading; the page does not say.
 */
const BUCKET_OBJECT_OPERATIONS: Readonly<Record<string, OperationClass>> = {
  ListObjects: 'read',
  ListObjectVersions: 'read',
  ListMultipartUploads: 'read',
  DeleteMultipleObjects: 'write',
  PostObject: 'write',
};

/** Object-level operations that are meta operations: LiveChannel and its playlists, CORS preflight. */
const META_OBJECT_OPERATIONS = new Set([
  'PutLiveChannelStatus',
  'PutLiveChannel',
  'GetLiveChannel',
  'DeleteLiveChannel',
  'PostVodPlaylist',
  'GetVodPlaylist',
  'OptionObject',
]);

/** Object operations that only read. */
const OBJECT_READS = new Set([
  'GetObject',
  'HeadObject',
  'GetObjectMeta',
  'GetObjectAcl',
  'GetObjectTagging',
  'GetSymlink',
  'ListParts',
  'SelectObject',
]);

const targetOf = new Map(OPERATION_ROUTES.map((route) => [route.operation, route.target]));

export function operationClass(operation: string): OperationClass {
  const bucketLevel = BUCKET_OBJECT_OPERATIONS[operation];
  if (bucketLevel !== undefined) return bucketLevel;
  if (META_OBJECT_OPERATIONS.has(operation)) return 'meta';
  if (OBJECT_READS.has(operation)) return 'read';
  const target = targetOf.get(operation);
  // An unknown operation is counted as a write: the costliest class, so it cannot slip past limits.
  if (target === 'service' || target === 'bucket') return 'meta';
  return 'write';
}
