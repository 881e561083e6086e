import callbackVarSchema from '../../../schemas/callback-var.schema.json';
import { once } from '../../core/lazy';
import type { OssError } from '../../core/oss-error';
import { callbackAjv } from './ajv';
import { decodeBase64 } from './base64';
import { CALLBACK_VAR_NOT_JSON, CALLBACK_VAR_TOO_LONG, callbackArgumentError } from './messages';

/** Same "5 KB" as the callback, with the same undocumented boundary: 5120 passes, 5121 fails. */
export const MAX_CALLBACK_VAR_LENGTH = 5120;

// Compiled when the first callback-var is checked, not at import.
const validateCallbackVar = once(() => callbackAjv().compile(callbackVarSchema));

/**
 * The error OSS returns for a base64 callback-var (`x-oss-callback-var` or
 * `?callback-var=`), or undefined. PostObject sends its variables as `x:` form
 * fields instead, without this length limit.
 *
 * Not base64 gets the "not expecten json" message: OSS has an EC for it
 * (0007-00000102) but no published message. Keys are not checked for the `x:`
 * prefix or lower case although the docs ask for both: OSS stored an object and
 * ran the callback for a callback-var keyed `callbackUrl`/`callbackBody`
 * (aliyun-oss-python-sdk test_sign_url_with_callback), so it does not refuse them.
 */
export function callbackVarError(value: string): OssError | undefined {
  if (value.length > MAX_CALLBACK_VAR_LENGTH) {
    return callbackArgumentError(CALLBACK_VAR_TOO_LONG, 'callback-var', value, '0007-00000101');
  }
  const bytes = decodeBase64(value);
  if (!bytes) return callbackArgumentError(CALLBACK_VAR_NOT_JSON, 'callback-var', value);
  const text = bytes.toString('utf8');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return callbackArgumentError(CALLBACK_VAR_NOT_JSON, 'callback-var', text);
  }
  return validateCallbackVar()(json)
    ? undefined
    : callbackArgumentError(CALLBACK_VAR_NOT_JSON, 'callback-var', text);
}
