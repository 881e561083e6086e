import { defineRule } from '../../core/rule';
import { callbackVarError } from './callback-var-error';
import { CALLBACK_VAR_NOT_JSON, CALLBACK_VAR_TOO_LONG } from './messages';
import { CALLBACK_VAR_INPUTS, callbackSource, callbackVarValue } from './transport';

export const callbackVarConfig = defineRule({
  id: 'callback-var-config',
  family: 'callback',
  operations: ['PutObject', 'CompleteMultipartUpload'],
  errors: [CALLBACK_VAR_TOO_LONG, CALLBACK_VAR_NOT_JSON],
  source: [
    'seed 002 (InvalidArgument callback var messages) ; https://www.alibabacloud.com/help/en/oss/support/0007-00000101 ;',
    'https://help.aliyun.com/document_detail/480035.html ; research oss-rules-headers.md §2 C16-C18, C21.',
    'Not base64 reuses "not expecten json" (EC 0007-00000102 has no published message).',
    'Keys without `x:` or with upper case are accepted: live OSS accepted them (peer-vectors, oss2 test_sign_url_with_callback).',
    'Only checked when a callback is present.',
  ].join(' '),
  inputs: CALLBACK_VAR_INPUTS,
  check: (request) => {
    if (callbackSource(request) === undefined) return undefined;
    const value = callbackVarValue(request);
    return value === undefined ? undefined : callbackVarError(value);
  },
});
