import { memoizeByString } from '../../core/memo';
import { defineRule } from '../../core/rule';
import { callbackError } from './callback-config-error';
import * as m from './messages';
import { CALLBACK_INPUTS, CALLBACK_OPERATIONS, callbackSource, hasCallbackVariables } from './transport';

const callbackWithVariables = memoizeByString((value) => callbackError(value, { variables: true }));
const callbackWithoutVariables = memoizeByString((value) => callbackError(value, { variables: false }));

export const callbackConfig = defineRule({
  id: 'callback-config',
  family: 'callback',
  operations: CALLBACK_OPERATIONS,
  errors: [
    ['InvalidArgument', m.CALLBACK_TOO_LONG],
    ['InvalidArgument', m.CALLBACK_NOT_BASE64],
    ['InvalidArgument', m.CALLBACK_NOT_JSON],
    ['InvalidArgument', m.CALLBACK_URL_INVALID],
    ['InvalidArgument', m.CALLBACK_URL_TOO_MANY],
    ['InvalidArgument', m.CALLBACK_PRIVATE_ADDRESS],
    ['InvalidArgument', m.CALLBACK_HOST_UNRESOLVABLE],
    ['InvalidArgument', m.CALLBACK_HOST_INVALID],
    ['InvalidArgument', m.CALLBACK_BODY_EMPTY],
    ['InvalidArgument', m.CALLBACK_BODY_INVALID],
    ['InvalidArgument', m.CALLBACK_BODY_TYPE_INVALID],
    ['InvalidArgument', m.CALLBACK_BODY_TYPE_UNSUPPORTED],
    ['InvalidArgument', m.CALLBACK_SNI_INVALID],
    ['InvalidArgument', m.CALLBACK_BODY_BRACE],
  ],
  source: [
    'seed 002 (InvalidArgument callback messages)',
    'https://help.aliyun.com/en/oss/developer-reference/callback',
    'EC pages 0007-00000001..12 (https://www.alibabacloud.com/help/en/oss/support/0007-00000001 ...)',
    'https://help.aliyun.com/zh/oss/the-callback-sni-is-invalid',
    'research oss-rules-headers.md §2 C1-C13 ; peers.md "Callback" (callbackPolicy-only callbacks are valid).',
    'Uncertain, decided toward accepting: 5 KB = 5120 characters inclusive; callback on other operations is ignored;',
    'host names are not resolved (OSS may still answer "Can not get ip by this host." or the private-address error);',
    'digits-and-dots hosts that are not IPv4 (`123.456`) get "Can not get ip by this host." (message mapping R);',
    'body type compared case-insensitively with parameters allowed; additionalHeaders not checked (no messages).',
  ].join(' '),
  inputs: CALLBACK_INPUTS,
  check: (request) => {
    const source = callbackSource(request);
    if (source === undefined) return undefined;
    // PostObject variables are form fields that need no checks of their own, so their syntax check belongs here.
    const variables = source.transport === 'form' && hasCallbackVariables(request);
    return variables ? callbackWithVariables(source.value) : callbackWithoutVariables(source.value);
  },
});
