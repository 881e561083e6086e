import { invalidArgument, OssError } from '../../core/oss-error';
import { GENERIC_INVALID } from '../../rules/auth/presigned';
import { PRESIGN_QUERY_PARAMS } from '../../rules/auth/signature-params';

/** The request a client asks to have signed. */
export type SigningDescription = {
  readonly method: string;
  readonly bucket: string | undefined;
  readonly key: string | undefined;
  /** Headers the client will send; they are validated and, where OSS signs them, signed. */
  readonly headers: Readonly<Record<string, string>>;
  readonly query: ReadonlyArray<readonly [string, string]>;
  /** Seconds the URL stays valid (type `url`). */
  readonly expires: number;
  readonly type: 'url' | 'headers';
  readonly signatureVersion: 'v1' | 'v4';
};

export type DescriptionDefaults = {
  readonly expires: number;
  readonly maxExpires: number;
  readonly signatureVersion: 'v1' | 'v4';
};

const FIELDS = new Set([
  'method',
  'bucket',
  'key',
  'headers',
  'query',
  'expires',
  'type',
  'signatureVersion',
]);
const METHODS = new Set(['GET', 'HEAD', 'PUT', 'POST', 'DELETE', 'OPTIONS']);
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
// Signature material is the endpoint's to add; taking it from the caller would let them mix in their own.
const RESERVED_HEADERS = new Set([
  'authorization',
  'x-oss-date',
  'x-oss-content-sha256',
  'x-oss-security-token',
  'host',
]);
const RESERVED_QUERY = PRESIGN_QUERY_PARAMS;

const bad = (field: string): OssError => invalidArgument(GENERIC_INVALID, field);
const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function headersOf(value: unknown): Record<string, string> | OssError {
  if (value === undefined) return {};
  if (!isRecord(value)) return bad('headers');
  const out: Record<string, string> = {};
  for (const [name, v] of Object.entries(value)) {
    const lower = name.toLowerCase();
    if (!TOKEN.test(name) || typeof v !== 'string' || /[\r\n\0]/.test(v) || RESERVED_HEADERS.has(lower)) {
      return bad('headers');
    }
    out[lower] = v;
  }
  return out;
}

function queryOf(value: unknown): Array<[string, string]> | OssError {
  if (value === undefined) return [];
  const pairs = Array.isArray(value) ? value : isRecord(value) ? Object.entries(value) : undefined;
  if (pairs === undefined) return bad('query');
  const out: Array<[string, string]> = [];
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair.length !== 2) return bad('query');
    const [name, v] = pair as [unknown, unknown];
    if (typeof name !== 'string' || name === '' || typeof v !== 'string' || RESERVED_QUERY.has(name)) {
      return bad('query');
    }
    out.push([name, v]);
  }
  return out;
}

function optionalString(value: unknown, field: string): string | undefined | OssError {
  if (value === undefined) return undefined;
  return typeof value === 'string' && value !== '' ? value : bad(field);
}

/** Checks the JSON shape; whether OSS would accept the described request is the pre-flight's job. */
export function parseDescription(
  json: unknown,
  defaults: DescriptionDefaults,
): SigningDescription | OssError {
  if (!isRecord(json)) return bad('body');
  const unknownField = Object.keys(json).find((name) => !FIELDS.has(name));
  if (unknownField !== undefined) return bad(unknownField);
  const method = typeof json.method === 'string' ? json.method.toUpperCase() : '';
  if (!METHODS.has(method)) return bad('method');
  const bucket = optionalString(json.bucket, 'bucket');
  if (bucket instanceof OssError) return bucket;
  const key = optionalString(json.key, 'key');
  if (key instanceof OssError) return key;
  if (key !== undefined && bucket === undefined) return bad('bucket');
  const headers = headersOf(json.headers);
  if (headers instanceof OssError) return headers;
  const query = queryOf(json.query);
  if (query instanceof OssError) return query;
  const type = json.type ?? 'url';
  if (type !== 'url' && type !== 'headers') return bad('type');
  const signatureVersion = json.signatureVersion ?? defaults.signatureVersion;
  if (signatureVersion !== 'v1' && signatureVersion !== 'v4') return bad('signatureVersion');
  const expires = json.expires ?? Math.min(defaults.expires, defaults.maxExpires);
  if (
    typeof expires !== 'number' ||
    !Number.isInteger(expires) ||
    expires < 1 ||
    expires > defaults.maxExpires
  ) {
    return invalidArgument(GENERIC_INVALID, 'expires', String(expires));
  }
  return { method, bucket, key, headers, query, expires, type, signatureVersion };
}
