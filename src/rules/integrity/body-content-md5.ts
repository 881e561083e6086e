import { createHash } from 'node:crypto';
import { type OssError, ossError } from '../../core/oss-error';
import type { OssRequest } from '../../core/request';
import { defineRule } from '../../core/rule';

export const INVALID_DIGEST = 'InvalidDigest.contentMd5';

/**
 * Verifies Content-MD5 against a body that was read anyway. An absent or blank
 * header is not this check's business (DeleteMultipleObjects requires one, see
 * delete-content-md5-required). The header is compared by the bytes it decodes
 * to, so equivalent Base64 spellings are not refused.
 */
export function contentMd5Error(request: OssRequest): OssError | undefined {
  const header = request.headers['content-md5']?.trim();
  if (request.body === undefined || header === undefined || header === '') return undefined;
  // A body parser such as express.raw() may have decompressed an encoded body: its bytes are no
  // longer the ones the digest covers, and refusing them could refuse what OSS accepts.
  const encoding = request.headers['content-encoding']?.trim().toLowerCase();
  if (encoding !== undefined && encoding !== '' && encoding !== 'identity') return undefined;
  const expected = createHash('md5').update(request.body).digest();
  return Buffer.from(header, 'base64').equals(expected) ? undefined : ossError(INVALID_DIGEST);
}

export const bodyContentMd5 = defineRule({
  id: 'body-content-md5',
  // Content-MD5 is a property of any body, not of one document type: every operation whose body
  // was read (XML documents) is checked here; streamed bodies are checked as they pass.
  family: 'integrity',
  operations: 'all',
  phase: 'body',
  errors: [INVALID_DIGEST],
  source:
    'seed 002 InvalidDigest (the header does not match the MD5 OSS computes over the body) ; research ' +
    'oss-rules-headers.md L5/L6 (EC 0017-00000502/503). Runs on every body that was read for validation.',
  check: contentMd5Error,
});
