import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { createPreflight } from '../../src/preflight/create-preflight';
import { v4Encode } from '../../src/signing/sign-v4';

// The official SDK vectors, replayed as HTTP requests: the verifier must accept each one with the
// vector's key at the vector's time, and reject it (with the vector's string to sign) once altered.

type Input = {
  accessKeyId: string;
  accessKeySecret: string;
  securityToken?: string;
  method: string;
  bucket: string;
  key: string | null;
  headers?: Record<string, string>;
  query?: Array<[string, string]>;
  additionalHeaders?: string[];
  region?: string;
  product?: string;
  signTimeUnix?: number;
  expirationUnix?: number;
  expires?: number;
};
type Vector = { source: string; input: Input; expect: Record<string, string> };
type Fixture = Record<'signV1Header' | 'signV1Url' | 'signV4Header' | 'signV4Url', Vector[]>;

const fixture = JSON.parse(readFileSync(join(__dirname, '../fixtures/sign-vectors.json'), 'utf8')) as Fixture;
const core = createPreflight({ families: ['auth'] });

function url(input: Input, extra: Array<[string, string]> = []): string {
  const path = `/${input.bucket}/${v4Encode(input.key ?? '').replaceAll('%2F', '/')}`;
  const pairs = [...(input.query ?? []), ...extra];
  const query = pairs.map(([k, v]) => (v === '' ? v4Encode(k) : `${v4Encode(k)}=${v4Encode(v)}`)).join('&');
  return query === '' ? path : `${path}?${query}`;
}

function run(input: Input, target: string, headers: Record<string, string>, now: number) {
  const request = core.parse({
    method: input.method,
    url: target,
    headers: { host: 'gateway.test', ...headers },
  });
  const credential = {
    accessKeyId: input.accessKeyId,
    accessKeySecret: input.accessKeySecret,
    ...(input.securityToken ? { securityToken: input.securityToken } : {}),
  };
  return core.check(request, { now, credential });
}

const flip = (s: string) => (s.startsWith('A') ? 'B' : 'A') + s.slice(1);
/** Entries without a signature (argument-check cases of the SDK) have nothing to verify. */
const signed = (list: Vector[]) =>
  list.filter((v) => v.expect.authorization || v.expect.signature || v.expect['x-oss-signature']);

describe('verification of the SDK V1 header vectors', () => {
  it.each(signed(fixture.signV1Header).map((v) => [v.source, v] as const))('%s', (_source, v) => {
    // The documentation example names no usable AccessKeyId, only the secret.
    const input = { ...v.input, accessKeyId: 'ak' };
    const signature = v.expect.signature ?? v.expect.authorization!.slice('OSS ak:'.length);
    const headers = (sig: string) => ({ ...v.input.headers, authorization: `OSS ak:${sig}` });
    const now = Date.parse(v.input.headers?.['x-oss-date'] ?? v.input.headers?.Date ?? '');
    expect(run(input, url(input), headers(signature), now)).toBeUndefined();
    const bad = run(input, url(input), headers(flip(signature)), now);
    expect(bad?.code).toBe('SignatureDoesNotMatch');
    expect(bad?.detail('StringToSign')).toBe(v.expect.stringToSign);
  });

  it('reports the string to sign as real OSS does', () => {
    const v = fixture.signV1Header[0]!;
    const headers = { ...v.input.headers, authorization: `OSS ak:${'A'.repeat(27)}=` };
    const error = run(v.input, url(v.input), headers, Date.parse(v.input.headers!.Date!));
    expect(error?.details.map(([name]) => name)).toEqual([
      'OSSAccessKeyId',
      'SignatureProvided',
      'StringToSign',
      'StringToSignBytes',
    ]);
    expect(error?.detail('StringToSign')).toBe(v.expect.stringToSign);
    expect(error?.detail('StringToSignBytes')?.startsWith('50 55 54 0A ')).toBe(true);
  });
});

