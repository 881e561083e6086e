import { type OssError, ossError } from '../../core/oss-error';

export const MAX_OBJECT_TAGS = 10;
export const MAX_OBJECT_TAG_KEY_BYTES = 128;
export const MAX_OBJECT_TAG_VALUE_BYTES = 256;

export const TAGGING_KEY_INVALID = 'InvalidTaggingKey.invalid';
// OSS documents no code for a bad object-tag value; InvalidTag's TagValue message is the only
// documented message that names exactly this fault (it is documented for bucket tags).
export const TAG_VALUE_INVALID = 'InvalidTag.value';

// The documented charset (letters, digits, space, + - = . _ : /) is enforced for ASCII only: OSS stored
// 中文 keys and values live, and nothing public shows it refusing any other non-ASCII text, so
// refusing it could reject a request OSS accepts. `%`, `@` and `&` are refused live.
const REFUSED_CHARACTER = /[^A-Za-z0-9 +\-=._:/\u0080-\uFFFF]/;

export function objectTagKeyError(key: string, bytes: number): OssError | undefined {
  if (bytes === 0 || bytes > MAX_OBJECT_TAG_KEY_BYTES || REFUSED_CHARACTER.test(key)) {
    return ossError(TAGGING_KEY_INVALID);
  }
  return undefined;
}

export function objectTagValueError(value: string, bytes: number): OssError | undefined {
  if (bytes > MAX_OBJECT_TAG_VALUE_BYTES || REFUSED_CHARACTER.test(value)) {
    return ossError(TAG_VALUE_INVALID);
  }
  return undefined;
}

export const objectTagErrors = [TAGGING_KEY_INVALID, TAG_VALUE_INVALID] as const;
