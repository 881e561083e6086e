import type { OssError } from '../../core/oss-error';
import { CALLBACK_BODY_BRACE, callbackArgumentError } from './messages';

/**
 * OSS's documented failure (EC 0007-00000105) is a `$` followed by something
 * other than `{`, e.g. `my_var=$x:my_var}`, found while substituting custom
 * variables. A trailing `$` and an unclosed `${` are not documented either way
 * and are accepted. ArgumentName is `ReplaceKeyPrefix`, as OSS reports it.
 */
export function callbackBodyVariablesError(callbackBody: string): OssError | undefined {
  for (let i = callbackBody.indexOf('$'); i !== -1; i = callbackBody.indexOf('$', i + 1)) {
    if (i + 1 < callbackBody.length && callbackBody[i + 1] !== '{') {
      return callbackArgumentError(CALLBACK_BODY_BRACE, 'ReplaceKeyPrefix', callbackBody, '0007-00000105');
    }
  }
  return undefined;
}
