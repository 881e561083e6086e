import type { Rule } from '../../core/rule';

/** Request framing (Content-Length), checked before anything else. */
export const framingRules: readonly Rule[] = [];
export const headerRules: readonly Rule[] = [];
