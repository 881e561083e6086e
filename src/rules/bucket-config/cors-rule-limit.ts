import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { children } from '../../core/xml';
import { hasRoot, parsedBody } from '../shared';

const BEYOND_LIMIT = 'CORSRuleBeyondLimit.limit';
export const MAX_CORS_RULES = 10;

export const corsRuleLimit = defineRule({
  id: 'cors-rule-limit',
  family: 'bucket-config',
  operations: ['PutBucketCors'],
  phase: 'body',
  errors: [BEYOND_LIMIT],
  source:
    'seed 002 CORSRuleBeyondLimit (at most 10 CORS rules per bucket) ; research oss-rules-headers.md CO5.',
  check: (request) => {
    const document = parsedBody(request);
    if (!document || !hasRoot(document, 'CORSConfiguration')) return undefined;
    return children(document.element, 'CORSRule').length > MAX_CORS_RULES
      ? ossError(BEYOND_LIMIT)
      : undefined;
  },
});
