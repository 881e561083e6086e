import type { RuleInputs } from '../../core/rule';
import { V1_QUERY_AUTH_PARAMETERS, V4_QUERY_AUTH_PARAMETERS } from './presigned';

/**
 * What makes a request signed (requestAuth in src/auth/verify-parse.ts): without an Authorization
 * header or a URL signature parameter it is anonymous, and no auth rule can fail.
 */
export const AUTH_INPUTS: RuleInputs = {
  headers: ['authorization'],
  query: [...V1_QUERY_AUTH_PARAMETERS, ...V4_QUERY_AUTH_PARAMETERS],
};
