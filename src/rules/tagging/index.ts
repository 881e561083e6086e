import type { Rule } from '../../core/rule';

export const taggingRules: readonly Rule[] = [];
