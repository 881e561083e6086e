// Rules that declare their inputs are skipped for requests without them (src/core/engine.ts). A wrong
// declaration would let through a request OSS refuses, so the engine is compared, request by request,
// with one that ignores the declarations, over every operation with each header and query parameter
// any rule reads set to a bad, an empty and a plausible value.
import { describe, expect, it } from '@jest/globals';
import { createValidator } from '../../src/core/engine';
import { OPERATION_ROUTES } from '../../src/core/operations';
import type { OssError } from '../../src/core/oss-error';
import { createRequestParser, type RawRequest } from '../../src/core/request';
import type { Rule } from '../../src/core/rule';
import { builtInRules } from '../../src/rules';

const parse = createRequestParser();
const NOW = Date.parse('2026-01-02T03:04:05Z');
const skipping = createValidator({ rules: builtInRules });
const visitingAll = createValidator({
  rules: builtInRules.map(({ inputs: _inputs, ...rule }): Rule => rule),
});

const declaredHeaders = new Set(builtInRules.flatMap((r) => r.inputs?.headers ?? []));
const declaredQuery = new Set(builtInRules.flatMap((r) => r.inputs?.query ?? []));
// Names rules read besides their declared inputs: setting one alone must not make a skipped rule fail.
const otherHeaders = [
  'x-oss-server-side-data-encryption',
  'x-oss-server-side-encryption-key-id',
  'x-oss-tagging-directive',
  'x-oss-object-acl',
  'x-oss-date',
  'date',
  'x-oss-content-sha256',
  'x-oss-security-token',
  'x-oss-complete-all',
  'content-encoding',
  'transfer-encoding',
  'content-type',
  'origin',
  'access-control-request-method',
];
const VALUES = ['x', '', '1', 'true', 'AES256', 'OSS LTAI5t:abc', '2026-01-02T03:04:05Z', 'a=b'];

function routeRequest(route: (typeof OPERATION_ROUTES)[number]): RawRequest {
  const path =
    route.target === 'service'
      ? '/'
      : route.target === 'bucket'
        ? '/example-bucket'
        : '/example-bucket/a.txt';
  const query = [...(route.query ?? []), ...(route.comp ? [`comp=${route.comp}`] : [])];
  const headers: Record<string, string> = { host: 'oss-cn-hangzhou.aliyuncs.com', 'content-length': '0' };
  if (route.header) headers[route.header] = '/example-bucket/src.txt';
  return { method: route.method, url: query.length ? `${path}?${query.join('&')}` : path, headers };
}

function variants(base: RawRequest): RawRequest[] {
  const out: RawRequest[] = [base];
  for (const name of [...declaredHeaders, ...otherHeaders]) {
    for (const value of VALUES) out.push({ ...base, headers: { ...base.headers, [name]: value } });
  }
  for (const name of declaredQuery) {
    for (const value of VALUES) {
      const sep = base.url.includes('?') ? '&' : '?';
      out.push({ ...base, url: `${base.url}${sep}${encodeURIComponent(name)}=${encodeURIComponent(value)}` });
    }
  }
  return out;
}

const summary = (error: OssError | undefined) => (error ? `${error.code}: ${error.message}` : 'accepted');

describe('rules skipped for want of their inputs', () => {
  it('some built-in rules declare inputs (the engine has something to skip)', () => {
    expect(builtInRules.filter((r) => r.inputs !== undefined).length).toBeGreaterThan(25);
  });

  it('give the same verdict as visiting every rule, for every operation and input', () => {
    let compared = 0;
    const mismatches: string[] = [];
    for (const route of OPERATION_ROUTES) {
      for (const raw of variants(routeRequest(route))) {
        const request = parse(raw);
        for (const phase of ['head', 'body'] as const) {
          const a = summary(skipping(request, { now: NOW }, phase));
          const b = summary(visitingAll(request, { now: NOW }, phase));
          compared++;
          if (a !== b)
            mismatches.push(
              `${route.operation} ${raw.method} ${raw.url} ${JSON.stringify(raw.headers)}: ${a} ≠ ${b}`,
            );
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(compared).toBeGreaterThan(10_000);
  });

  it('a rule whose inputs are absent is not called at all', () => {
    let calls = 0;
    const probe: Rule = {
      id: 'probe',
      family: 'custom',
      operations: 'all',
      errors: [],
      source: 'test',
      inputs: { headers: ['x-probe'], query: ['probe'] },
      check: () => {
        calls++;
        return undefined;
      },
    };
    const validate = createValidator({ rules: [probe] });
    const at = (url: string, headers: Record<string, string> = {}) =>
      validate(parse({ method: 'GET', url, headers: { host: 'h', ...headers } }), { now: NOW });
    at('/b-bucket/k');
    expect(calls).toBe(0);
    at('/b-bucket/k', { 'x-probe': '' });
    at('/b-bucket/k?probe');
    expect(calls).toBe(2);
  });

  it('a PostObject form visits every rule (form fields stand in for headers)', () => {
    let calls = 0;
    const probe: Rule = {
      id: 'probe',
      family: 'custom',
      operations: 'all',
      errors: [],
      source: 'test',
      inputs: { headers: ['x-probe'] },
      check: () => {
        calls++;
        return undefined;
      },
    };
    const validate = createValidator({ rules: [probe] });
    const request = parse({ method: 'POST', url: '/b-bucket', headers: { host: 'h' } });
    validate({ ...request, form: { key: 'a' } }, { now: NOW });
    expect(calls).toBe(1);
  });
});
