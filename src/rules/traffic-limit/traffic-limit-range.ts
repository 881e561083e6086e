import { defineRule } from '../../core/rule';
import {
  TRAFFIC_LIMIT_INPUTS,
  TRAFFIC_LIMIT_INVALID,
  TRAFFIC_LIMIT_OPERATIONS,
  trafficLimitError,
  trafficLimitValues,
} from './traffic-limit-value';

export const trafficLimitRange = defineRule({
  id: 'traffic-limit-range',
  family: 'traffic-limit',
  operations: TRAFFIC_LIMIT_OPERATIONS,
  errors: [TRAFFIC_LIMIT_INVALID],
  source:
    'seed 002 (InvalidArgument) ; https://help.aliyun.com/en/oss/user-guide/0004-00000502 ; AlibabaCloudDocs/oss "Single-connection bandwidth throttling" ; research oss-rules-headers.md §4 T1, T4. Integer bit/s, 819200..838860800 inclusive. Leading `+`, leading zeros and surrounding blanks are accepted (OSS handling undocumented).',
  inputs: TRAFFIC_LIMIT_INPUTS,
  check: (request) => {
    const { header, query, form } = trafficLimitValues(request);
    const value = header ?? query ?? form;
    return value === undefined ? undefined : trafficLimitError(value);
  },
});