describe('verification of the SDK V1 URL vectors', () => {
  it.each(signed(fixture.signV1Url).map((v) => [v.source, v] as const))('%s', (_source, v) => {
    const token: Array<[string, string]> = v.input.securityToken
      ? [['security-token', v.input.securityToken]]
      : [];
    const auth = (signature: string): Array<[string, string]> => [
      ['OSSAccessKeyId', v.input.accessKeyId],
      ['Expires', String(v.input.expires)],
      ['Signature', signature],
      ...token,
    ];
    const now = (v.input.expires! - 60) * 1000;
    expect(run(v.input, url(v.input, auth(v.expect.signature!)), v.input.headers ?? {}, now)).toBeUndefined();
    const bad = run(v.input, url(v.input, auth(flip(v.expect.signature!))), v.input.headers ?? {}, now);
    expect(bad?.code).toBe('SignatureDoesNotMatch');
    expect(bad?.detail('StringToSign')).toBe(v.expect.stringToSign);
  });
});

describe('verification of the SDK V4 header vectors', () => {
  it.each(signed(fixture.signV4Header).map((v) => [v.source, v] as const))('%s', (_source, v) => {
    const headers = { ...v.input.headers, authorization: v.expect.authorization! };
    const now = v.input.signTimeUnix! * 1000;
    expect(run(v.input, url(v.input), headers, now)).toBeUndefined();
    const wrong = headers.authorization.replace(
      /Signature=(.)/,
      (_m, c: string) => `Signature=${c === '0' ? '1' : '0'}`,
    );
    const bad = run(v.input, url(v.input), { ...headers, authorization: wrong }, now);
    expect(bad?.code).toBe('SignatureDoesNotMatch');
    if (v.expect.canonicalRequest) expect(bad?.detail('CanonicalRequest')).toBe(v.expect.canonicalRequest);
  });

  it('accepts the oss2 layout (", " and another order) of the same signature', () => {
    const v = fixture.signV4Header.find((x) => /AdditionalHeaders=/.test(x.expect.authorization ?? ''))!;
    const m = /Credential=([^,]+),AdditionalHeaders=([^,]+),Signature=(\w+)/.exec(v.expect.authorization!)!;
    const authorization = `OSS4-HMAC-SHA256 Credential=${m[1]}, Signature=${m[3]}, AdditionalHeaders=${m[2]}`;
    const headers = { ...v.input.headers, authorization };
    expect(run(v.input, url(v.input), headers, v.input.signTimeUnix! * 1000)).toBeUndefined();
  });
});

describe('verification of the SDK V4 URL vectors', () => {
  it.each(signed(fixture.signV4Url).map((v) => [v.source, v] as const))('%s', (_source, v) => {
    const e = v.expect;
    const { signTimeUnix = 0, expirationUnix = 0, region, product = 'oss' } = v.input;
    const isoDate = new Date(signTimeUnix * 1000).toISOString().replace(/[-:]|\.\d{3}/g, '');
    const params = (signature: string): Array<[string, string]> => [
      ['x-oss-signature-version', 'OSS4-HMAC-SHA256'],
      ['x-oss-credential', `ak/${isoDate.slice(0, 8)}/${region}/${product}/aliyun_v4_request`],
      ['x-oss-date', isoDate],
      ['x-oss-expires', String(expirationUnix - signTimeUnix)],
      ...(e['x-oss-additional-headers']
        ? [['x-oss-additional-headers', e['x-oss-additional-headers']] as [string, string]]
        : []),
      ...(v.input.securityToken ? [['x-oss-security-token', v.input.securityToken] as [string, string]] : []),
      ['x-oss-signature', signature],
    ];
    const now = v.input.signTimeUnix! * 1000;
    const headers = v.input.headers ?? {};
    expect(run(v.input, url(v.input, params(e['x-oss-signature']!)), headers, now)).toBeUndefined();
    const wrong = `${e['x-oss-signature']![0] === '0' ? '1' : '0'}${e['x-oss-signature']!.slice(1)}`;
    expect(run(v.input, url(v.input, params(wrong)), headers, now)?.code).toBe('SignatureDoesNotMatch');
  });
});
