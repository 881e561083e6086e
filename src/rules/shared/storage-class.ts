import { type OssError, ossError } from '../../core/oss-error';
import { oneOf } from '../shared/enum-value';

export const MESSAGE = 'InvalidArgument.parameterInvalidDotted';
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
  return ossError(MESSAGE, details, ecFor(value, operation));
}
