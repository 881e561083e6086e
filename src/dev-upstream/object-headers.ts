import type { OutgoingHttpHeaders } from 'node:http';
import type { ObjectHeaders, StoredObject } from './object-store';

/** Standard headers OSS keeps with an object and returns on GET/HEAD. */
const STORED_STANDARD_HEADERS = new Set([
  'content-type',
  'cache-control',
  'content-disposition',
  'content-encoding',
  'content-language',
  'expires',
]);

/** GetObject query parameters that override a stored header for one response. */
const RESPONSE_OVERRIDES: Record<string, string> = {
  'response-content-type': 'content-type',
  'response-content-language': 'content-language',
  'response-expires': 'expires',
  'response-cache-control': 'cache-control',
  'response-content-disposition': 'content-disposition',
  'response-content-encoding': 'content-encoding',
};

const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/;
const HEADER_VALUE = /^[\t\x20-\x7e\x80-\xff]*$/;

export const RESPONSE_OVERRIDE_PARAMS: ReadonlySet<string> = new Set(Object.keys(RESPONSE_OVERRIDES));

/**
 * Picks what to keep from request headers (PutObject) or form fields
 * (PostObject). Form fields can carry anything, and a name or value Node
 * refuses to send would make the object unreadable, so those are dropped.
 */
export function pickStoredHeaders(
  source: Iterable<readonly [string, string | string[] | undefined]>,
  fallbackContentType: string,
): ObjectHeaders {
  const kept: Record<string, string> = { 'content-type': fallbackContentType };
  for (const [rawName, value] of source) {
    const name = rawName.toLowerCase();
    if (value === undefined || !(STORED_STANDARD_HEADERS.has(name) || name.startsWith('x-oss-meta-')))
      continue;
    const joined = Array.isArray(value) ? value.join(', ') : value;
    if (HEADER_NAME.test(name) && HEADER_VALUE.test(joined)) kept[name] = joined;
  }
  return kept;
}

export function objectResponseHeaders(object: StoredObject, query: URLSearchParams): OutgoingHttpHeaders {
  const headers: OutgoingHttpHeaders = {
    ...object.headers,
    etag: object.etag,
    'last-modified': new Date(object.lastModified).toUTCString(),
    'accept-ranges': 'bytes',
    'x-oss-object-type': 'Normal',
    'x-oss-storage-class': 'Standard',
  };
  for (const [param, header] of Object.entries(RESPONSE_OVERRIDES)) {
    const value = query.get(param);
    if (value !== null && HEADER_VALUE.test(value)) headers[header] = value;
  }
  return headers;
}
