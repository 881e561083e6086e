import { describe, expect, it } from '@jest/globals';
import CryptoJS from 'crypto-js';
import type { Credentials } from '../../src/core/credential';
import { safeEqual } from '../../src/signing/constant-time';
import { postSignatureV1, postSignatureV4 } from '../../src/signing/post-signature';
import { presignV1, signV1, type V1Options, v1DateOf, v1StringToSign } from '../../src/signing/sign-v1';
import {
  presignV4,
  signV4,
  UNSIGNED_PAYLOAD,
  v4CanonicalRequest,
  v4SigningKey,
} from '../../src/signing/sign-v4';
import { type SignableRequest, withHeaders } from '../../src/signing/types';

// crypto-js is an independent implementation of the primitives; the canonical strings are also rebuilt
// here with deliberately different code (byte loops, Buffer ordering) to catch canonicalisation slips.

const CASES = 300;

function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'a',
  'Z',
  '9',
  '-',
  '_',
  '.',
  '~',
  ' ',
  '+',
  '/',
  '%',
  '?',
  '&',
  '=',
  '#',
  '*',
  "'",
  '(',
  '!',
  ':',
];
const UNICODE = ['é', '环境', '测试', '😀', 'ß', '\u00a0'];
const SUB_RESOURCES = [
  'acl',
  'uploadId',
  'partNumber',
  'versionId',
  'x-oss-process',
  'response-content-type',
];
const OTHER_QUERY = ['prefix', 'max-keys', 'x-oss-custom', 'X-Oss-Upper', '|pipe', '+plus', 'a b'];
const HEADER_NAMES = [
  'Content-Type',
  'content-md5',
  'X-OSS-Meta-Author',
  'x-oss-meta-tag',
  'x-oss-storage-class',
];
const EXTRA_HEADERS = ['Host', 'Range', 'Cache-Control', 'X-Custom'];

class Generator {
  private readonly random: () => number;

  constructor(seed: number) {
    this.random = mulberry32(seed);
  }

  int(max: number): number {
    return Math.floor(this.random() * max);
  }

  chance(p: number): boolean {
    return this.random() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[this.int(items.length)];
    if (item === undefined) throw new Error('pick from an empty list');
    return item;
  }

  text(maxLength: number): string {
    let out = '';
    const length = this.int(maxLength + 1);
    for (let i = 0; i < length; i++) out += this.chance(0.15) ? this.pick(UNICODE) : this.pick(PIECES);
    return out;
  }

  request(): SignableRequest {
    const query: Array<[string, string]> = [];
    for (let i = this.int(5); i > 0; i--) {
      const name = this.chance(0.15)
        ? this.text(6)
        : this.pick(this.chance(0.5) ? SUB_RESOURCES : OTHER_QUERY);
      query.push([name, this.chance(0.3) ? '' : this.text(8)]);
    }
    const headers: Record<string, string> = {};
    for (const name of [...HEADER_NAMES, ...EXTRA_HEADERS]) {
      if (this.chance(0.4))
        headers[name] = `${this.chance(0.3) ? '  ' : ''}${this.text(10)}${this.chance(0.3) ? ' ' : ''}`;
    }
    if (this.chance(0.1)) headers['X-OSS-META-TAG'] = 'second spelling';
    if (this.chance(0.2)) headers['x-oss-date'] = 'Wed, 28 Dec 2022 10:27:41 GMT';
    const hasBucket = this.chance(0.9);
    return {
      method: this.pick(['GET', 'PUT', 'POST', 'HEAD', 'DELETE']),
      bucket: hasBucket ? `bucket-${this.int(1000)}` : undefined,
      key: hasBucket && this.chance(0.85) ? this.text(20) || 'k' : undefined,
      query,
      headers,
    };
  }

  credentials(): Credentials {
    const secret = `${this.text(12)}${this.chance(0.2) ? '密钥' : ''}`;
    const base = { accessKeyId: `LTAI${this.int(1e6)}`, accessKeySecret: secret };
    return this.chance(0.4) ? { ...base, securityToken: `CAIS${this.text(16)}` } : base;
  }
}

const hmacSha1Base64 = (key: string, data: string) =>
  CryptoJS.HmacSHA1(data, key).toString(CryptoJS.enc.Base64);
const sha256Hex = (data: string) => CryptoJS.SHA256(data).toString(CryptoJS.enc.Hex);

function oracleSigningKey(
  secret: string,
  day: string,
  region: string,
  product = 'oss',
): CryptoJS.lib.WordArray {
  let key = CryptoJS.HmacSHA256(day, `aliyun_v4${secret}`);
  for (const part of [region, product, 'aliyun_v4_request']) key = CryptoJS.HmacSHA256(part, key);
  return key;
}

