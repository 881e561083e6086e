import { defineRule } from '../../core/rule';
import { POLICY_INVALID, POLICY_INVALID_JSON, POLICY_SIMPLE_CONDITION, policyOf } from './policy-document';

export const postPolicyDocument = defineRule({
  id: 'post-policy-document',
  family: 'post-object',
  operations: ['PostObject'],
  errors: [POLICY_INVALID_JSON, POLICY_SIMPLE_CONDITION, POLICY_INVALID],
  source:
    'schemas/post-policy.schema.json ; PostObject API reference (Appendix: Policy) ; seed 002 InvalidPolicyDocument ; ' +
    'EC 0006-00000202..224 ; https://github.com/alphasnow/aliyun-oss-appserver/issues/1 (InvalidPolicyDocument.json). ' +
    'Mapping: JSON syntax → "Invalid JSON."; no conditions, empty conditions or a map condition without exactly one ' +
    'property → Simple-Condition (the seed pairs that message with a policy lacking conditions); everything else ' +
    "(base64, UTF-8, keys, expiration format, modes, arity, types, max < min) → the generic seed message. OSS's parser " +
    'names the offending character in some JSON messages; those variants are not reproduced.',
  check: (request) => {
    if (request.form === undefined) return undefined;
    const result = policyOf(request.form);
    return result !== null && 'error' in result ? result.error : undefined;
  },
});
