import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { hasRepeatedKey, MALFORMED_XML, readTagSet, type TagEntry } from './tag-set';

export const MAX_BUCKET_TAGS = 20;
export const MAX_BUCKET_TAG_KEY_BYTES = 64;
export const MAX_BUCKET_TAG_VALUE_BYTES = 128;

const TOO_MANY = 'TooManyTags.limit';
const KEY_INVALID = 'InvalidTag.key';
const VALUE_INVALID = 'InvalidTag.value';
const REPEATED = 'RepeatedTags.duplicateKey';

// Matched case-sensitively as the seed writes them: one EC page calls the check case-insensitive, the
// others do not, and refusing `aliyun-x` could reject a key OSS accepts. `acs:` comes from EC 0010-00000002.
const RESERVED_PREFIXES = ['http://', 'https://', 'Aliyun', 'acs:'];

function keyInvalid(tag: TagEntry): boolean {
  if (!tag.keyUtf8 || tag.keyBytes === 0 || tag.keyBytes > MAX_BUCKET_TAG_KEY_BYTES) return true;
  return RESERVED_PREFIXES.some((prefix) => tag.key.startsWith(prefix));
}

export const bucketTagsDocument = defineRule({
  id: 'bucket-tags-document',
  family: 'tagging',
  operations: ['PutBucketTags'],
  phase: 'body',
  errors: [MALFORMED_XML, TOO_MANY, KEY_INVALID, VALUE_INVALID, REPEATED],
  source:
    'seed 002 (TooManyTags, InvalidTag, RepeatedTags) ; seed 000 (MalformedXML) ; PutBucketTags API reference ; ' +
    'EC 0010-00000219 (64-byte key, 128-byte value, UTF-8, empty value allowed), 0010-00000207 (Aliyun-abc), ' +
    '0010-00000002 (acs:abc), 0010-00000210 (repeated key) ; research oss-rules-headers.md §5.2 BT1-BT5 ; ' +
    'live: aliyun-oss-python-sdk tests/test_bucket.py test_bucket_tagging (%@abc, ++123% accepted: no charset). ' +
    'Uncertain: the prefixes are matched case-sensitively; the code for acs: is not documented (InvalidTag assumed)',
  check: (request) => {
    if (request.body === undefined) return undefined;
    const tags = readTagSet(request.body);
    if (!tags) return ossError(MALFORMED_XML);
    if (tags.length > MAX_BUCKET_TAGS) return ossError(TOO_MANY);
    for (const tag of tags) {
      if (keyInvalid(tag)) return ossError(KEY_INVALID);
      if (!tag.valueUtf8 || tag.valueBytes > MAX_BUCKET_TAG_VALUE_BYTES) return ossError(VALUE_INVALID);
    }
    return hasRepeatedKey(tags) ? ossError(REPEATED) : undefined;
  },
});
