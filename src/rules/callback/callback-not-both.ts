import { defineRule } from '../../core/rule';
import { CALLBACK_NOT_BOTH, callbackArgumentError } from './messages';
import { headerValue, rawQueryValue } from './transport';

export const callbackNotBoth = defineRule({
  id: 'callback-not-both',
  family: 'callback',
  operations: ['PutObject', 'CompleteMultipartUpload'],
  errors: [CALLBACK_NOT_BOTH],
  source:
    'seed 002 (InvalidArgument) ; https://www.alibabacloud.com/help/en/oss/user-guide/0007-00000027 ; research oss-rules-headers.md §2 C15. An empty value counts as absent (undocumented).',
  inputs: { headers: ['x-oss-callback'] },
  check: (request) =>
    headerValue(request, 'x-oss-callback') !== undefined && rawQueryValue(request, 'callback') !== undefined
      ? callbackArgumentError(CALLBACK_NOT_BOTH, 'callback', undefined, '0007-00000027')
      : undefined,
});
