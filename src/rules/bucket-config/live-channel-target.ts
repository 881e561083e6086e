import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { childText } from '../../core/xml';
import { parseDecimal } from '../shared';
import { LIVE_CHANNEL_INVALID, targetElement } from './live-channel-config';

const MIN_FRAG = 1;
const MAX_FRAG = 100;

function inRange(text: string): boolean {
  const value = parseDecimal(text);
  return value !== undefined && value >= MIN_FRAG && value <= MAX_FRAG;
}

export const liveChannelTarget = defineRule({
  id: 'live-channel-target',
  family: 'bucket-config',
  operations: ['PutLiveChannel'],
  phase: 'body',
  errors: [LIVE_CHANNEL_INVALID],
  source:
    'PutLiveChannel API reference (Target/Type: HLS only, required; FragDuration and FragCount in [1, 100], and ' +
    'if one of the two is given the other must be too) ; EC 0044-00000013 (Type), 0044-00000014 (FragDuration, ' +
    'e.g. abc), 0044-00000015 (FragCount). Code and message not shown: InvalidArgument with the generic seed 002 ' +
    'message (R); a missing Type and one of FragDuration/FragCount without the other carry the EC of the element ' +
    'concerned (R). Letter case of HLS is not judged.',
  check: (request) => {
    const target = targetElement(request);
    if (target === undefined) return undefined;
    const type = childText(target, 'Type');
    if (type === undefined || type.trim().toUpperCase() !== 'HLS') {
      return ossError(LIVE_CHANNEL_INVALID, [], '0044-00000013');
    }
    const duration = childText(target, 'FragDuration');
    const count = childText(target, 'FragCount');
    if (duration !== undefined ? !inRange(duration) : count !== undefined) {
      return ossError(LIVE_CHANNEL_INVALID, [], '0044-00000014');
    }
    if (count !== undefined ? !inRange(count) : duration !== undefined) {
      return ossError(LIVE_CHANNEL_INVALID, [], '0044-00000015');
    }
    return undefined;
  },
});
