import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { LIST_INVALID } from './list-parameters';

const STATUSES = new Set(['enabled', 'disabled']);

export const liveChannelStatus = defineRule({
  id: 'live-channel-status',
  family: 'headers',
  operations: ['PutLiveChannelStatus'],
  errors: [LIST_INVALID],
  source:
    'PutLiveChannelStatus API reference (PUT /ChannelName?live&status=NewStatus; enabled or disabled) ; EC ' +
    "0044-00000002 names the same values for PutLiveChannel's Status. Code and message undocumented: " +
    'InvalidArgument with the generic seed 002 message (R). Letter case is not judged: OSS does not say.',
  check: (request) => {
    const status = request.query.get('status') ?? '';
    return STATUSES.has(status.trim().toLowerCase())
      ? undefined
      : ossError(LIST_INVALID, [
          ['ArgumentName', 'status'],
          ['ArgumentValue', status],
        ]);
  },
});
