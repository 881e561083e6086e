import { invalidArgument } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { children, childText } from '../../core/xml';
import { parseDecimal } from '../shared';
import { LIVE_CHANNEL_INVALID, liveChannelConfig } from './live-channel-config';

export const liveChannelSnapshot = defineRule({
  id: 'live-channel-snapshot',
  family: 'bucket-config',
  operations: ['PutLiveChannel'],
  phase: 'body',
  errors: [LIVE_CHANNEL_INVALID],
  source:
    'PutLiveChannel API reference (Snapshot/Interval in seconds, value range [1, 100]). No EC page for Interval ' +
    'was found: InvalidArgument with the generic seed 002 message (R). RoleName, DestBucket and NotifyTopic need ' +
    'server state (the role, the bucket owner, the MNS topic) and the region support of snapshots too ' +
    '(EC 0044-00000004): left to OSS.',
  check: (request) => {
    const config = liveChannelConfig(request);
    const snapshot = config === undefined ? undefined : children(config, 'Snapshot')[0];
    const interval = snapshot === undefined ? undefined : childText(snapshot, 'Interval');
    if (interval === undefined) return undefined;
    const value = parseDecimal(interval);
    return value !== undefined && value >= 1 && value <= 100
      ? undefined
      : invalidArgument(LIVE_CHANNEL_INVALID);
  },
});
