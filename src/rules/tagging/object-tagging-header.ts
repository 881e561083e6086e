import { memoizeByString } from '../../core/memo';
import { invalidArgument, type OssError } from '../../core/oss-error';
import type { OssRequest } from '../../core/request';
import { defineRule } from '../../core/rule';
import { MAX_OBJECT_TAGS, objectTagErrors, objectTagKeyError, objectTagValueError } from './object-tag';
import { parseTaggingHeader } from './tagging-header';

export const TAGGING_HEADER_INVALID = 'InvalidArgument.taggingHeaderEncoding';

/** The error OSS returns for an `x-oss-tagging` value, or undefined when it is valid. */
const cachedTaggingHeaderError = memoizeByString((header) => taggingHeaderError(header));

export function taggingHeaderError(header: string): OssError | undefined {
  const parsed = parseTaggingHeader(header);
  // Too many tags has no documented code; the header's own catch-all message is the closest one.
  if (!parsed.ok || parsed.duplicate || parsed.tags.length > MAX_OBJECT_TAGS) {
    return invalidArgument(TAGGING_HEADER_INVALID, 'x-oss-tagging', header);
  }
  for (const tag of parsed.tags) {
    const error = objectTagKeyError(tag.key, tag.keyBytes) ?? objectTagValueError(tag.value, tag.valueBytes);
    if (error) return error;
  }
  return undefined;
}

/**
 * OSS ignores the header where it would not use the tags (a later append kept no tags live), so it is
 * only checked where the tags are applied: CopyObject only with `x-oss-tagging-directive: Replace`
 * (any case), AppendObject only on the append that creates the object.
 */
function appliesTags(request: OssRequest): boolean {
  if (request.operation === 'CopyObject') {
    return request.headers['x-oss-tagging-directive']?.toLowerCase() === 'replace';
  }
  if (request.operation === 'AppendObject') {
    const position = request.query.get('position');
    return position !== undefined && /^[0-9]+$/.test(position) && Number(position) === 0;
  }
  return true;
}

export const objectTaggingHeader = defineRule({
  id: 'object-tagging-header',
  family: 'tagging',
  operations: ['PutObject', 'CopyObject', 'AppendObject', 'InitiateMultipartUpload', 'PutSymlink'],
  errors: [TAGGING_HEADER_INVALID, ...objectTagErrors],
  source:
    'seed 002 (InvalidArgument x-oss-tagging message; InvalidTaggingKey) ; EC 0010-00000219 (aa=bb=cc invalid, aaa=bbb&123=xyz valid) ; ' +
    'research oss-rules-headers.md §5.1 OT1-OT8, OT10 ; live: aliyun-oss-python-sdk tests/test_object.py ' +
    '(128-byte key / 256-byte value and 中文 accepted, 15 tags refused on the first append and on PutSymlink, ignored on a later append; ' +
    'COPY/REPLACE directive) ; aliyun-oss-go-sdk oss/bucket_test.go TestPutObjectTagging/TestGetObjectTagging. ' +
    'Uncertain (R): value errors use InvalidTag InvalidTag.value, more than 10 tags uses the ' +
    'InvalidArgument header message; non-ASCII characters are accepted; `+` may be read as space or plus',
  inputs: { headers: ['x-oss-tagging'] },
  check: (request) => {
    const header = request.headers['x-oss-tagging'];
    if (header === undefined || !appliesTags(request)) return undefined;
    return cachedTaggingHeaderError(header);
  },
});
