import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { children } from '../../core/xml';
import { MAX_REPLICATION_PREFIXES, replicationRules } from './replication-rules';

const TOO_MANY_PREFIXES = 'TooManyPrefixes.limit';

export const replicationPrefixCount = defineRule({
  id: 'replication-prefix-count',
  family: 'bucket-config',
  operations: ['PutBucketReplication'],
  phase: 'body',
  errors: [TOO_MANY_PREFIXES],
  source:
    'seed 002 TooManyPrefixes (at most 10 prefixes) ; PutBucketReplication API reference ' +
    '(Rule/PrefixSet/Prefix).',
  check: (request) => {
    for (const rule of replicationRules(request)) {
      const prefixes = children(rule, 'PrefixSet').reduce((n, set) => n + children(set, 'Prefix').length, 0);
      if (prefixes > MAX_REPLICATION_PREFIXES) return ossError(TOO_MANY_PREFIXES);
    }
    return undefined;
  },
});