function oracleV4Signature(
  secret: string,
  isoDate: string,
  region: string,
  canonicalRequest: string,
): string {
  const day = isoDate.slice(0, 8);
  const stringToSign = `OSS4-HMAC-SHA256\n${isoDate}\n${day}/${region}/oss/aliyun_v4_request\n${sha256Hex(canonicalRequest)}`;
  return CryptoJS.HmacSHA256(stringToSign, oracleSigningKey(secret, day, region)).toString(CryptoJS.enc.Hex);
}

function headerLines(headers: SignableRequest['headers']): Map<string, string> {
  const grouped = new Map<string, string[]>();
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    grouped.set(lower, [...(grouped.get(lower) ?? []), value.trim()]);
  }
  return new Map([...grouped].map(([name, values]) => [name, values.join(',')]));
}

const byUtf8 = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

function oracleV1StringToSign(
  request: SignableRequest,
  date: string,
  subResources: (name: string) => boolean,
): string {
  const headers = headerLines(request.headers);
  const ossHeaders = [...headers.keys()]
    .filter((name) => name.startsWith('x-oss-'))
    .sort(byUtf8)
    .map((name) => `${name}:${headers.get(name)}\n`);
  const params = request.query.filter(([name]) => subResources(name)).sort(([a], [b]) => byUtf8(a, b));
  let resource = request.bucket === undefined ? '/' : `/${request.bucket}/${request.key ?? ''}`;
  if (params.length > 0) resource += `?${params.map(([n, v]) => (v ? `${n}=${v}` : n)).join('&')}`;
  const md5 = headers.get('content-md5') ?? '';
  const type = headers.get('content-type') ?? '';
  return `${request.method}\n${md5}\n${type}\n${date}\n${ossHeaders.join('')}${resource}`;
}

