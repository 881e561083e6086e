import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { parseDecimal } from '../shared/decimal';

const MISSING_ARGUMENT = 'MissingArgument.required';

export const appendPosition = defineRule({
  id: 'append-position',
  family: 'multipart',
  operations: ['AppendObject'],
  errors: [MISSING_ARGUMENT],
  source:
    'research oss-rules-headers.md AP2 (position=test → MissingArgument, EC 0016-00000502, documented on the ' +
    'self-troubleshooting page) and AP1 (no position, EC 0016-00000501, code R). Whether position equals ' +
    'the object length (409 PositionNotEqualToLength) needs server state.',
  check: (request) => {
    const position = request.query.get('position');
    return position === undefined || parseDecimal(position) === undefined
      ? ossError(MISSING_ARGUMENT)
      : undefined;
  },
});
