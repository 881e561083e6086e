import { invalidArgument } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { BOTH_COMPLETE_ALL_AND_BODY, COMPLETE_ALL_HEADER, completeAllMode } from './complete-all';

export const completeAllContentLength = defineRule({
  id: 'complete-all-content-length',
  family: 'multipart',
  operations: ['CompleteMultipartUpload'],
  errors: [BOTH_COMPLETE_ALL_AND_BODY],
  source:
    'research oss-rules-headers.md MP6 (live: gov2 client_integration_test.go, EC 0042-00000216). ' +
    'Decided from Content-Length before any byte is read; a chunked body is judged by complete-all-body.',
  check: (request) => {
    if (completeAllMode(request) !== 'yes') return undefined;
    const length = request.headers['content-length'];
    if (length === undefined || !/^[0-9]+$/.test(length.trim()) || Number(length) === 0) return undefined;
    return invalidArgument(BOTH_COMPLETE_ALL_AND_BODY, COMPLETE_ALL_HEADER, 'yes');
  },
});
