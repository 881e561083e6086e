import { defineRule } from '../../core/rule';
import { callbackBodyVariablesError } from './callback-body-syntax';
import { callbackBodyOf } from './callback-config-error';
import { CALLBACK_BODY_BRACE } from './messages';
import { CALLBACK_VAR_INPUTS, callbackSource, callbackVarValue } from './transport';

export const callbackBodyVariables = defineRule({
  id: 'callback-body-variables',
  family: 'callback',
  operations: ['PutObject', 'CompleteMultipartUpload'],
  errors: [CALLBACK_BODY_BRACE],
  source:
    'https://help.aliyun.com/zh/oss/user-guide/0007-00000105 (ArgumentName ReplaceKeyPrefix) ; research oss-rules-headers.md §2 C20. OSS reports it while substituting callback-var values, so it is checked only when a callback-var is present, after the callback-var itself passed; only `$` followed by a character other than `{` is refused.',
  inputs: CALLBACK_VAR_INPUTS,
  check: (request) => {
    if (callbackVarValue(request) === undefined) return undefined;
    const source = callbackSource(request);
    if (source === undefined) return undefined;
    const body = callbackBodyOf(source.value);
    return body === undefined ? undefined : callbackBodyVariablesError(body);
  },
});
