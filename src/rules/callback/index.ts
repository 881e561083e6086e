import type { Rule } from '../../core/rule';
import { callbackAdditionalHeaders } from './callback-additional-headers';
import { callbackBodyVariables } from './callback-body-variables';
import { callbackConfig } from './callback-config';
import { callbackNotBoth } from './callback-not-both';
import { callbackVarConfig } from './callback-var-config';
import { callbackVarNotBoth } from './callback-var-not-both';

export { classifyCallbackHost } from './callback-address';
export { callbackBodyVariablesError } from './callback-body-syntax';
export {
  type CallbackErrorOptions,
  callbackError,
  decodeCallback,
  isSupportedCallbackBodyType,
  MAX_CALLBACK_LENGTH,
} from './callback-config-error';
export { callbackUrlError, MAX_CALLBACK_URLS, parseCallbackUrl } from './callback-url';
export { callbackVarError, MAX_CALLBACK_VAR_LENGTH } from './callback-var-error';
export { type CallbackTransport, callbackSource } from './transport';

/** Transport conflicts first (OSS checks them while reading parameters), then the callback, its variables, and their use. */
export const callbackRules: readonly Rule[] = [
  callbackNotBoth,
  callbackVarNotBoth,
  callbackConfig,
  callbackAdditionalHeaders,
  callbackVarConfig,
  callbackBodyVariables,
];
