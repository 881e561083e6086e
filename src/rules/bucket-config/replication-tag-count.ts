import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { children } from '../../core/xml';
import { MAX_REPLICATION_TAGS, replicationRules } from './replication-rules';

const TOO_MANY_TAGS = 'TooManyFilterObjectTags.limit';

export const replicationTagCount = defineRule({
  id: 'replication-tag-count',
  family: 'bucket-config',
  operations: ['PutBucketReplication'],
  phase: 'body',
  errors: [TOO_MANY_TAGS],
  source:
    'seed 002 TooManyFilterObjectTags (at most 10 tags) ; PutBucketReplication API reference ' +
    '(https://www.alibabacloud.com/help/doc-detail/181408.htm: Rule/UserTaggings/UserTagging). That the seed ' +
    'limit counts these elements is R.',
  check: (request) => {
    for (const rule of replicationRules(request)) {
      const tags = children(rule, 'UserTaggings').reduce(
        (n, set) => n + children(set, 'UserTagging').length,
        0,
      );
      if (tags > MAX_REPLICATION_TAGS) return ossError(TOO_MANY_TAGS);
    }
    return undefined;
  },
});
