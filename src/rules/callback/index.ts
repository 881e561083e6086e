import type { Rule } from '../../core/rule';

export const callbackRules: readonly Rule[] = [];
