import { invalidArgument } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { childText } from '../../core/xml';
import { hasRoot, parsedBody } from '../shared';

const NO_SUCH_STORAGE_CLASS = 'InvalidArgument.bucketStorageClassUnknown';
const STORAGE_CLASSES = new Set(['standard', 'ia', 'archive', 'coldarchive', 'deepcoldarchive']);

export const bucketStorageClass = defineRule({
  id: 'bucket-storage-class',
  family: 'bucket-config',
  operations: ['PutBucket'],
  phase: 'body',
  errors: [NO_SUCH_STORAGE_CLASS],
  source:
    'seed 002 InvalidArgument InvalidArgument.bucketStorageClassUnknown (Standard, IA, Archive, ColdArchive) ; ' +
    'research oss-rules-headers.md S1/S2 (current docs add DeepColdArchive). Letter case and blanks are ' +
    'tolerated, and an empty StorageClass is accepted, because OSS does not document them. Only a ' +
    '<CreateBucketConfiguration> is read: other bucket PUTs without a known sub-resource resolve to ' +
    'PutBucket too, and a PutBucket body that is not XML is left to OSS (its error is undocumented).',
  check: (request) => {
    const document = parsedBody(request);
    if (!document || !hasRoot(document, 'CreateBucketConfiguration')) return undefined;
    const storageClass = childText(document.element, 'StorageClass')?.trim();
    if (storageClass === undefined || storageClass === '') return undefined;
    return STORAGE_CLASSES.has(storageClass.toLowerCase())
      ? undefined
      : invalidArgument(NO_SUCH_STORAGE_CLASS);
  },
});
