import type { Rule } from '../../core/rule';

export const persistentHeaderRules: readonly Rule[] = [];
