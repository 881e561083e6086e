import { invalidArgument } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { parseDecimal } from '../shared/decimal';

export const PART_NUMBER_RANGE = 'InvalidArgument.partNumberRange';
const UNEXPECTED_PARAMETER = 'InvalidArgument.unexpectedQueryParameter';
export const MAX_PART_NUMBER = 10000;

export function isPartNumber(text: string): boolean {
  const value = parseDecimal(text);
  return value !== undefined && value >= 1 && value <= MAX_PART_NUMBER;
}

export const uploadPartNumber = defineRule({
  id: 'upload-part-number',
  family: 'multipart',
  operations: ['UploadPart', 'UploadPartCopy'],
  errors: [UNEXPECTED_PARAMETER, PART_NUMBER_RANGE],
  source:
    'research oss-rules-headers.md MP1 (EC 0017-00000220: PartNumber/10001, PartNumber/STR) and MP2 ' +
    '(EC 0017-00000219: no partNumber → ArgumentName ResourceType, ArgumentValue partNumber). ' +
    'Leading zeros, a leading + and surrounding blanks are accepted: OSS does not document its parser. ' +
    'An empty uploadId is left to OSS (NoSuchUpload needs server state).',
  check: (request) => {
    const partNumber = request.query.get('partNumber');
    if (partNumber === undefined) return invalidArgument(UNEXPECTED_PARAMETER, 'ResourceType', 'partNumber');
    return isPartNumber(partNumber)
      ? undefined
      : invalidArgument(PART_NUMBER_RANGE, 'PartNumber', partNumber);
  },
});
