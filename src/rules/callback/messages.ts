import { type InvalidArgumentKey, type OssError, ossError } from '../../core/oss-error';

export const CALLBACK_NOT_BOTH = 'InvalidArgument.callbackQueryAndHeader';
export const CALLBACK_VAR_NOT_BOTH = 'InvalidArgument.callbackVarQueryAndHeader';
export const CALLBACK_TOO_LONG = 'InvalidArgument.callbackTooLong';
export const CALLBACK_NOT_BASE64 = 'InvalidArgument.callbackNotBase64';
export const CALLBACK_NOT_JSON = 'InvalidArgument.callbackNotJson';
export const CALLBACK_URL_INVALID = 'InvalidArgument.callbackUrlInvalid';
export const CALLBACK_URL_TOO_MANY = 'InvalidArgument.callbackUrlTooMany';
export const CALLBACK_HOST_UNRESOLVABLE = 'InvalidArgument.callbackHostUnresolvable';
export const CALLBACK_PRIVATE_ADDRESS = 'InvalidArgument.callbackPrivateAddress';
export const CALLBACK_HOST_INVALID = 'InvalidArgument.callbackHostInvalid';
export const CALLBACK_BODY_EMPTY = 'InvalidArgument.callbackBodyEmpty';
export const CALLBACK_BODY_INVALID = 'InvalidArgument.callbackBodyInvalid';
export const CALLBACK_BODY_TYPE_INVALID = 'InvalidArgument.callbackBodyTypeInvalid';
export const CALLBACK_BODY_TYPE_UNSUPPORTED = 'InvalidArgument.callbackBodyTypeUnsupported';
export const CALLBACK_SNI_INVALID = 'InvalidArgument.callbackSniInvalid';
export const CALLBACK_VAR_TOO_LONG = 'InvalidArgument.callbackVarTooLong';
// "expecten" is OSS's typo, kept byte for byte.
export const CALLBACK_VAR_NOT_JSON = 'InvalidArgument.callbackVarNotJson';
export const CALLBACK_BODY_BRACE = 'InvalidArgument.callbackBodyBrace';

/** `InvalidArgument` with the ArgumentName/ArgumentValue pair and, where an EC page documents it, the EC. */
export function callbackArgumentError(
  message: InvalidArgumentKey,
  name: string,
  value: string | undefined,
  ec?: string,
): OssError {
  const details: [string, string][] = [['ArgumentName', name]];
  if (value !== undefined) details.push(['ArgumentValue', value]);
  return ossError(message, details, ec);
}
