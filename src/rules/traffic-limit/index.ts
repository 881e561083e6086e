import type { Rule } from '../../core/rule';
import { trafficLimitNotBoth } from './traffic-limit-not-both';
import { trafficLimitRange } from './traffic-limit-range';

export {
  MAX_TRAFFIC_LIMIT,
  MIN_TRAFFIC_LIMIT,
  TRAFFIC_LIMIT_OPERATIONS,
  trafficLimitError,
} from './traffic-limit-value';

export const trafficLimitRules: readonly Rule[] = [trafficLimitNotBoth, trafficLimitRange];
