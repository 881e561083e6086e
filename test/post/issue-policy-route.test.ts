// biome-ignore-all lint/suspicious/noTemplateCurlyInString: OSS's ${filename} placeholder is literal.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from '@jest/globals';
import CryptoJS from 'crypto-js';
import express, { type NextFunction, type Request, type Response } from 'express';
import request from 'supertest';
import { postPolicyRoute } from '../../src/post/issue-policy-route';

const CREDENTIALS = { accessKeyId: 'LTAI5tRouteTestKey', accessKeySecret: 'route-test-secret' };
const BASE = {
  bucket: 'example-bucket',
  maxSize: 1000,
  credentials: CREDENTIALS,
  region: 'cn-hangzhou',
  successActionStatus: 201 as const,
};

function policyOf(fields: Record<string, string>): { conditions: unknown[] } {
  return JSON.parse(Buffer.from(fields.policy!, 'base64').toString('utf8'));
}

describe('postPolicyRoute', () => {
  it('answers { url, fields, expiration, maxSize } with a fresh signed policy, never cached', async () => {
    const app = express();
    app.get(
      '/policy',
      postPolicyRoute({ ...BASE, keyPrefix: 'uploads/', url: 'https://upload.example.com/' }),
    );
    const res = await request(app).get('/policy').expect(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.headers['cache-control']).toBe('no-store');
    expect(Object.keys(res.body)).toEqual(['url', 'fields', 'expiration', 'maxSize']);
    expect(res.body.url).toBe('https://upload.example.com/');
    expect(res.body.maxSize).toBe(1000);
    expect(res.body.fields.key).toBe('uploads/${filename}');
    expect(res.body.fields.success_action_status).toBe('201');
    const day = res.body.fields['x-oss-date'].slice(0, 8);
    let key = CryptoJS.HmacSHA256(day, `aliyun_v4${CREDENTIALS.accessKeySecret}`);
    for (const part of ['cn-hangzhou', 'oss', 'aliyun_v4_request']) key = CryptoJS.HmacSHA256(part, key);
    expect(res.body.fields['x-oss-signature']).toBe(
      CryptoJS.HmacSHA256(res.body.fields.policy, key).toString(),
    );
    const expiresIn = Date.parse(res.body.expiration) - Date.now();
    expect(expiresIn).toBeGreaterThan(3500_000);
    expect(expiresIn).toBeLessThanOrEqual(3600_000);
  });

  it("derives url from the region when no url is given; without maxSize, maxSize is OSS's own 5 GiB", async () => {
    const app = express();
    app.get('/policy', postPolicyRoute({ ...BASE, maxSize: undefined, key: 'a.txt' }));
    const res = await request(app).get('/policy').expect(200);
    expect(res.body.url).toBe('https://example-bucket.oss-cn-hangzhou.aliyuncs.com');
    expect(res.body.maxSize).toBe(5 * 1024 ** 3);
    expect(
      policyOf(res.body.fields).conditions.some((c) => Array.isArray(c) && c[0] === 'content-length-range'),
    ).toBe(false);
  });

  it('perRequest gives each user their own key prefix (async allowed)', async () => {
    const app = express();
    app.get(
      '/policy',
      postPolicyRoute({
        ...BASE,
        perRequest: async (req) => ({ keyPrefix: `users/${String(req.headers['x-user'])}/` }),
      }),
    );
    const alice = await request(app).get('/policy').set('x-user', 'alice').expect(200);
    const bob = await request(app).get('/policy').set('x-user', 'bob').expect(200);
    expect(alice.body.fields.key).toBe('users/alice/${filename}');
    expect(policyOf(alice.body.fields).conditions).toContainEqual(['starts-with', '$key', 'users/alice/']);
    expect(policyOf(bob.body.fields).conditions).toContainEqual(['starts-with', '$key', 'users/bob/']);
  });

  it('passes a perRequest error, or options that do not combine, to next()', async () => {
    const app = express();
    app.get(
      '/policy',
      postPolicyRoute({
        ...BASE,
        perRequest: (req) => {
          if (!req.headers['x-user']) throw Object.assign(new Error('log in first'), { status: 401 });
          return { keyPrefix: '/bad/' };
        },
      }),
    );
    app.use((error: Error & { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
      res.status(error.status ?? 500).json({ error: error.message });
    });
    const anonymous = await request(app).get('/policy').expect(401);
    expect(anonymous.body.error).toBe('log in first');
    const bad = await request(app).get('/policy').set('x-user', 'x').expect(500);
    expect(bad.body.error).toMatch(
      /^oss-preflight: postPolicyRoute\(\): "keyPrefix" would only produce keys OSS refuses/,
    );
  });

  it('works as a plain node:http handler, answering 500 JSON without next()', async () => {
    const handler = postPolicyRoute({ ...BASE, perRequest: () => ({ keyPrefix: undefined }) });
    const server = http.createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const port = (server.address() as AddressInfo).port;
      const res = await fetch(`http://127.0.0.1:${port}/`);
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: 'policy could not be issued' });
    } finally {
      server.close();
    }
  });

  it('checks static options at construction, naming itself rather than issuePostPolicy()', () => {
    expect(() => postPolicyRoute({ ...BASE, keyPrefix: 'u/', maxSize: -1 })).toThrow(
      'oss-preflight: postPolicyRoute(): "maxSize" must be a whole number of bytes, 0 or more, got -1.',
    );
    expect(() => postPolicyRoute({})).toThrow(
      /^oss-preflight: postPolicyRoute\(\): "bucket" must be a non-empty string/,
    );
    expect(() => postPolicyRoute(null as never)).toThrow(
      'oss-preflight: postPolicyRoute(): options must be an object, got null.',
    );
    expect(() =>
      postPolicyRoute({ ...BASE, keyPrefix: 'u/', region: undefined, signatureVersion: 'v1' }),
    ).toThrow(
      'oss-preflight: postPolicyRoute(): the browser needs to know where to post: set "url" or "region".',
    );
    expect(() => postPolicyRoute({ ...BASE, keyPrefix: 'u/', perRequst: () => ({}) } as never)).toThrow(
      /unknown option "perRequst". Did you mean "perRequest"\?/,
    );
    expect(() => postPolicyRoute({ ...BASE, perRequest: 'x' } as never)).toThrow(
      /"perRequest" must be a function/,
    );
  });
});
