import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { policyOf } from './policy-document';

export const POLICY_EXPIRED = 'AccessDenied.policyExpired';

export const postPolicyExpiration = defineRule({
  id: 'post-policy-expiration',
  family: 'post-object',
  operations: ['PostObject'],
  errors: [POLICY_EXPIRED],
  source:
    'PostObject common errors #3 ; seed 002 / HTTP 403 doc ; EC 0006-00000213 (the server receive time is compared with ' +
    'expiration). A request at exactly the expiration instant is accepted.',
  check: (request, context) => {
    if (request.form === undefined) return undefined;
    const result = policyOf(request.form);
    if (result === null || 'error' in result || context.now <= result.policy.expiration) return undefined;
    return ossError(POLICY_EXPIRED, [], '0006-00000213');
  },
});
