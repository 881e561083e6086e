import type { Rule } from '../../core/rule';

export const corsRules: readonly Rule[] = [];
