import type { Rule } from '../../core/rule';

export const postObjectRules: readonly Rule[] = [];
