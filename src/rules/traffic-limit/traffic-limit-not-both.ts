import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { TRAFFIC_LIMIT_NOT_BOTH, trafficLimitValues } from './traffic-limit-value';

export const trafficLimitNotBoth = defineRule({
  id: 'traffic-limit-not-both',
  family: 'traffic-limit',
  // PostObject carries it as a form field only, so it cannot have both.
  operations: ['PutObject', 'AppendObject', 'CopyObject', 'UploadPart', 'UploadPartCopy', 'GetObject'],
  errors: [TRAFFIC_LIMIT_NOT_BOTH],
  source:
    'seed 002 (InvalidArgument) ; https://help.aliyun.com/en/oss/user-guide/0004-00000501 ; research oss-rules-headers.md §4 T3. Empty values count as absent (undocumented).',
  inputs: { headers: ['x-oss-traffic-limit'] },
  check: (request) => {
    const { header, query } = trafficLimitValues(request);
    if (header === undefined || query === undefined) return undefined;
    return ossError(TRAFFIC_LIMIT_NOT_BOTH, [['ArgumentName', 'x-oss-traffic-limit']], '0004-00000501');
  },
});
