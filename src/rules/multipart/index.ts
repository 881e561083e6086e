import type { Rule } from '../../core/rule';

export const multipartRules: readonly Rule[] = [];
