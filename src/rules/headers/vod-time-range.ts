import { invalidArgument } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { parseDecimal } from '../shared';
import { LIST_INVALID } from './list-parameters';

export const vodTimeRange = defineRule({
  id: 'vod-time-range',
  family: 'headers',
  operations: ['PostVodPlaylist', 'GetVodPlaylist'],
  errors: [LIST_INVALID],
  source:
    'PostVodPlaylist and GetVodPlaylist API references (startTime and endTime required, Unix timestamps; EndTime ' +
    'must be greater than StartTime). Code and message undocumented: InvalidArgument with the generic seed 002 ' +
    'message naming the parameter (R). Not checked: "less than one day" apart, because the references\' own ' +
    'PostVodPlaylist sample sends millisecond values, so the unit OSS applies is unclear.',
  check: (request) => {
    const start = request.query.get('startTime');
    const end = request.query.get('endTime');
    const startValue = start === undefined ? undefined : parseDecimal(start);
    if (startValue === undefined) return invalidArgument(LIST_INVALID, 'startTime', start);
    const endValue = end === undefined ? undefined : parseDecimal(end);
    if (endValue === undefined || endValue <= startValue)
      return invalidArgument(LIST_INVALID, 'endTime', end);
    return undefined;
  },
});