function rfc3986(value: string, keepSlash: boolean): string {
  let out = '';
  for (const byte of Buffer.from(value, 'utf8')) {
    const unreserved =
      (byte >= 0x41 && byte <= 0x5a) ||
      (byte >= 0x61 && byte <= 0x7a) ||
      (byte >= 0x30 && byte <= 0x39) ||
      byte === 0x2d ||
      byte === 0x2e ||
      byte === 0x5f ||
      byte === 0x7e ||
      (keepSlash && byte === 0x2f);
    out += unreserved ? String.fromCharCode(byte) : `%${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function oracleV4CanonicalRequest(request: SignableRequest, additional: string[], payload: string): string {
  const headers = headerLines(request.headers);
  const signed = [...headers.keys()]
    .filter(
      (n) => n.startsWith('x-oss-') || n === 'content-type' || n === 'content-md5' || additional.includes(n),
    )
    .sort(byUtf8);
  const query = request.query
    .map(([n, v]) => [rfc3986(n, false), rfc3986(v, false)] as const)
    .sort((a, b) => byUtf8(a[0], b[0]) || byUtf8(a[1], b[1]))
    .map(([n, v]) => (v ? `${n}=${v}` : n));
  const path = request.bucket === undefined ? '/' : `/${request.bucket}/${request.key ?? ''}`;
  return [
    request.method,
    rfc3986(path, true),
    query.join('&'),
    signed.map((n) => `${n}:${headers.get(n)}\n`).join(''),
    additional.join(';'),
    payload,
  ].join('\n');
}

function withoutAuthorization(headers: Record<string, string>): Record<string, string> {
  const { authorization: _, ...rest } = headers;
  return rest;
}

const DOCUMENTED_SUB_RESOURCES = new Set([...SUB_RESOURCES, 'security-token']);

describe('V1 against crypto-js', () => {
  const generate = new Generator(0x5eed1);

  it(`signs ${CASES} random requests like the oracle`, () => {
    for (let i = 0; i < CASES; i++) {
      const request = generate.request();
      const credentials = generate.credentials();
      const options: V1Options = { signAllOssQuery: generate.chance(0.5) };
      const headers = signV1(request, credentials, { ...options, date: 'Thu, 17 Nov 2005 18:49:58 GMT' });
      const signed = withHeaders(request, withoutAuthorization(headers));
      const date = v1DateOf(signed.headers) ?? '';
      const isSigned = (name: string) =>
        DOCUMENTED_SUB_RESOURCES.has(name) || (options.signAllOssQuery === true && name.startsWith('x-oss-'));
      const stringToSign = oracleV1StringToSign(signed, date, isSigned);

      expect(v1StringToSign(signed, date, options)).toBe(stringToSign);
      expect(headers['authorization']).toBe(
        `OSS ${credentials.accessKeyId}:${hmacSha1Base64(credentials.accessKeySecret, stringToSign)}`,
      );
      if (credentials.securityToken)
        expect(stringToSign).toContain(`x-oss-security-token:${credentials.securityToken.trim()}\n`);
    }
  });

  it(`presigns ${CASES} random requests like the oracle`, () => {
    for (let i = 0; i < CASES; i++) {
      const request = generate.request();
      const credentials = generate.credentials();
      const expires = 1_700_000_000 + generate.int(1e6);
      const pairs = presignV1(request, credentials, { expires });
      const token = credentials.securityToken;
      const query = token ? [...request.query, ['security-token', token] as const] : request.query;
      const stringToSign = oracleV1StringToSign({ ...request, query }, String(expires), (name) =>
        DOCUMENTED_SUB_RESOURCES.has(name),
      );
      expect(Object.fromEntries(pairs)['Signature']).toBe(
        hmacSha1Base64(credentials.accessKeySecret, stringToSign),
      );
    }
  });
});

describe('V4 against crypto-js', () => {
  const generate = new Generator(0x5eed4);
  const regions = ['cn-hangzhou', 'ap-southeast-1', 'us-west-1'];

  it(`signs ${CASES} random requests like the oracle`, () => {
    for (let i = 0; i < CASES; i++) {
      const request = generate.request();
      const credentials = generate.credentials();
      const region = generate.pick(regions);
      const now = new Date(Date.UTC(2020, 0, 1) + generate.int(2e9) * 1000);
      const additionalHeaders = [...EXTRA_HEADERS, 'x-oss-meta-tag', 'Absent'].filter(() =>
        generate.chance(0.4),
      );
      const headers = signV4(request, credentials, { region, now, additionalHeaders });
      const isoDate = headers['x-oss-date'] ?? '';
      const signed = withHeaders(request, withoutAuthorization(headers));
      const present = headerLines(request.headers);
      const additional = [
        ...new Set(
          additionalHeaders
            .map((n) => n.toLowerCase())
            .filter((n) => present.has(n) && n !== 'x-oss-meta-tag'),
        ),
      ].sort(byUtf8);
      const canonical = oracleV4CanonicalRequest(signed, additional, UNSIGNED_PAYLOAD);

      expect(v4CanonicalRequest(signed, { additionalHeaders })).toBe(canonical);
      const listed = additional.length > 0 ? `,AdditionalHeaders=${additional.join(';')}` : '';
      const signature = oracleV4Signature(credentials.accessKeySecret, isoDate, region, canonical);
      expect(headers['authorization']).toBe(
        `OSS4-HMAC-SHA256 Credential=${credentials.accessKeyId}/${isoDate.slice(0, 8)}/${region}/oss/aliyun_v4_request${listed},Signature=${signature}`,
      );
    }
  });

  it(`presigns ${CASES} random requests like the oracle`, () => {
    for (let i = 0; i < CASES; i++) {
      const request = generate.request();
      const credentials = generate.credentials();
      const region = generate.pick(regions);
      const now = new Date(Date.UTC(2020, 0, 1) + generate.int(2e9) * 1000);
      const expires = 1 + generate.int(604_800);
      const pairs = presignV4(request, credentials, { region, now, expires });
      const unsigned = pairs.filter(([name]) => name !== 'x-oss-signature');
      const canonical = oracleV4CanonicalRequest(
        { ...request, query: [...request.query, ...unsigned] },
        [],
        UNSIGNED_PAYLOAD,
      );
      const got = Object.fromEntries(pairs);
      expect(got['x-oss-expires']).toBe(String(expires));
      expect(got['x-oss-security-token']).toBe(credentials.securityToken);
      expect(got['x-oss-signature']).toBe(
        oracleV4Signature(credentials.accessKeySecret, got['x-oss-date'] ?? '', region, canonical),
      );
    }
  });

  it('derives the same signing keys', () => {
    for (let i = 0; i < CASES; i++) {
      const secret = generate.credentials().accessKeySecret;
      const day = new Date(Date.UTC(2020, 0, 1) + generate.int(2000) * 86_400_000).toISOString().slice(0, 10);
      const compact = day.replaceAll('-', '');
      const region = generate.pick(regions);
      expect(v4SigningKey(secret, compact, region).toString('hex')).toBe(
        oracleSigningKey(secret, compact, region).toString(CryptoJS.enc.Hex),
      );
    }
  });
});

describe('POST signatures computed in oss-rules-post-sign.md section 1.6', () => {
  it('V1', () => {
    const secret = 'OtxrzxIsfpFjA7SwPzILwy8Bw21TLhquhboDYROV';
    const policyJson =
      '{"expiration":"2023-02-19T13:19:00.000Z","conditions":[["content-length-range",1,1024],["eq","$success_action_status","201"],["starts-with","$key","user/eric/"],["in","$content-type",["image/jpeg","image/png"]],["not-in","$cache-control",["no-cache"]]]}';
    const policy = Buffer.from(policyJson, 'utf8').toString('base64');
    expect(policy).toBe(
      'eyJleHBpcmF0aW9uIjoiMjAyMy0wMi0xOVQxMzoxOTowMC4wMDBaIiwiY29uZGl0aW9ucyI6W1siY29udGVudC1sZW5ndGgtcmFuZ2UiLDEsMTAyNF0sWyJlcSIsIiRzdWNjZXNzX2FjdGlvbl9zdGF0dXMiLCIyMDEiXSxbInN0YXJ0cy13aXRoIiwiJGtleSIsInVzZXIvZXJpYy8iXSxbImluIiwiJGNvbnRlbnQtdHlwZSIsWyJpbWFnZS9qcGVnIiwiaW1hZ2UvcG5nIl1dLFsibm90LWluIiwiJGNhY2hlLWNvbnRyb2wiLFsibm8tY2FjaGUiXV1dfQ==',
    );
    expect(postSignatureV1(secret, policy)).toBe('jCZcvhaSQSwV0qCdd2Nj5YzDVZE=');
    expect(hmacSha1Base64(secret, policy)).toBe('jCZcvhaSQSwV0qCdd2Nj5YzDVZE=');
  });

  it('V4', () => {
    const policyJson =
      '{"expiration":"2023-12-03T13:12:12.000Z","conditions":[{"bucket":"examplebucket"},{"x-oss-signature-version":"OSS4-HMAC-SHA256"},{"x-oss-credential":"ak/20231203/cn-hangzhou/oss/aliyun_v4_request"},{"x-oss-date":"20231203T121212Z"},["content-length-range",1,1024],["starts-with","$key","user/eric/"]]}';
    const policy = Buffer.from(policyJson, 'utf8').toString('base64');
    expect(policy).toBe(
      'eyJleHBpcmF0aW9uIjoiMjAyMy0xMi0wM1QxMzoxMjoxMi4wMDBaIiwiY29uZGl0aW9ucyI6W3siYnVja2V0IjoiZXhhbXBsZWJ1Y2tldCJ9LHsieC1vc3Mtc2lnbmF0dXJlLXZlcnNpb24iOiJPU1M0LUhNQUMtU0hBMjU2In0seyJ4LW9zcy1jcmVkZW50aWFsIjoiYWsvMjAyMzEyMDMvY24taGFuZ3pob3Uvb3NzL2FsaXl1bl92NF9yZXF1ZXN0In0seyJ4LW9zcy1kYXRlIjoiMjAyMzEyMDNUMTIxMjEyWiJ9LFsiY29udGVudC1sZW5ndGgtcmFuZ2UiLDEsMTAyNF0sWyJzdGFydHMtd2l0aCIsIiRrZXkiLCJ1c2VyL2VyaWMvIl1dfQ==',
    );
    const signingKey = '6964fec96e2929c66d8602cc0a4bd25918c0fa64791aeb55736ffe06397879e0';
    const signature = 'efd5d30f8b9a40ce7e192a36d3fef88a96122911d4f91a424729c07b1d01d14b';
    expect(v4SigningKey('sk', '20231203', 'cn-hangzhou').toString('hex')).toBe(signingKey);
    expect(oracleSigningKey('sk', '20231203', 'cn-hangzhou').toString(CryptoJS.enc.Hex)).toBe(signingKey);
    expect(postSignatureV4('sk', policy, '20231203', 'cn-hangzhou')).toBe(signature);
    const oracle = CryptoJS.HmacSHA256(policy, oracleSigningKey('sk', '20231203', 'cn-hangzhou'));
    expect(oracle.toString(CryptoJS.enc.Hex)).toBe(signature);
  });
});

describe('safeEqual against plain equality', () => {
  it('agrees on random strings', () => {
    const generate = new Generator(0x5eedc);
    for (let i = 0; i < CASES; i++) {
      const a = generate.text(6);
      const b = generate.chance(0.3) ? a : generate.text(6);
      expect(safeEqual(a, b)).toBe(a === b);
    }
  });
});
