import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import type { Credentials } from '../../src/core/credential';
import { safeEqual } from '../../src/signing/constant-time';
import { postSignatureV1, postSignatureV4 } from '../../src/signing/post-signature';
import {
  presignV1,
  signV1,
  v1CanonicalResource,
  v1DateOf,
  v1Signature,
  v1StringToSign,
} from '../../src/signing/sign-v1';
import {
  presignV4,
  SigningKeyCache,
  signV4,
  UNSIGNED_PAYLOAD,
  v4CanonicalQuery,
  v4CanonicalRequest,
  v4Scope,
  v4SigningKey,
  v4StringToSign,
} from '../../src/signing/sign-v4';
import { type SignableRequest, withHeaders } from '../../src/signing/types';

// Skipped peer-vectors.json entries (also listed under `skipped` in the fixture): the three ali-oss
// postPolicyV1/postPolicyV4 cases that expect "policy must be JSON string or Object" / "Policy string
// is not a valid JSON". They test ali-oss's argument checking of a policy object; these functions sign
// an already-encoded policy, and policy validity is not an OSS signing rule.

type VectorInput = {
  readonly accessKeyId?: string;
  readonly accessKeySecret?: string;
  readonly securityToken?: string;
  readonly method?: string;
  readonly bucket?: string | null;
  readonly key?: string | null;
  readonly headers?: Record<string, string>;
  readonly query?: Array<[string, string]>;
  readonly extraSignedSubResources?: string[];
  readonly additionalHeaders?: string[];
  readonly region?: string;
  readonly product?: string;
  readonly signTimeUnix?: number;
  readonly expirationUnix?: number;
  readonly expires?: number;
  readonly expiresSeconds?: number;
  readonly endpoint?: string;
  readonly scheme?: string;
  readonly date?: string;
  readonly policy?: unknown;
};
type Vector = {
  readonly source: string;
  readonly note?: string;
  readonly input: VectorInput;
  readonly expect: Readonly<Record<string, string | boolean>>;
};
type Fixtures = {
  readonly signV1Header: Vector[];
  readonly signV1Url: Vector[];
  readonly signV4Header: Vector[];
  readonly signV4Url: Vector[];
  readonly postPolicyV1: Vector[];
  readonly postPolicyV4: Vector[];
  readonly researchExtras: {
    readonly v4HeaderStringToSign: string;
    readonly v4SigningKeys: Array<{
      secret: string;
      day: string;
      region: string;
      product: string;
      hex: string;
    }>;
    readonly v4QueryCanonicalQuery: string;
    readonly v4QueryCanonicalHeaders: string;
    readonly v1UrlDoc: Vector;
    readonly v1HeaderDocCorrectMd5: Vector;
  };
};

const fixtures = JSON.parse(
  readFileSync(join(__dirname, '../fixtures/sign-vectors.json'), 'utf8'),
) as Fixtures;
const extras = fixtures.researchExtras;

function requestOf(input: VectorInput): SignableRequest {
  return {
    method: input.method ?? 'GET',
    bucket: input.bucket ?? undefined,
    key: input.key ?? undefined,
    query: input.query ?? [],
    headers: input.headers ?? {},
  };
}

function credentialsOf(input: VectorInput): Credentials {
  return {
    accessKeyId: input.accessKeyId ?? 'ak',
    accessKeySecret: input.accessKeySecret ?? 'sk',
    ...(input.securityToken === undefined ? {} : { securityToken: input.securityToken }),
  };
}

function expected(vector: Vector, name: string): string {
  const value = vector.expect[name];
  if (typeof value !== 'string') throw new Error(`${vector.source}: no string expect.${name}`);
  return value;
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  const { authorization: _, ...rest } = headers;
  return rest;
}

// Written independently of the signer: byte-wise RFC 3986 with '/' encoded, as the SDK URLs show.
function urlEncode(value: string): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const c = String.fromCharCode(byte);
    out += /[A-Za-z0-9\-._~]/.test(c) ? c : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The SDK tests print the query sorted by raw name, with bare names for empty values. */
function presignedUrl(input: VectorInput, pairs: ReadonlyArray<readonly [string, string]>): string {
  const query = [...(input.query ?? []), ...pairs]
    .sort(([a], [b]) => Buffer.compare(Buffer.from(a), Buffer.from(b)))
    .map(([name, value]) => (value === '' ? urlEncode(name) : `${urlEncode(name)}=${urlEncode(value)}`))
    .join('&');
  return `${input.scheme}://${input.bucket}.${input.endpoint}/${urlEncode(input.key ?? '')}?${query}`;
}

