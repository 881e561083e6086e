import { invalidArgument, type OssError, ossError } from '../../core/oss-error';
import { AUTH_INVALID, AUTH_ITEMS, AUTH_MISSING, AUTH_UNKNOWN } from './header-messages';

/** `OSS2 AccessKeyId:…,AdditionalHeaders:…,Signature:…` once parsed. */
export type V2HeaderAuth = {
  readonly version: 'v2';
  readonly accessKeyId: string;
  /** Lower-cased names from AdditionalHeaders, in the order the client listed them. */
  readonly additionalHeaders: readonly string[];
  readonly signature: string;
};

const V2_NAMES = new Set(['AccessKeyId', 'AdditionalHeaders', 'Signature']);

/**
 * The AdditionalHeaders list of a V2 signature. An empty name (`host;`) is refused by OSS
 * (error centre, https://www.alibabacloud.com/help/doc-detail/475408.html); undefined marks it.
 */
export function parseV2AdditionalHeaders(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === '') return [];
  const names = value.split(';').map((name) => name.trim().toLowerCase());
  return names.includes('') ? undefined : names;
}

/**
 * The part after `OSS2 `: comma-separated `name:value` items (the python SDK and @alicloud/oss-util
 * write no spaces; blanks around items are tolerated as for V4). Every malformation takes the
 * message the V1 and V4 headers use for the same fault.
 */
export function parseV2Header(
  rest: string,
  accessKeyIdError: (id: string) => OssError | undefined,
): V2HeaderAuth | OssError {
  const items = rest === '' ? [] : rest.split(',').map((item) => item.trim());
  if (items.length < 1 || items.length > 3) return invalidArgument(AUTH_ITEMS);
  const values = new Map<string, string>();
  for (const item of items) {
    const colon = item.indexOf(':');
    if (colon <= 0) return invalidArgument(AUTH_INVALID);
    const name = item.slice(0, colon).trim();
    if (!V2_NAMES.has(name)) return invalidArgument(AUTH_UNKNOWN);
    if (values.has(name)) return invalidArgument(AUTH_INVALID);
    values.set(name, item.slice(colon + 1).trim());
  }
  const accessKeyId = values.get('AccessKeyId') ?? '';
  const signature = values.get('Signature') ?? '';
  // EC 0002-00000105: a V2 header without AccessKeyId.
  if (accessKeyId === '') return ossError(AUTH_MISSING, [], '0002-00000105');
  if (signature === '') return invalidArgument(AUTH_MISSING);
  const additionalHeaders = parseV2AdditionalHeaders(values.get('AdditionalHeaders'));
  if (additionalHeaders === undefined) return invalidArgument(AUTH_INVALID);
  return accessKeyIdError(accessKeyId) ?? { version: 'v2', accessKeyId, additionalHeaders, signature };
}
