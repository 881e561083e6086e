import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import {
  BODY_OPERATIONS,
  EC_MD5_FORMAT,
  headerValue,
  INVALID_DIGEST,
  parseContentMd5,
} from './digest-headers';

export const contentMd5Format = defineRule({
  id: 'content-md5-format',
  family: 'integrity',
  // Content-MD5 is legitimate on any request; only on one that carries a body is its format known to
  // matter. Whether the digest matches is checked as the body passes (createBodyChecks) or, for a
  // body read for validation, by body-content-md5.
  operations: BODY_OPERATIONS,
  errors: [INVALID_DIGEST],
  source:
    'seed 000/002 InvalidDigest ; research oss-rules-headers.md §6.1 L5 ; EC 0017-00000502 ' +
    '(https://help.aliyun.com/zh/oss/user-guide/0017-00000502: the value Base64-decodes to fewer than 16 bytes). ' +
    'A blank value is treated as absent, and padding, URL-safe letters and non-canonical trailing bits are ' +
    'accepted: OSS does not document them, so they are not refused.',
  inputs: { headers: ['content-md5'] },
  check: (request) => {
    const value = headerValue(request, 'content-md5');
    if (value === undefined || parseContentMd5(value) !== undefined) return undefined;
    return ossError(INVALID_DIGEST, [], EC_MD5_FORMAT);
  },
});
