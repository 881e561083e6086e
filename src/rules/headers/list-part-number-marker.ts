import { defineRule } from '../../core/rule';
import { parseDecimal } from '../shared';
import { invalidListParameter, LIST_INVALID } from './list-parameters';

export const listPartNumberMarker = defineRule({
  id: 'list-part-number-marker',
  family: 'headers',
  operations: ['ListParts'],
  errors: [LIST_INVALID],
  source:
    'ListParts API reference (part-number-marker: Integer, the part number after which the list begins). Text ' +
    'that is not a decimal integer is refused with the generic seed 002 message (code and message R); any ' +
    'integer, 0 and values above 10000 included, and an empty value are accepted: no range is documented.',
  check: (request) => {
    const value = request.query.get('part-number-marker');
    if (value === undefined || value.trim() === '' || parseDecimal(value) !== undefined) return undefined;
    return invalidListParameter('part-number-marker', value);
  },
});
