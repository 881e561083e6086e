import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import {
  MAX_OBJECT_TAGS,
  objectTagErrors,
  objectTagKeyError,
  objectTagValueError,
  TAG_VALUE_INVALID,
  TAGGING_KEY_INVALID,
} from './object-tag';
import { hasRepeatedKey, MALFORMED_XML, readTagSet } from './tag-set';

const REPEATED = 'RepeatedTags.duplicateKey';

export const objectTaggingDocument = defineRule({
  id: 'object-tagging-document',
  family: 'tagging',
  operations: ['PutObjectTagging'],
  phase: 'body',
  errors: [MALFORMED_XML, ...objectTagErrors, REPEATED],
  source:
    'PutObjectTagging API reference (https://www.alibabacloud.com/help/doc-detail/114855.htm) ; seed 000 (MalformedXML) ; ' +
    'seed 002 (InvalidTaggingKey, InvalidTag, RepeatedTags) ; EC 0010-00000209, 0010-00000210, 0010-00000214, 0010-00000216 ; ' +
    'research oss-rules-headers.md §5.1 OT1-OT9 ; live: aliyun-oss-python-sdk tests/test_object.py (129-byte key, 257-byte value, ' +
    '%@abc key, %abc value, empty key and 12 tags refused; empty value accepted) ; aliyun-oss-go-sdk oss/bucket_test.go ' +
    'TestPutObjectTagging (11 tags, & in key or value, repeated key refused). Uncertain (R): more than 10 tags answers ' +
    'MalformedXML, value errors InvalidTag, repeated keys RepeatedTags',
  check: (request) => {
    if (request.body === undefined) return undefined;
    const tags = readTagSet(request.body);
    // Eleven tags break the published schema's bound; OSS documents no dedicated code for objects.
    if (!tags || tags.length > MAX_OBJECT_TAGS) return ossError(MALFORMED_XML);
    for (const tag of tags) {
      if (!tag.keyUtf8) return ossError(TAGGING_KEY_INVALID);
      const keyError = objectTagKeyError(tag.key, tag.keyBytes);
      if (keyError) return keyError;
      if (!tag.valueUtf8) return ossError(TAG_VALUE_INVALID);
      const valueError = objectTagValueError(tag.value, tag.valueBytes);
      if (valueError) return valueError;
    }
    return hasRepeatedKey(tags) ? ossError(REPEATED) : undefined;
  },
});
