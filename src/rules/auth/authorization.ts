import { invalidArgument, type OssError, ossError } from '../../core/oss-error';
import { V4_ALGORITHM } from '../../signing/sign-v4';
import { parseV2Header, type V2HeaderAuth } from './authorization-v2';
import { AUTH_EMPTY, AUTH_INVALID, AUTH_ITEMS, AUTH_MISSING, AUTH_UNKNOWN } from './header-messages';
import { parseAdditionalHeaders } from './signature-params';

export type { V2HeaderAuth } from './authorization-v2';
export { AUTH_EMPTY, AUTH_INVALID, AUTH_ITEMS, AUTH_MISSING, AUTH_UNKNOWN } from './header-messages';
export const BAD_PRODUCT = 'InvalidArgument.authorizationProduct';
export const BAD_REGION = 'InvalidArgument.authorizationRegion';
export const AK_CHARACTERS = 'InvalidAccessKeyId.characters';

/** The parts of `AK/YYYYMMDD/region/product/aliyun_v4_request` after the AccessKeyId. */
export type V4Scope = {
  readonly day: string;
  readonly region: string;
  readonly product: string;
};

export type V1HeaderAuth = {
  readonly version: 'v1';
  readonly accessKeyId: string;
  readonly signature: string;
};

export type V4HeaderAuth = {
  readonly version: 'v4';
  readonly accessKeyId: string;
  readonly scope: V4Scope;
  /** Lower-cased names from AdditionalHeaders, as listed. */
  readonly additionalHeaders: readonly string[];
  readonly signature: string;
};

/** Schemes OSS also serves (the S3-compatible AWS*) whose rules are not modelled: left to OSS. */
export const FOREIGN_SCHEME = 'foreign';

const AK_PATTERN = /^[0-9a-zA-Z._=]+$/;
const PRODUCTS = new Set(['oss', 'oss-cloudbox']);

export function accessKeyIdError(accessKeyId: string): OssError | undefined {
  return AK_PATTERN.test(accessKeyId) ? undefined : ossError(AK_CHARACTERS);
}

export type CredentialProblem = 'shape' | 'access-key-id' | 'product' | 'region';

/**
 * Splits a V4 credential. A region is plausible when it is lower-case letters, digits and '-'
 * without the `oss-` endpoint prefix (a common mistake: `oss-cn-hangzhou`); CloudBox ids are
 * not checked because their form is not documented.
 */
export function parseV4Credential(
  text: string,
): { readonly accessKeyId: string; readonly scope: V4Scope } | CredentialProblem {
  const parts = text.split('/');
  if (parts.length !== 5) return 'shape';
  const [accessKeyId, day, region, product, terminator] = parts as [string, string, string, string, string];
  if (!/^\d{8}$/.test(day) || region === '' || terminator !== 'aliyun_v4_request') return 'shape';
  if (accessKeyId === '') return 'access-key-id';
  if (!PRODUCTS.has(product)) return 'product';
  if (product === 'oss' && (!/^[a-z0-9-]+$/.test(region) || region.startsWith('oss-'))) return 'region';
  return { accessKeyId, scope: { day, region, product } };
}

function v1(rest: string): V1HeaderAuth | OssError {
  if (rest === '' || /\s/.test(rest)) return invalidArgument(AUTH_ITEMS);
  const colon = rest.indexOf(':');
  const accessKeyId = colon === -1 ? rest : rest.slice(0, colon);
  const signature = colon === -1 ? '' : rest.slice(colon + 1);
  if (accessKeyId === '' || signature === '') return invalidArgument(AUTH_MISSING);
  return accessKeyIdError(accessKeyId) ?? { version: 'v1', accessKeyId, signature };
}

const V4_NAMES = new Set(['Credential', 'AdditionalHeaders', 'Signature']);

function v4(rest: string, raw: string): V4HeaderAuth | OssError {
  // Go and ali-oss join the items with ',', oss2 with ', ' and in another order: all are accepted.
  const items = rest === '' ? [] : rest.split(',').map((item) => item.trim());
  if (items.length < 2 || items.length > 3) return invalidArgument(AUTH_ITEMS);
  const values = new Map<string, string>();
  for (const item of items) {
    const eq = item.indexOf('=');
    if (eq <= 0) return invalidArgument(AUTH_INVALID);
    const name = item.slice(0, eq).trim();
    if (!V4_NAMES.has(name)) return invalidArgument(AUTH_UNKNOWN);
    if (values.has(name)) return invalidArgument(AUTH_INVALID);
    values.set(name, item.slice(eq + 1).trim());
  }
  const credential = values.get('Credential') ?? '';
  const signature = values.get('Signature') ?? '';
  if (credential === '' || signature === '') return invalidArgument(AUTH_MISSING);
  const parsed = parseV4Credential(credential);
  if (parsed === 'access-key-id') return invalidArgument(AUTH_MISSING);
  // A real response to an empty region echoes the header in an <Authorization> element.
  if (parsed === 'shape') return ossError(AUTH_INVALID, [['Authorization', raw]]);
  if (parsed === 'product') return ossError(BAD_PRODUCT, [], '0002-00000227');
  if (parsed === 'region') return ossError(BAD_REGION, [], '0002-00000228');
  const akError = accessKeyIdError(parsed.accessKeyId);
  if (akError) return akError;
  const additionalHeaders = parseAdditionalHeaders(values.get('AdditionalHeaders'));
  return {
    version: 'v4',
    accessKeyId: parsed.accessKeyId,
    scope: parsed.scope,
    additionalHeaders,
    signature,
  };
}

/**
 * Parses an Authorization header. Each malformation maps to the seed message that names it; a
 * scheme OSS does not know is "invalid", while the S3-compatible schemes are left to OSS.
 */
export function parseAuthorizationHeader(
  value: string,
): V1HeaderAuth | V2HeaderAuth | V4HeaderAuth | typeof FOREIGN_SCHEME | OssError {
  const text = value.trim();
  if (text === '') return invalidArgument(AUTH_EMPTY);
  const space = text.search(/\s/);
  const scheme = space === -1 ? text : text.slice(0, space);
  const rest = space === -1 ? '' : text.slice(space + 1).trim();
  if (scheme === 'OSS') return v1(rest);
  if (scheme === V4_ALGORITHM) return v4(rest, value);
  if (scheme === 'OSS2') return parseV2Header(rest, accessKeyIdError);
  if (scheme === 'AWS' || scheme === 'AWS4-HMAC-SHA256') return FOREIGN_SCHEME;
  return invalidArgument(AUTH_INVALID);
}
