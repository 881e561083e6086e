import type { Rule } from '../core/rule';
import { authRules } from './auth';
import { bucketConfigRules } from './bucket-config';
import { callbackRules } from './callback';
import { corsRules } from './cors';
import { framingRules, headerRules } from './headers';
import { integrityRules } from './integrity';
import { multipartRules } from './multipart';
import { nameRules } from './names';
import { persistentHeaderRules } from './persistent-headers';
import { postObjectRules } from './post-object';
import { taggingRules } from './tagging';
import { trafficLimitRules } from './traffic-limit';

/**
 * Every built-in rule in evaluation order. OSS returns one error per request
 * and does not document which check comes first, so the order is ours: request
 * framing, then names, then authentication, then the request's own headers from
 * the general to the specific, and body documents last.
 */
export const builtInRules: readonly Rule[] = [
  ...framingRules,
  ...nameRules,
  ...authRules,
  ...corsRules,
  ...postObjectRules,
  ...headerRules,
  ...trafficLimitRules,
  ...taggingRules,
  ...callbackRules,
  ...persistentHeaderRules,
  ...integrityRules,
  ...multipartRules,
  ...bucketConfigRules,
];
