import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { invalidListParameter, isListV2, LIST_INVALID } from './list-parameters';

/** Below 1,024 bytes, as the API references put it. */
export const MAX_LIST_MARKER_BYTES = 1023;
/** ListLiveChannel's prefix "cannot be longer than 1,024 bytes" (EC 0044-00000102). */
export const MAX_LIVE_CHANNEL_PREFIX_BYTES = 1024;

/** Parameters whose documented length limit is "smaller than 1,024 bytes", by operation. */
function limitedParameters(operation: string, v2: boolean): readonly string[] {
  if (operation === 'ListObjectVersions') return ['prefix', 'key-marker'];
  if (operation === 'ListObjects') return v2 ? ['prefix', 'start-after'] : ['prefix', 'marker'];
  return [];
}

export const listMarkerLength = defineRule({
  id: 'list-marker-length',
  family: 'headers',
  operations: ['ListObjects', 'ListObjectVersions', 'ListLiveChannel'],
  errors: [LIST_INVALID],
  source:
    'GetBucket (ListObjects) API reference (prefix and marker smaller than 1,024 bytes) ; ListObjectsV2 API reference ' +
    '(start-after smaller than 1,024 bytes; prefix as ListObjects) ; GetBucketVersions (ListObjectVersions) API ' +
    'reference (prefix and key-marker smaller than 1,024 bytes; InvalidArgument when their length is invalid). ' +
    'Message undocumented: the generic one of seed 002 (R). Not checked, because no limit is documented: ' +
    'continuation-token, delimiter (ListObjectVersions names an invalid delimiter length without a number), and the ' +
    'prefixes and markers of ListMultipartUploads and ListBuckets. ListLiveChannel: EC 0044-00000102 (prefix longer ' +
    'than 1,024 bytes, e.g. 2,000 characters) ; ListLiveChannel API reference.',
  check: (request) => {
    if (request.operation === 'ListLiveChannel') {
      const prefix = request.query.get('prefix');
      return prefix !== undefined && Buffer.byteLength(prefix, 'utf8') > MAX_LIVE_CHANNEL_PREFIX_BYTES
        ? ossError(
            LIST_INVALID,
            [
              ['ArgumentName', 'prefix'],
              ['ArgumentValue', prefix],
            ],
            '0044-00000102',
          )
        : undefined;
    }
    for (const name of limitedParameters(request.operation, isListV2(request))) {
      const value = request.query.get(name);
      if (value !== undefined && Buffer.byteLength(value, 'utf8') > MAX_LIST_MARKER_BYTES) {
        return invalidListParameter(name, value);
      }
    }
    return undefined;
  },
});
