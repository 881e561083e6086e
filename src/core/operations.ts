/**
 * The OSS operation a request performs, from method + target + sub-resource.
 * The table is data so that docs and rules can refer to operations by name.
 */
/** What a request addresses: the service (no bucket), a bucket, or an object. */
export type Target = 'service' | 'bucket' | 'object';

export type OperationRoute = {
  readonly operation: string;
  readonly method: string;
  readonly target: Target;
  /** Query parameters that must all be present (value-less sub-resources such as `acl`). */
  readonly query?: readonly string[];
  /** A header that must be present (CopyObject is a PUT with x-oss-copy-source). */
  readonly header?: string;
  /** `comp=<value>` distinguishes some bucket POSTs. */
  readonly comp?: string;
};

const objectRoutes: OperationRoute[] = [
  // LiveChannel requests name a channel where other requests name an object (`PUT /channel?live`).
  // `PUT /channel?live&status=enabled` switches a channel on or off and has no body.
  { operation: 'PutLiveChannelStatus', method: 'PUT', target: 'object', query: ['live', 'status'] },
  { operation: 'PutLiveChannel', method: 'PUT', target: 'object', query: ['live'] },
  { operation: 'GetLiveChannel', method: 'GET', target: 'object', query: ['live'] },
  { operation: 'DeleteLiveChannel', method: 'DELETE', target: 'object', query: ['live'] },
  { operation: 'PostVodPlaylist', method: 'POST', target: 'object', query: ['vod'] },
  { operation: 'GetVodPlaylist', method: 'GET', target: 'object', query: ['vod'] },
  {
    operation: 'UploadPartCopy',
    method: 'PUT',
    target: 'object',
    query: ['uploadId'],
    header: 'x-oss-copy-source',
  },
  { operation: 'UploadPart', method: 'PUT', target: 'object', query: ['uploadId'] },
  { operation: 'PutObjectAcl', method: 'PUT', target: 'object', query: ['acl'] },
  { operation: 'PutObjectTagging', method: 'PUT', target: 'object', query: ['tagging'] },
  { operation: 'PutSymlink', method: 'PUT', target: 'object', query: ['symlink'] },
  { operation: 'CopyObject', method: 'PUT', target: 'object', header: 'x-oss-copy-source' },
  { operation: 'PutObject', method: 'PUT', target: 'object' },
  { operation: 'GetObjectAcl', method: 'GET', target: 'object', query: ['acl'] },
  { operation: 'GetObjectTagging', method: 'GET', target: 'object', query: ['tagging'] },
  { operation: 'GetSymlink', method: 'GET', target: 'object', query: ['symlink'] },
  { operation: 'ListParts', method: 'GET', target: 'object', query: ['uploadId'] },
  { operation: 'GetObjectMeta', method: 'GET', target: 'object', query: ['objectMeta'] },
  { operation: 'GetObject', method: 'GET', target: 'object' },
  { operation: 'GetObjectMeta', method: 'HEAD', target: 'object', query: ['objectMeta'] },
  { operation: 'HeadObject', method: 'HEAD', target: 'object' },
  { operation: 'DeleteObjectTagging', method: 'DELETE', target: 'object', query: ['tagging'] },
  { operation: 'AbortMultipartUpload', method: 'DELETE', target: 'object', query: ['uploadId'] },
  { operation: 'DeleteObject', method: 'DELETE', target: 'object' },
  { operation: 'InitiateMultipartUpload', method: 'POST', target: 'object', query: ['uploads'] },
  { operation: 'CompleteMultipartUpload', method: 'POST', target: 'object', query: ['uploadId'] },
  { operation: 'AppendObject', method: 'POST', target: 'object', query: ['append'] },
  { operation: 'RestoreObject', method: 'POST', target: 'object', query: ['restore'] },
  { operation: 'SelectObject', method: 'POST', target: 'object', query: ['x-oss-process'] },
  { operation: 'OptionObject', method: 'OPTIONS', target: 'object' },
];

/** Bucket configurations that follow the Put/Get/Delete pattern, with the sub-resource that selects them. */
const bucketConfigs: ReadonlyArray<readonly [name: string, subResource: string, deletable: boolean]> = [
  ['Acl', 'acl', false],
  ['Cors', 'cors', true],
  ['Lifecycle', 'lifecycle', true],
  ['Logging', 'logging', true],
  ['Website', 'website', true],
  ['Referer', 'referer', false],
  ['Tags', 'tagging', true],
  ['Versioning', 'versioning', false],
  ['Encryption', 'encryption', true],
  ['Policy', 'policy', true],
  ['Inventory', 'inventory', true],
  ['RequestPayment', 'requestPayment', false],
  ['TransferAcceleration', 'transferAcceleration', false],
  ['AccessMonitor', 'accessmonitor', false],
  ['ResourceGroup', 'resourceGroup', false],
  ['PublicAccessBlock', 'publicAccessBlock', true],
  ['HttpsConfig', 'httpsConfig', false],
];

