import { invalidArgument } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { BOTH_COMPLETE_ALL_AND_BODY, COMPLETE_ALL_HEADER, completeAllMode } from './complete-all';

export const completeAllBody = defineRule({
  id: 'complete-all-body',
  family: 'multipart',
  operations: ['CompleteMultipartUpload'],
  phase: 'body',
  errors: [BOTH_COMPLETE_ALL_AND_BODY],
  source:
    'research oss-rules-headers.md MP6 (live, EC 0042-00000216). The body-phase twin of ' +
    'complete-all-content-length, for bodies whose size was not declared (Transfer-Encoding: chunked).',
  check: (request) =>
    completeAllMode(request) === 'yes' && request.body !== undefined && request.body.length > 0
      ? invalidArgument(BOTH_COMPLETE_ALL_AND_BODY, COMPLETE_ALL_HEADER, 'yes')
      : undefined,
});
