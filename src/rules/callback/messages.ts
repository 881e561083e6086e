import { type OssError, ossError } from '../../core/oss-error';

export const CALLBACK_NOT_BOTH =
  'Either the callback query string parameter or the x-oss-callback header should be specified, not both.';
export const CALLBACK_VAR_NOT_BOTH =
  'Either the callback-var query string parameter or the x-oss-callback-var header should be specified, not both.';
export const CALLBACK_TOO_LONG = 'The length of callback exceed max value.';
export const CALLBACK_NOT_BASE64 = 'The callback configuration is not base64 encoded.';
export const CALLBACK_NOT_JSON = 'The callback configuration is not json format.';
export const CALLBACK_URL_INVALID = 'The callback url configuration is invalid.';
export const CALLBACK_URL_TOO_MANY = 'The number of callback url exceed max value.';
export const CALLBACK_HOST_UNRESOLVABLE = 'Can not get ip by this host.';
export const CALLBACK_PRIVATE_ADDRESS = 'Private address is forbidden to callback.';
export const CALLBACK_HOST_INVALID = 'The callback host configuration is invalid.';
export const CALLBACK_BODY_EMPTY = 'The callback body is empty.';
export const CALLBACK_BODY_INVALID = 'The callback body is invalid.';
export const CALLBACK_BODY_TYPE_INVALID = 'The callback body type configuration is invalid.';
export const CALLBACK_BODY_TYPE_UNSUPPORTED = 'The body type of callback is not supported.';
export const CALLBACK_SNI_INVALID = 'The callback sni is invalid.';
export const CALLBACK_VAR_TOO_LONG = 'The length of callback var exceed max value.';
// "expecten" is OSS's typo, kept byte for byte.
export const CALLBACK_VAR_NOT_JSON = 'The callback var is not expecten json.';
export const CALLBACK_BODY_BRACE = 'Left brace must be adjacent to dollar sign.';

/** `InvalidArgument` with the ArgumentName/ArgumentValue pair and, where an EC page documents it, the EC. */
export function callbackArgumentError(
  message: string,
  name: string,
  value: string | undefined,
  ec?: string,
): OssError {
  const details: [string, string][] = [['ArgumentName', name]];
  if (value !== undefined) details.push(['ArgumentValue', value]);
  return ossError('InvalidArgument', message, details, ec);
}