const isOutcomeOnly = (vector: Vector): boolean => 'valid' in vector.expect;

describe('V1 header vectors', () => {
  const vectors = [...fixtures.signV1Header, extras.v1HeaderDocCorrectMd5];
  it.each(vectors.map((v) => [v.source, v] as const))('%s', (_source, vector) => {
    const request = requestOf(vector.input);
    const options = { extraSubResources: vector.input.extraSignedSubResources ?? [] };
    const date = v1DateOf(request.headers);
    expect(date).toBeDefined();
    const stringToSign = v1StringToSign(request, date ?? '', options);
    if ('stringToSign' in vector.expect) expect(stringToSign).toBe(expected(vector, 'stringToSign'));

    const headers = signV1(request, credentialsOf(vector.input), options);
    expect(headers['date']).toBeUndefined();
    const credentials = credentialsOf(vector.input);
    if ('authorization' in vector.expect)
      expect(headers['authorization']).toBe(expected(vector, 'authorization'));
    if ('signature' in vector.expect) {
      expect(v1Signature(credentials.accessKeySecret, stringToSign)).toBe(expected(vector, 'signature'));
      expect(headers['authorization']).toBe(
        `OSS ${credentials.accessKeyId}:${expected(vector, 'signature')}`,
      );
    }
  });

  it('drops query parameters that are not sub-resources (Go v2 case 3)', () => {
    const vector = fixtures.signV1Header.find((v) => v.source.endsWith('case 3'));
    expect(vector).toBeDefined();
    const request = requestOf(vector?.input ?? {});
    expect(v1CanonicalResource(request)).toBe('/examplebucket/?resourceGroup');
  });
});

describe('V1 presigned URL vectors', () => {
  const vectors = [...fixtures.signV1Url.filter((v) => !isOutcomeOnly(v)), extras.v1UrlDoc];
  it.each(vectors.map((v) => [v.source, v] as const))('%s', (_source, vector) => {
    const request = requestOf(vector.input);
    const credentials = credentialsOf(vector.input);
    const expires = vector.input.expires ?? Number.NaN;
    const pairs = presignV1(request, credentials, { expires });

    const token = credentials.securityToken;
    const signedQuery = token ? [...request.query, ['security-token', token] as const] : request.query;
    const stringToSign = v1StringToSign({ ...request, query: signedQuery }, String(expires));
    expect(stringToSign).toBe(expected(vector, 'stringToSign'));
    expect(Object.fromEntries(pairs)).toEqual({
      OSSAccessKeyId: credentials.accessKeyId,
      Expires: String(expires),
      Signature: expected(vector, 'signature'),
      ...(token ? { 'security-token': token } : {}),
    });
    if ('url' in vector.expect) expect(presignedUrl(vector.input, pairs)).toBe(expected(vector, 'url'));
  });

  it.each(fixtures.signV1Url.filter(isOutcomeOnly).map((v) => [v.source, v] as const))(
    'has no seven-day cap: %s',
    (_source, vector) => {
      const now = 1_702_781_677;
      const expires = now + (vector.input.expiresSeconds ?? 0);
      expect(vector.expect['valid']).toBe(true);
      expect(() =>
        presignV1(requestOf(vector.input), credentialsOf(vector.input), { expires }),
      ).not.toThrow();
    },
  );
});

describe('V4 header vectors', () => {
  it.each(fixtures.signV4Header.map((v) => [v.source, v] as const))('%s', (_source, vector) => {
    const input = vector.input;
    const request = requestOf(input);
    const region = input.region ?? '';
    const now = new Date((input.signTimeUnix ?? 0) * 1000);
    const headers = signV4(request, credentialsOf(input), {
      region,
      now,
      additionalHeaders: input.additionalHeaders ?? [],
      ...(input.product === undefined ? {} : { product: input.product }),
    });
    expect(headers['authorization']).toBe(expected(vector, 'authorization'));
    expect(headers['x-oss-date']).toBe(input.headers?.['x-oss-date']);
    expect(headers['x-oss-content-sha256']).toBe(UNSIGNED_PAYLOAD);
    expect(headers['x-oss-security-token']).toBe(input.securityToken);

    const canonical = v4CanonicalRequest(withHeaders(request, withoutAuthorization(headers)), {
      additionalHeaders: input.additionalHeaders ?? [],
    });
    if ('canonicalRequest' in vector.expect) {
      expect(canonical).toBe(expected(vector, 'canonicalRequest'));
      const isoDate = headers['x-oss-date'] ?? '';
      const scope = v4Scope(isoDate.slice(0, 8), region);
      expect(v4StringToSign(isoDate, scope, canonical)).toBe(extras.v4HeaderStringToSign);
    }
  });
});