const bucketRoutes: OperationRoute[] = [
  { operation: 'DeleteMultipleObjects', method: 'POST', target: 'bucket', query: ['delete'] },
  {
    operation: 'PutBucketReplication',
    method: 'POST',
    target: 'bucket',
    query: ['replication'],
    comp: 'add',
  },
  {
    operation: 'DeleteBucketReplication',
    method: 'POST',
    target: 'bucket',
    query: ['replication'],
    comp: 'delete',
  },
  { operation: 'CompleteBucketWorm', method: 'POST', target: 'bucket', query: ['wormId'], comp: 'complete' },
  { operation: 'ExtendBucketWorm', method: 'POST', target: 'bucket', query: ['wormExtend'] },
  { operation: 'InitiateBucketWorm', method: 'POST', target: 'bucket', query: ['worm'] },
  { operation: 'GetBucketReplication', method: 'GET', target: 'bucket', query: ['replication'] },
  { operation: 'GetBucketWorm', method: 'GET', target: 'bucket', query: ['worm'] },
  { operation: 'AbortBucketWorm', method: 'DELETE', target: 'bucket', query: ['worm'] },
  { operation: 'ListMultipartUploads', method: 'GET', target: 'bucket', query: ['uploads'] },
  { operation: 'ListLiveChannel', method: 'GET', target: 'bucket', query: ['live'] },
  { operation: 'ListObjectVersions', method: 'GET', target: 'bucket', query: ['versions'] },
  { operation: 'GetBucketLocation', method: 'GET', target: 'bucket', query: ['location'] },
  { operation: 'GetBucketInfo', method: 'GET', target: 'bucket', query: ['bucketInfo'] },
  { operation: 'GetBucketStat', method: 'GET', target: 'bucket', query: ['stat'] },
  ...bucketConfigs.flatMap(([name, sub, deletable]) => [
    { operation: `PutBucket${name}`, method: 'PUT', target: 'bucket' as const, query: [sub] },
    { operation: `GetBucket${name}`, method: 'GET', target: 'bucket' as const, query: [sub] },
    ...(deletable
      ? [{ operation: `DeleteBucket${name}`, method: 'DELETE', target: 'bucket' as const, query: [sub] }]
      : []),
  ]),
  { operation: 'PutBucket', method: 'PUT', target: 'bucket' },
  { operation: 'ListObjects', method: 'GET', target: 'bucket' },
  { operation: 'HeadBucket', method: 'HEAD', target: 'bucket' },
  { operation: 'DeleteBucket', method: 'DELETE', target: 'bucket' },
  { operation: 'PostObject', method: 'POST', target: 'bucket' },
  { operation: 'OptionObject', method: 'OPTIONS', target: 'bucket' },
];

const serviceRoutes: OperationRoute[] = [{ operation: 'ListBuckets', method: 'GET', target: 'service' }];

export const OPERATION_ROUTES: readonly OperationRoute[] = [
  ...objectRoutes,
  ...bucketRoutes,
  ...serviceRoutes,
];

/** Every operation name the table can produce, plus `Unknown`. */
export const OPERATIONS: ReadonlySet<string> = new Set([
  ...OPERATION_ROUTES.map((r) => r.operation),
  'Unknown',
]);

const routesByKey = new Map<string, OperationRoute[]>();
for (const route of OPERATION_ROUTES) {
  const key = `${route.method} ${route.target}`;
  const list = routesByKey.get(key) ?? [];
  list.push(route);
  routesByKey.set(key, list);
}

export function resolveOperation(
  method: string,
  target: Target,
  query: ReadonlyMap<string, string>,
  headers: Readonly<Record<string, string | undefined>>,
): string {
  const routes = routesByKey.get(`${method} ${target}`);
  if (!routes) return 'Unknown';
  for (const route of routes) {
    if (route.query && !route.query.every((q) => query.has(q))) continue;
    if (route.header && headers[route.header] === undefined) continue;
    if (route.comp !== undefined && query.get('comp') !== route.comp) continue;
    return route.operation;
  }
  return 'Unknown';
}
