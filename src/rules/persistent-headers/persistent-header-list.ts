import { isUtf8 } from 'node:buffer';
import { hasInvalidFieldValueChar } from '../../core/field-value';
import { type InvalidArgumentKey, invalidArgument, type OssError } from '../../core/oss-error';
import { headerBytes } from '../shared/header-bytes';
import { RESERVED_PERSISTENT_HEADERS } from './reserved-headers';

// The catalogue keeps the backslashes the seed prints around the quotes.
export const PERSISTENT_FORMAT_INVALID = 'InvalidArgument.formatPersistentHeaderInvalidName';
export const PERSISTENT_NOT_BASE64 = 'InvalidArgument.persistentHeaderNotBase64';
export const PERSISTENT_NOT_UTF8 = 'InvalidArgument.persistentHeaderNotUtf8';
export const PERSISTENT_CR_LF = 'InvalidArgument.persistentHeaderCrLf';
export const PERSISTENT_RESERVED = 'InvalidArgument.persistentHeaderReserved';
export const PERSISTENT_NOT_TOKEN = 'InvalidArgument.persistentHeaderNotToken';
// "reqeust" is OSS's spelling (seed 002).
export const PERSISTENT_NOT_EQUAL = 'InvalidArgument.persistentHeaderNotEqual';

export const persistentHeaderErrors = [
  PERSISTENT_FORMAT_INVALID,
  PERSISTENT_NOT_TOKEN,
  PERSISTENT_RESERVED,
  PERSISTENT_NOT_BASE64,
  PERSISTENT_NOT_UTF8,
  PERSISTENT_CR_LF,
  PERSISTENT_NOT_EQUAL,
] as const;

// RFC 7230 §3.2.6 tchar.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Standard alphabet; padding may be omitted because nothing says OSS insists on it.
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}(?:==)?|[A-Za-z0-9+/]{3}=?)?$/;
const OWS = /^[ \t]+|[ \t]+$/g;

/**
 * Checks `name1:base64(value1),name2:base64(value2)`. Items are split on ',' then on the first ':'
 * (base64 holds neither), and each item is checked fully before the next, in this order: format,
 * token, reserved name, base64, UTF-8, control characters (CR, LF, NUL, ...), equality with a real
 * request header of the same name.
 * `requestHeaders` is omitted where there are none to compare (PostObject form fields).
 */
export function persistentHeadersError(
  list: string,
  requestHeaders?: Readonly<Record<string, string | undefined>>,
): OssError | undefined {
  const fail = (message: InvalidArgumentKey) => invalidArgument(message, 'x-oss-persistent-headers', list);
  for (const rawItem of list.split(',')) {
    const item = rawItem.replace(OWS, '');
    // An empty item (a trailing comma) is skipped: no source says OSS refuses it.
    if (item === '') continue;
    const colon = item.indexOf(':');
    if (colon <= 0) return fail(PERSISTENT_FORMAT_INVALID);
    const name = item.slice(0, colon).replace(OWS, '');
    const encoded = item.slice(colon + 1).replace(OWS, '');
    if (name === '') return fail(PERSISTENT_FORMAT_INVALID);
    if (!TOKEN.test(name)) return fail(PERSISTENT_NOT_TOKEN);
    const lowerName = name.toLowerCase();
    if (RESERVED_PERSISTENT_HEADERS.has(lowerName)) return fail(PERSISTENT_RESERVED);
    if (!BASE64.test(encoded)) return fail(PERSISTENT_NOT_BASE64);
    const value = Buffer.from(encoded, 'base64');
    if (!isUtf8(value)) return fail(PERSISTENT_NOT_UTF8);
    // The value becomes a response header of GetObject/HeadObject. OSS documents CR and LF; NUL,
    // VT, FF, DEL and the other controls RFC 9110 forbids in a field value get the same answer,
    // the only one OSS publishes for a character a persistent header value cannot hold. Bytes
    // 0x80-0xFF are the UTF-8 checked above, and obs-text to HTTP.
    if (hasInvalidFieldValueChar(value.toString('latin1'))) return fail(PERSISTENT_CR_LF);
    const sent = requestHeaders?.[lowerName];
    if (sent !== undefined && !headerBytes(sent).equals(value)) return fail(PERSISTENT_NOT_EQUAL);
  }
  return undefined;
}
