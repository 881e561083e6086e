import type { Rule } from '../../core/rule';
import { corsPreflightHeaders } from './cors-preflight-headers';

export const corsRules: readonly Rule[] = [corsPreflightHeaders];