describe('V4 presigned URL vectors', () => {
  const pairNames = [
    'x-oss-signature-version',
    'x-oss-credential',
    'x-oss-date',
    'x-oss-expires',
    'x-oss-additional-headers',
    'x-oss-security-token',
    'x-oss-signature',
  ];

  it.each(fixtures.signV4Url.filter((v) => !isOutcomeOnly(v)).map((v) => [v.source, v] as const))(
    '%s',
    (_source, vector) => {
      const input = vector.input;
      const request = requestOf(input);
      const signTime = input.signTimeUnix ?? 0;
      const pairs = presignV4(request, credentialsOf(input), {
        region: input.region ?? '',
        now: new Date(signTime * 1000),
        expires: (input.expirationUnix ?? 0) - signTime,
        additionalHeaders: input.additionalHeaders ?? [],
        ...(input.product === undefined ? {} : { product: input.product }),
      });
      expect(pairs.map(([name]) => name)).toEqual(
        pairNames.filter((name) => pairs.some(([n]) => n === name)),
      );
      const got = Object.fromEntries(pairs);
      for (const name of pairNames) {
        if (name in vector.expect) expect(got[name]).toBe(expected(vector, name));
      }
      expect(got['x-oss-additional-headers']).toBe(vector.expect['x-oss-additional-headers']);

      const signedQuery = [...request.query, ...pairs.filter(([name]) => name !== 'x-oss-signature')];
      if ('canonicalRequest' in vector.expect) {
        const canonical = v4CanonicalRequest(
          { ...request, query: signedQuery },
          { payloadHash: UNSIGNED_PAYLOAD, additionalHeaders: input.additionalHeaders ?? [] },
        );
        expect(canonical).toBe(expected(vector, 'canonicalRequest'));
        expect(v4CanonicalQuery(signedQuery)).toBe(extras.v4QueryCanonicalQuery);
        expect(canonical).toContain(`\n${extras.v4QueryCanonicalHeaders}\n`);
      }
      if ('url' in vector.expect) expect(presignedUrl(input, pairs)).toBe(expected(vector, 'url'));
    },
  );

  it.each(fixtures.signV4Url.filter(isOutcomeOnly).map((v) => [v.source, v] as const))(
    'rejects more than seven days: %s',
    (_source, vector) => {
      expect(vector.expect['valid']).toBe(false);
      const expires = vector.input.expiresSeconds ?? 0;
      const options = { region: vector.input.region ?? '', expires };
      expect(() => presignV4(requestOf(vector.input), credentialsOf(vector.input), options)).toThrow(
        RangeError,
      );
    },
  );
});

describe('V4 signing keys from the research', () => {
  it.each(extras.v4SigningKeys.map((k) => [k.day, k] as const))('%s', (_day, k) => {
    expect(v4SigningKey(k.secret, k.day, k.region, k.product).toString('hex')).toBe(k.hex);
  });
});

describe('POST policy vectors', () => {
  it.each(fixtures.postPolicyV1.map((v) => [v.source, v] as const))('V1 %s', (_source, vector) => {
    const policy = Buffer.from(JSON.stringify(vector.input.policy), 'utf8').toString('base64');
    expect(policy).toBe(expected(vector, 'policyBase64'));
    expect(postSignatureV1(vector.input.accessKeySecret ?? '', policy)).toBe(expected(vector, 'Signature'));
  });

  it.each(fixtures.postPolicyV4.map((v) => [v.source, v] as const))('V4 %s', (_source, vector) => {
    const input = vector.input;
    const policy = Buffer.from(JSON.stringify(input.policy), 'utf8').toString('base64');
    expect(policy).toBe(expected(vector, 'policyBase64'));
    const day = (input.date ?? '').slice(0, 8);
    const signature = postSignatureV4(
      input.accessKeySecret ?? '',
      policy,
      day,
      input.region ?? '',
      input.product,
    );
    expect(signature).toBe(expected(vector, 'x-oss-signature'));
  });
});

