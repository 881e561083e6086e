import type { Rule } from '../../core/rule';

export const authRules: readonly Rule[] = [];
