import { declaredContentLength, isChunked } from '../../core/content-length';
import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { INCOMPLETE_BODY } from './digest-headers';

export const bodyLength = defineRule({
  id: 'body-length',
  family: 'integrity',
  // Every body read for validation; a body-phase rule for 'all' operations never causes a body to be read.
  operations: 'all',
  phase: 'body',
  errors: [INCOMPLETE_BODY],
  source:
    'seed 002 IncompleteBody ; research oss-rules-headers.md §6.1 L3 (fewer bytes than Content-Length) and ' +
    'L4 (more bytes: OSS truncates, no error). Node’s HTTP parser never delivers a short body, so this ' +
    'guards bodies obtained elsewhere (an earlier body parser); streamed bodies are counted by ' +
    'createBodyChecks. A Content-Encoding body may have been decompressed by a body parser, so its length ' +
    'says nothing and it is skipped.',
  check: (request) => {
    const { body, headers } = request;
    if (body === undefined || isChunked(headers['transfer-encoding'])) return undefined;
    const encoding = headers['content-encoding']?.trim().toLowerCase();
    if (encoding !== undefined && encoding !== '' && encoding !== 'identity') return undefined;
    const declared = declaredContentLength(headers['content-length']);
    if (declared === undefined || declared === null || body.length >= declared) return undefined;
    return ossError(INCOMPLETE_BODY);
  },
});
