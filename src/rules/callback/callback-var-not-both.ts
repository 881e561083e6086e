import { defineRule } from '../../core/rule';
import { CALLBACK_VAR_NOT_BOTH, callbackArgumentError } from './messages';
import { callbackSource, headerValue, rawQueryValue } from './transport';

export const callbackVarNotBoth = defineRule({
  id: 'callback-var-not-both',
  family: 'callback',
  operations: ['PutObject', 'CompleteMultipartUpload'],
  errors: [CALLBACK_VAR_NOT_BOTH],
  source:
    'seed 002 (InvalidArgument) ; https://help.aliyun.com/document_detail/478326.html ; research oss-rules-headers.md §2 C19. Only checked when a callback is present: without one OSS does not use callback-var, and whether it still refuses is undocumented.',
  inputs: { headers: ['x-oss-callback-var'] },
  check: (request) =>
    callbackSource(request) !== undefined &&
    headerValue(request, 'x-oss-callback-var') !== undefined &&
    rawQueryValue(request, 'callback-var') !== undefined
      ? callbackArgumentError(CALLBACK_VAR_NOT_BOTH, 'callback-var', undefined)
      : undefined,
});
