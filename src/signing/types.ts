import type { Credentials } from '../core/credential';

export type { Credentials };

/** A request as the signer sees it. key is the decoded object key; query pairs are decoded, '' for a value-less parameter such as `acl`. */
export type SignableRequest = {
  readonly method: string;
  readonly bucket?: string | undefined;
  readonly key?: string | undefined;
  readonly query: ReadonlyArray<readonly [string, string]>;
  readonly headers: Readonly<Record<string, string | undefined>>; // any letter case
};

/**
 * Header names are case-insensitive, so spellings of one name are merged the way an HTTP stack
 * would merge repeated headers: values trimmed, then joined with ','.
 */
export function lowerCaseHeaders(headers: SignableRequest['headers']): Map<string, string> {
  const merged = new Map<string, string>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    const previous = merged.get(lower);
    merged.set(lower, previous === undefined ? value.trim() : `${previous},${value.trim()}`);
  }
  return merged;
}

/** The request with `overrides` (lower-case names) replacing every spelling of the same header. */
export function withHeaders(request: SignableRequest, overrides: Record<string, string>): SignableRequest {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (!Object.hasOwn(overrides, name.toLowerCase())) headers[name] = value;
  }
  return { ...request, headers: { ...headers, ...overrides } };
}

/** UTF-8 byte order, which is what the Go reference sorts by; UTF-16 order differs above U+FFFF. */
export function compareUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8'));
}