describe('behaviour the vectors do not pin down', () => {
  const base: SignableRequest = { method: 'GET', bucket: 'b', key: 'k', query: [], headers: {} };
  const credentials: Credentials = { accessKeyId: 'ak', accessKeySecret: 'sk' };

  it('V1 adds a Date only when neither Date nor x-oss-date is present', () => {
    const date = 'Wed, 28 Dec 2022 10:27:41 GMT';
    expect(signV1(base, credentials, { date })['date']).toBe(date);
    expect(
      signV1({ ...base, headers: { 'X-Oss-Date': date } }, credentials, { date: 'x' })['date'],
    ).toBeUndefined();
    expect(signV1(base, credentials)['date']).toMatch(
      /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/,
    );
  });

  it('V1 reads x-oss-date over Date, as OSS does', () => {
    expect(v1DateOf({ Date: 'a', 'x-oss-date': 'b' })).toBe('b');
    expect(v1DateOf({ DATE: 'a' })).toBe('a');
    expect(v1DateOf({})).toBeUndefined();
  });

  it('V1 signs the security token header it adds', () => {
    const token = { ...credentials, securityToken: 'tok' };
    const date = 'Wed, 28 Dec 2022 10:27:41 GMT';
    const headers = signV1({ ...base, headers: { 'X-OSS-Security-Token': 'stale' } }, token, { date });
    expect(headers['x-oss-security-token']).toBe('tok');
    const stringToSign = `GET\n\n\n${date}\nx-oss-security-token:tok\n/b/k`;
    expect(headers['authorization']).toBe(`OSS ak:${v1Signature('sk', stringToSign)}`);
  });

  it('V1 signAllOssQuery adds x-oss-* query parameters, as Go v2 does', () => {
    const request = {
      ...base,
      query: [['x-oss-foo', 'v'] as const, ['acl', ''] as const, ['prefix', 'p'] as const],
    };
    expect(v1CanonicalResource(request)).toBe('/b/k?acl');
    expect(v1CanonicalResource(request, { signAllOssQuery: true })).toBe('/b/k?acl&x-oss-foo=v');
    expect(v1CanonicalResource({ ...request, bucket: undefined })).toBe('/?acl');
    expect(v1CanonicalResource({ ...request, key: undefined })).toBe('/b/?acl');
  });

  it('V1 presign rejects a non-integer Expires', () => {
    expect(() => presignV1(base, credentials, { expires: 1.5 })).toThrow(RangeError);
    expect(() => presignV1(base, credentials, { expires: -1 })).toThrow(RangeError);
  });

  it('V4 presign accepts exactly 1..604800 seconds', () => {
    const options = { region: 'cn-hangzhou', now: new Date(0) };
    expect(() => presignV4(base, credentials, { ...options, expires: 1 })).not.toThrow();
    expect(() => presignV4(base, credentials, { ...options, expires: 604_800 })).not.toThrow();
    for (const expires of [0, 604_801, 1.5, Number.NaN]) {
      expect(() => presignV4(base, credentials, { ...options, expires })).toThrow(RangeError);
    }
  });

  it('V4 signing-key cache reuses keys, keeps yesterday and evicts older days', () => {
    const cache = new SigningKeyCache(3);
    const first = cache.get('sk', '20231216', 'r', 'oss');
    expect(cache.get('sk', '20231216', 'r', 'oss')).toBe(first);
    expect(first.toString('hex')).toBe(v4SigningKey('sk', '20231216', 'r').toString('hex'));
    cache.get('sk', '20231217', 'r', 'oss');
    expect(cache.size).toBe(2);
    cache.get('sk', '20231218', 'r', 'oss');
    expect(cache.size).toBe(2);
    expect(cache.get('sk', '20231216', 'r', 'oss')).not.toBe(first);
    for (const region of ['a', 'b', 'c', 'd']) cache.get('sk', '20231218', region, 'oss');
    expect(cache.size).toBe(3);
  });

  it('v4SigningKey hands out copies so the cached key cannot be corrupted', () => {
    const key = v4SigningKey('sk', '20231216', 'cn-hangzhou');
    key.fill(0);
    expect(v4SigningKey('sk', '20231216', 'cn-hangzhou').toString('hex')).toBe(extras.v4SigningKeys[0]?.hex);
  });

  it('safeEqual compares strings of any length', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', '')).toBe(true);
  });
});
