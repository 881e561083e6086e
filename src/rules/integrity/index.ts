import type { Rule } from '../../core/rule';

export const integrityRules: readonly Rule[] = [];
