import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { MAX_REPLICATION_RULES, replicationRules } from './replication-rules';

const TOO_MANY_RULES = 'TooManyReplicationRules.onlyOne';

export const replicationRuleCount = defineRule({
  id: 'replication-rule-count',
  family: 'bucket-config',
  operations: ['PutBucketReplication'],
  phase: 'body',
  errors: [TOO_MANY_RULES],
  source:
    'seed 002 TooManyReplicationRules (one replication rule per bucket) ; PutBucketReplication API ' +
    'reference (only one Rule). A document with no Rule is left to OSS.',
  check: (request) =>
    replicationRules(request).length > MAX_REPLICATION_RULES ? ossError(TOO_MANY_RULES) : undefined,
});
