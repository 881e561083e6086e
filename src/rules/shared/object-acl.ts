import { type OssError, ossError } from '../../core/oss-error';
import { oneOf } from '../shared/enum-value';

export const MESSAGE = 'InvalidArgument.parameterInvalidDotted';
const isObjectAcl = oneOf(['default', 'private', 'public-read', 'public-read-write']);

/** `x-oss-object-acl` (header or PostObject form field); undefined when absent or valid. */
export function objectAclError(value: string | undefined): OssError | undefined {
  if (value === undefined || isObjectAcl(value)) return undefined;
  const details: [string, string][] = [
    ['ArgumentName', 'x-oss-object-acl'],
    ['ArgumentValue', value],
  ];
  return ossError(MESSAGE, details, value.trim() === '' ? '0017-00000105' : '0017-00000104');
}
