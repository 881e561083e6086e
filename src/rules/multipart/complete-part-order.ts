import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { children, childText } from '../../core/xml';
import { parseDecimal } from '../shared/decimal';
import { hasRoot, parsedBody } from '../shared/parsed-body';
import { completeAllMode } from './complete-all';
import { MAX_PART_NUMBER } from './upload-part-number';

const NOT_ASCENDING = 'InvalidPartOrder.notAscending';

export const completePartOrder = defineRule({
  id: 'complete-part-order',
  family: 'multipart',
  operations: ['CompleteMultipartUpload'],
  phase: 'body',
  errors: ['InvalidPartOrder.partNumberRange', NOT_ASCENDING],
  source:
    'seed 002 InvalidPartOrder (both messages; PartNumber 1-10000, gaps allowed, ascending) ; research ' +
    'oss-rules-headers.md MP3 (EC 0042-00000209) and MP4 (the range message under InvalidPartOrder is R). ' +
    'A repeated PartNumber is not rejected: the docs only require ascending order and do not say ' +
    'whether equal neighbours count as out of order.',
  check: (request) => {
    if (completeAllMode(request) !== undefined) return undefined;
    const document = parsedBody(request);
    if (!document || !hasRoot(document, 'CompleteMultipartUpload')) return undefined;
    let previous = 0;
    for (const part of children(document.element, 'Part')) {
      const text = childText(part, 'PartNumber');
      if (text === undefined) continue;
      const partNumber = parseDecimal(text);
      if (partNumber === undefined || partNumber < 1 || partNumber > MAX_PART_NUMBER) {
        return ossError('InvalidPartOrder.partNumberRange');
      }
      if (partNumber < previous) return ossError(NOT_ASCENDING);
      previous = partNumber;
    }
    return undefined;
  },
});
