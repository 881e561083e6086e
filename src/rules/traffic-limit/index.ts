import type { Rule } from '../../core/rule';

export const trafficLimitRules: readonly Rule[] = [];
