import { type OssError, ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { oneOf } from './enum-value';

const MESSAGE = 'Invalid Argument. Parameter is invalid.';
const isStorageClass = oneOf(['Standard', 'IA', 'Archive', 'ColdArchive', 'DeepColdArchive']);
// The EC pages seen name these operations for an unknown value; others have only an unopened page.
const STORAGE_CLASS_EC_OPERATIONS = new Set(['PutBucket', 'CopyObject']);

function ecFor(value: string, operation: string | undefined): string | undefined {
  if (value.trim() === '') return '0017-00000131';
  return operation !== undefined && STORAGE_CLASS_EC_OPERATIONS.has(operation) ? '0013-00000101' : undefined;
}

/** `x-oss-storage-class` (header or PostObject form field); undefined when absent or valid. */
export function storageClassError(value: string | undefined, operation?: string): OssError | undefined {
  if (value === undefined || isStorageClass(value)) return undefined;
  const details: [string, string][] = [
    ['ArgumentName', 'x-oss-storage-class'],
    ['ArgumentValue', value],
  ];
  return ossError('InvalidArgument', MESSAGE, details, ecFor(value, operation));
}

export const storageClassHeader = defineRule({
  id: 'storage-class-header',
  family: 'headers',
  operations: [
    'PutObject',
    'CopyObject',
    'AppendObject',
    'InitiateMultipartUpload',
    'PutSymlink',
    'PutBucket',
  ],
  errors: [['InvalidArgument', MESSAGE]],
  source:
    'PutObject/CopyObject/AppendObject/InitiateMultipartUpload/PutSymlink API references (InvalidArgument) ; ' +
    'https://www.alibabacloud.com/help/en/oss/support/0017-00000131 (empty) ; https://www.alibabacloud.com/help/en/oss/support/0013-00000101 ' +
    '(PutBucket/CopyObject, unknown value; Standard, IA, Archive, ColdArchive, DeepColdArchive). The message is undocumented: the ' +
    "generic one of seed 002 with ArgumentName/ArgumentValue. Values compare case-insensitively. PutBucket's XML StorageClass is a body rule.",
  inputs: { headers: ['x-oss-storage-class'] },
  check: (request) => storageClassError(request.headers['x-oss-storage-class'], request.operation),
});
