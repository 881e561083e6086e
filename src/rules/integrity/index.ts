import type { Rule } from '../../core/rule';
import { bodyContentMd5 } from './body-content-md5';
import { bodyLength } from './body-length';
import { contentMd5Format } from './content-md5-format';
import { crc64Format } from './crc64-format';

/**
 * Body integrity: the digest headers' format (head phase) and, for a body read for validation, its
 * length. Digests of streamed bodies are verified as they pass (createBodyChecks in
 * src/integrity/body-checks.ts); the Content-MD5 of a body read for validation by body-content-md5,
 * before any rule judges the document.
 */
export const integrityRules: readonly Rule[] = [contentMd5Format, crc64Format, bodyLength, bodyContentMd5];
