import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { childText } from '../../core/xml';
import { LIVE_CHANNEL_INVALID, liveChannelConfig } from './live-channel-config';

const MAX_DESCRIPTION_CHARACTERS = 128;
const STATUSES = new Set(['enabled', 'disabled']);

export const liveChannelSettings = defineRule({
  id: 'live-channel-settings',
  family: 'bucket-config',
  operations: ['PutLiveChannel'],
  phase: 'body',
  errors: [LIVE_CHANNEL_INVALID],
  source:
    'PutLiveChannel API reference (Description at most 128 bytes; Status enabled or disabled) ; EC 0044-00000001 ' +
    '(Description over 128 characters) and 0044-00000002 (Status other than enabled/disabled). The code and message ' +
    'are not shown: InvalidArgument with the generic seed 002 message (R). The EC page counts characters, the ' +
    'reference bytes: characters are counted, the more lenient reading. An empty Status and other letter cases ' +
    'are accepted.',
  check: (request) => {
    const config = liveChannelConfig(request);
    if (config === undefined) return undefined;
    const description = childText(config, 'Description');
    if (description !== undefined && [...description].length > MAX_DESCRIPTION_CHARACTERS) {
      return ossError(LIVE_CHANNEL_INVALID, [], '0044-00000001');
    }
    const status = childText(config, 'Status')?.trim().toLowerCase();
    if (status !== undefined && status !== '' && !STATUSES.has(status)) {
      return ossError(LIVE_CHANNEL_INVALID, [], '0044-00000002');
    }
    return undefined;
  },
});
