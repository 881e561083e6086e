import type { Rule } from '../../core/rule';

export const bucketConfigRules: readonly Rule[] = [];
