import { createHash, createHmac } from 'node:crypto';
import { type Credentials, lowerCaseHeaders, type SignableRequest, withHeaders } from './types';

export const V4_ALGORITHM = 'OSS4-HMAC-SHA256';
export const UNSIGNED_PAYLOAD = 'UNSIGNED-PAYLOAD';
export const V4_MAX_PRESIGN_SECONDS = 604_800;
const TERMINATOR = 'aliyun_v4_request';

/** RFC 3986: encodeURIComponent also leaves !'()* alone, which OSS expects encoded. */
export function v4Encode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

export function v4CanonicalUri(request: Pick<SignableRequest, 'bucket' | 'key'>): string {
  const path = request.bucket ? `/${request.bucket}/${request.key ?? ''}` : '/';
  return v4Encode(path).replaceAll('%2F', '/');
}

// Encoded keys are pure ASCII, so string order is byte order.
function compareAscii(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Every query parameter is signed, sorted by its encoded name; empty values become a bare name. */
export function v4CanonicalQuery(query: SignableRequest['query']): string {
  return query
    .map(([name, value]) => [v4Encode(name), v4Encode(value)] as const)
    .sort((a, b) => compareAscii(a[0], b[0]) || compareAscii(a[1], b[1]))
    .map(([name, value]) => (value === '' ? name : `${name}=${value}`))
    .join('&');
}

function isSignedByDefault(lowerName: string): boolean {
  return lowerName.startsWith('x-oss-') || lowerName === 'content-type' || lowerName === 'content-md5';
}

function pickAdditional(present: Map<string, string>, names: readonly string[] | undefined): string[] {
  if (names === undefined || names.length === 0) return [];
  const picked = new Set(names.map((name) => name.toLowerCase()));
  return [...picked].filter((name) => !isSignedByDefault(name) && present.has(name)).sort(compareAscii);
}

/**
 * The AdditionalHeaders list as the Go reference emits it. Default-signed names are dropped because
 * they are signed anyway, absent ones because OSS rejects a list naming a header it did not receive.
 */
export function v4AdditionalHeaders(
  headers: SignableRequest['headers'],
  names: readonly string[] | undefined,
): string[] {
  return pickAdditional(lowerCaseHeaders(headers), names);
}

export type V4CanonicalOptions = {
  readonly additionalHeaders?: readonly string[];
  /** Defaults to the x-oss-content-sha256 header; presigned URLs always use UNSIGNED-PAYLOAD. */
  readonly payloadHash?: string;
};

export function v4CanonicalRequest(request: SignableRequest, options: V4CanonicalOptions = {}): string {
  const headers = lowerCaseHeaders(request.headers);
  const additional = pickAdditional(headers, options.additionalHeaders);
  const canonicalHeaders = [...headers]
    .filter(([name]) => isSignedByDefault(name) || additional.includes(name))
    .sort(([a], [b]) => compareAscii(a, b))
    .map(([name, value]) => `${name}:${value}\n`)
    .join('');
  return [
    request.method,
    v4CanonicalUri(request),
    v4CanonicalQuery(request.query),
    canonicalHeaders,
    additional.join(';'),
    options.payloadHash ?? headers.get('x-oss-content-sha256') ?? UNSIGNED_PAYLOAD,
  ].join('\n');
}

/** `YYYYMMDD'T'HHMMSS'Z'`, the only date form V4 accepts. */
export function v4Timestamp(now: Date): string {
  return now.toISOString().replace(/[-:]|\.\d{3}/g, '');
}

export function v4Scope(day: string, region: string, product = 'oss'): string {
  return `${day}/${region}/${product}/${TERMINATOR}`;
}

export function v4StringToSign(isoDate: string, scope: string, canonicalRequest: string): string {
  const hashed = createHash('sha256').update(canonicalRequest, 'utf8').digest('hex');
  return `${V4_ALGORITHM}\n${isoDate}\n${scope}\n${hashed}`;
}

function hmac(key: string | Buffer, data: string): Buffer {
  return createHmac('sha256', key).update(data, 'utf8').digest();
}

function deriveSigningKey(secret: string, day: string, region: string, product: string): Buffer {
  return hmac(hmac(hmac(hmac(`aliyun_v4${secret}`, day), region), product), TERMINATOR);
}

function dayBefore(day: string): string | undefined {
  if (!/^\d{8}$/.test(day)) return undefined;
  const midnight = Date.UTC(Number(day.slice(0, 4)), Number(day.slice(4, 6)) - 1, Number(day.slice(6, 8)));
  return new Date(midnight - 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
}

/**
 * A signing key only changes once a day, so a gateway can skip four HMACs per request. Entries more
 * than a day older than the one being added are dropped (yesterday stays for requests signed just
 * before midnight), and the least recently used go once `maxEntries` is reached.
 */
export class SigningKeyCache {
  private readonly entries = new Map<string, { readonly day: string; readonly key: Buffer }>();

  constructor(private readonly maxEntries = 8) {}

  get size(): number {
    return this.entries.size;
  }

  /** The returned Buffer is shared with later callers and must not be modified. */
  get(secret: string, day: string, region: string, product: string): Buffer {
    const id = JSON.stringify([day, region, product, secret]);
    const hit = this.entries.get(id);
    if (hit !== undefined) {
      this.entries.delete(id);
      this.entries.set(id, hit);
      return hit.key;
    }
    const key = deriveSigningKey(secret, day, region, product);
    const cutoff = dayBefore(day);
    for (const [oldId, entry] of this.entries) {
      if (cutoff !== undefined && entry.day < cutoff) this.entries.delete(oldId);
    }
    this.entries.set(id, { day, key });
    for (const oldId of this.entries.keys()) {
      if (this.entries.size <= this.maxEntries) break;
      this.entries.delete(oldId);
    }
    return key;
  }
}

const signingKeys = new SigningKeyCache();

/** A copy, so callers cannot corrupt the cached key other requests use. */
export function v4SigningKey(secret: string, day: string, region: string, product = 'oss'): Buffer {
  return Buffer.from(signingKeys.get(secret, day, region, product));
}

export function v4Signature(signingKey: Buffer, stringToSign: string): string {
  return createHmac('sha256', signingKey).update(stringToSign, 'utf8').digest('hex');
}

type Signing = {
  readonly isoDate: string;
  readonly day: string;
  readonly region: string;
  readonly product: string;
};

function signingFor(options: V4Options): Signing {
  const isoDate = v4Timestamp(options.now ?? new Date());
  return { isoDate, day: isoDate.slice(0, 8), region: options.region, product: options.product ?? 'oss' };
}

function credentialOf(accessKeyId: string, s: Signing): string {
  return `${accessKeyId}/${v4Scope(s.day, s.region, s.product)}`;
}

function sign(secret: string, s: Signing, canonicalRequest: string): string {
  const key = signingKeys.get(secret, s.day, s.region, s.product);
  return v4Signature(key, v4StringToSign(s.isoDate, v4Scope(s.day, s.region, s.product), canonicalRequest));
}

export type V4Options = {
  /** The region of the signing scope (`cn-hangzhou`): the bucket's region. */
  readonly region: string;
  /**
   * The product of the signing scope.
   * @defaultValue `'oss'`
   */
  readonly product?: string;
  /**
   * The signing time (`x-oss-date`).
   * @defaultValue the current time
   */
  readonly now?: Date;
  /**
   * Further headers to sign (lower case), named in `x-oss-additional-headers`.
   * @defaultValue none: the headers V4 always signs
   */
  readonly additionalHeaders?: readonly string[];
};

/** Headers to add or replace; OSS rejects any payload hash other than UNSIGNED-PAYLOAD. */
export function signV4(
  request: SignableRequest,
  credentials: Credentials,
  options: V4Options,
): Record<string, string> {
  const s = signingFor(options);
  const added: Record<string, string> = { 'x-oss-date': s.isoDate, 'x-oss-content-sha256': UNSIGNED_PAYLOAD };
  if (credentials.securityToken) added['x-oss-security-token'] = credentials.securityToken;
  const signed = withHeaders(request, added);
  const additional = v4AdditionalHeaders(signed.headers, options.additionalHeaders);
  const signature = sign(
    credentials.accessKeySecret,
    s,
    v4CanonicalRequest(signed, { additionalHeaders: additional }),
  );
  const listed = additional.length > 0 ? `,AdditionalHeaders=${additional.join(';')}` : '';
  const credential = credentialOf(credentials.accessKeyId, s);
  return {
    ...added,
    authorization: `${V4_ALGORITHM} Credential=${credential}${listed},Signature=${signature}`,
  };
}

/** Query pairs to append. `expires` counts seconds from `now`; OSS caps it at seven days. */
export function presignV4(
  request: SignableRequest,
  credentials: Credentials,
  options: V4Options & {
    /** How long the URL stays valid, in seconds from the signing time (at most 604800). */
    readonly expires: number;
  },
): Array<[string, string]> {
  const { expires } = options;
  if (!Number.isInteger(expires) || expires < 1 || expires > V4_MAX_PRESIGN_SECONDS) {
    throw new RangeError(
      `expires must be an integer from 1 to ${V4_MAX_PRESIGN_SECONDS} seconds, got ${expires}`,
    );
  }
  const s = signingFor(options);
  const additional = v4AdditionalHeaders(request.headers, options.additionalHeaders);
  const pairs: Array<[string, string]> = [
    ['x-oss-signature-version', V4_ALGORITHM],
    ['x-oss-credential', credentialOf(credentials.accessKeyId, s)],
    ['x-oss-date', s.isoDate],
    ['x-oss-expires', String(expires)],
  ];
  if (additional.length > 0) pairs.push(['x-oss-additional-headers', additional.join(';')]);
  if (credentials.securityToken) pairs.push(['x-oss-security-token', credentials.securityToken]);
  const canonical = v4CanonicalRequest(
    { ...request, query: [...request.query, ...pairs] },
    { additionalHeaders: additional, payloadHash: UNSIGNED_PAYLOAD },
  );
  pairs.push(['x-oss-signature', sign(credentials.accessKeySecret, s, canonical)]);
  return pairs;
}
