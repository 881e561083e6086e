import { type OssError, ossError } from '../../core/oss-error';
import { oneOf } from '../shared/enum-value';

export const MESSAGE = 'InvalidArgument.parameterInvalidDotted';
const isBoolean = oneOf(['true', 'false']);

/** `x-oss-forbid-overwrite` (header or PostObject form field); undefined when absent or valid. */
export function forbidOverwriteError(value: string | undefined): OssError | undefined {
  if (value === undefined || isBoolean(value)) return undefined;
  return ossError(MESSAGE, [
    ['ArgumentName', 'x-oss-forbid-overwrite'],
    ['ArgumentValue', value],
  ]);
}
