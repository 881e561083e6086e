import type { OssRequest } from '../../core/request';

export const INVALID_DIGEST = 'InvalidDigest.contentMd5';
export const INVALID_CRC64 = 'InvalidCRC64.mismatch';
export const INCOMPLETE_BODY = 'IncompleteBody.shorterThanContentLength';

/** EC of a Content-MD5 that is not the Base64 of 16 bytes (help.aliyun.com/zh/oss/user-guide/0017-00000502). */
export const EC_MD5_FORMAT = '0017-00000502';
/** EC of a well-formed Content-MD5 that does not match the body (help.aliyun.com/zh/oss/user-guide/0017-00000503). */
export const EC_MD5_MISMATCH = '0017-00000503';

/**
 * Operations that carry a body: the only ones whose Content-MD5 format is checked. A Content-MD5
 * on a body-less request (GET, DELETE, CopyObject, ...) is never refused, since what OSS does with
 * it there is not documented.
 */
export const BODY_OPERATIONS: readonly string[] = [
  'PutObject',
  'AppendObject',
  'UploadPart',
  'PostObject',
  'CompleteMultipartUpload',
  'DeleteMultipleObjects',
  'PutObjectTagging',
  'RestoreObject',
  'SelectObject',
  'PutBucket',
  'PutBucketAcl',
  'PutBucketCors',
  'PutBucketLifecycle',
  'PutBucketLogging',
  'PutBucketWebsite',
  'PutBucketReferer',
  'PutBucketTags',
  'PutBucketVersioning',
  'PutBucketEncryption',
  'PutBucketPolicy',
  'PutBucketInventory',
  'PutBucketRequestPayment',
  'PutBucketTransferAcceleration',
  'PutBucketAccessMonitor',
  'PutBucketResourceGroup',
  'PutBucketPublicAccessBlock',
  'PutBucketHttpsConfig',
  'PutBucketReplication',
  'InitiateBucketWorm',
  'ExtendBucketWorm',
];

const BODY_OPERATION_SET = new Set(BODY_OPERATIONS);

/**
 * Operations whose body is object data, so that `x-oss-hash-crc64ecma` can only mean the CRC of
 * that body. On CompleteMultipartUpload it would mean the CRC of the whole object (not of the XML
 * document), and on an append at a position > 0 OSS's CRC covers every append so far: neither can
 * be verified from the bytes passing through, so they are left to OSS.
 */
export const CRC64_OPERATIONS: readonly string[] = ['PutObject', 'UploadPart', 'AppendObject'];

const CONTENT_MD5 = /^[A-Za-z0-9+/_-]{22}={0,2}$/;
const DECIMAL = /^\d+$/;
const MAX_U64 = (1n << 64n) - 1n;

/**
 * The 16 digest bytes of a Content-MD5 value, or undefined when it cannot be one. OSS says only
 * that a value which Base64-decodes to fewer than 16 bytes is invalid (EC 0017-00000502), so the
 * grammar is lenient where OSS's decoder might be: padding optional, URL-safe letters allowed,
 * non-canonical trailing bits ignored. What it refuses (a hex digest, a truncated value, spaces,
 * a repeated header joined with ',') cannot decode to exactly 16 bytes of any Base64.
 */
export function parseContentMd5(value: string): Buffer | undefined {
  if (!CONTENT_MD5.test(value)) return undefined;
  const digest = Buffer.from(value, 'base64');
  return digest.length === 16 ? digest : undefined;
}

/**
 * The CRC a `x-oss-hash-crc64ecma` value names, or undefined when it is not an unsigned 64-bit
 * decimal. Leading zeros are accepted: they do not change the value an integer parser reads.
 */
export function parseCrc64(value: string): bigint | undefined {
  if (!DECIMAL.test(value)) return undefined;
  const digits = value.replace(/^0+(?=\d)/, '');
  if (digits.length > 20) return undefined;
  const crc = BigInt(digits);
  return crc <= MAX_U64 ? crc : undefined;
}

/** A header's value when it was sent with content; a blank value counts as absent. */
export function headerValue(request: OssRequest, name: string): string | undefined {
  const value = request.headers[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

export function hasBody(request: OssRequest): boolean {
  return BODY_OPERATION_SET.has(request.operation);
}

/** True when `x-oss-hash-crc64ecma` on this request is the CRC of exactly the bytes it sends. */
export function crc64Applies(request: OssRequest): boolean {
  if (request.operation === 'AppendObject') {
    const position = request.query.get('position');
    return position !== undefined && /^0+$/.test(position);
  }
  return CRC64_OPERATIONS.includes(request.operation);
}
