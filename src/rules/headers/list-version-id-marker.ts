import { defineRule } from '../../core/rule';
import { invalidListParameter, LIST_INVALID } from './list-parameters';

export const listVersionIdMarker = defineRule({
  id: 'list-version-id-marker',
  family: 'headers',
  operations: ['ListObjectVersions'],
  errors: [LIST_INVALID],
  source:
    'GetBucketVersions (ListObjectVersions) API reference: "The key-marker parameter is required if ' +
    'version-id-marker is specified"; its error table answers InvalidArgument for an invalid version-id-marker ' +
    '(message undocumented: the generic one of seed 002, R). ListMultipartUploads is different: its reference ' +
    'says OSS ignores upload-id-marker without key-marker, so that case is accepted.',
  check: (request) => {
    const value = request.query.get('version-id-marker');
    if (value === undefined || value === '') return undefined;
    const keyMarker = request.query.get('key-marker');
    return keyMarker === undefined || keyMarker === ''
      ? invalidListParameter('version-id-marker', value)
      : undefined;
  },
});
