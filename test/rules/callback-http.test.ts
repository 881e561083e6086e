// biome-ignore-all lint/suspicious/noTemplateCurlyInString: OSS callback bodies use ${var} literally.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { ossErrorHandler } from '../../src/express/error-handler';
import { preflight } from '../../src/express/preflight';
import { message } from '../helpers/catalogue';

const app = express()
  .use(preflight())
  .use((_req, res) => {
    res.sendStatus(200);
  })
  .use(ossErrorHandler());

const b64 = (value: unknown) =>
  Buffer.from(typeof value === 'string' ? value : JSON.stringify(value)).toString('base64');

const BODY = 'bucket=${bucket}&object=${object}&size=${size}';
const valid = (extra: Record<string, unknown> = {}) => ({
  callbackUrl: 'http://oss-demo.example.com/callback',
  callbackBody: BODY,
  ...extra,
});

const tag = (xml: string, name: string) => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1];

function expectOssError(res: request.Response, message: string, argumentName?: string): void {
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/xml/);
  expect(tag(res.text, 'Code')).toBe('InvalidArgument');
  expect(tag(res.text, 'Message')).toBe(message);
  expect(tag(res.text, 'RequestId')).toMatch(/^[0-9A-F]{24}$/);
  expect(res.headers['x-oss-request-id']).toBe(tag(res.text, 'RequestId'));
  if (argumentName !== undefined) expect(tag(res.text, 'ArgumentName')).toBe(argumentName);
}

const put = (headers: Record<string, string>, query = '') => {
  const req = request(app).put(`/example-bucket/cb.txt${query}`);
  for (const [name, value] of Object.entries(headers)) req.set(name, value);
  return req.send('hello');
};

describe('callback over HTTP: each message', () => {
  const cases: Array<[string, string, string]> = [
    [message('InvalidArgument.callbackTooLong'), 'A'.repeat(5121), 'callback'],
    [message('InvalidArgument.callbackNotBase64'), '{not base64}', 'callback'],
    [message('InvalidArgument.callbackNotJson'), b64('callbackUrl=http://a.example.com'), 'callback'],
    [
      message('InvalidArgument.callbackUrlInvalid'),
      b64(valid({ callbackUrl: 'example.com:test' })),
      'callback',
    ],
    [
      message('InvalidArgument.callbackUrlTooMany'),
      b64(
        valid({
          callbackUrl: 'a.example.com;b.example.com;c.example.com;d.example.com;e.example.com;f.example.com',
        }),
      ),
      'callback',
    ],
    [
      message('InvalidArgument.callbackPrivateAddress'),
      b64(valid({ callbackUrl: '127.0.0.1:8088/test.php' })),
      'callbackUrl',
    ],
    [
      message('InvalidArgument.callbackHostUnresolvable'),
      b64(valid({ callbackUrl: '123.456' })),
      'callbackUrl',
    ],
    [message('InvalidArgument.callbackHostInvalid'), b64(valid({ callbackHost: 1 })), 'callback'],
    [message('InvalidArgument.callbackBodyEmpty'), b64(valid({ callbackBody: '' })), 'callback'],
    [message('InvalidArgument.callbackBodyInvalid'), b64(valid({ callbackBody: [1, 2, 3] })), 'callback'],
    [message('InvalidArgument.callbackBodyTypeInvalid'), b64(valid({ callbackBodyType: 5 })), 'callback'],
    [
      message('InvalidArgument.callbackBodyTypeUnsupported'),
      b64(valid({ callbackBodyType: 'image/jpg' })),
      'callback',
    ],
    [message('InvalidArgument.callbackSniInvalid'), b64(valid({ callbackSNI: 'true' })), 'callback'],
  ];
  for (const [message, value, argumentName] of cases) {
    it(message, async () => {
      expectOssError(await put({ 'x-oss-callback': value }), message, argumentName);
    });
  }

  it('accepts 5120 characters of callback and refuses 5121', async () => {
    const pad = 'p'.repeat(3840 - JSON.stringify(valid({ pad: '' })).length);
    const atLimit = b64(valid({ pad }));
    expect(atLimit).toHaveLength(5120);
    expect((await put({ 'x-oss-callback': atLimit })).status).toBe(200);
    expectOssError(
      await put({ 'x-oss-callback': `${atLimit}A` }),
      message('InvalidArgument.callbackTooLong'),
    );
  });

  it('refuses a callback in both the header and the query', async () => {
    const value = encodeURIComponent(b64(valid()));
    expectOssError(
      await put({ 'x-oss-callback': b64(valid()) }, `?callback=${value}`),
      message('InvalidArgument.callbackQueryAndHeader'),
    );
  });

  it('refuses a callback-var in both the header and the query', async () => {
    const vars = b64({ 'x:a': 'b' });
    expectOssError(
      await put({ 'x-oss-callback': b64(valid()), 'x-oss-callback-var': vars }, `?callback-var=${vars}`),
      message('InvalidArgument.callbackVarQueryAndHeader'),
      'callback-var',
    );
  });

  it('refuses a callback-var that is too long or not a JSON object of strings', async () => {
    const callback = b64(valid());
    expectOssError(
      await put({ 'x-oss-callback': callback, 'x-oss-callback-var': 'A'.repeat(5121) }),
      message('InvalidArgument.callbackVarTooLong'),
      'callback-var',
    );
    expectOssError(
      await put({ 'x-oss-callback': callback, 'x-oss-callback-var': b64({ 'x:a': 1 }) }),
      message('InvalidArgument.callbackVarNotJson'),
      'callback-var',
    );
  });

  it('refuses `$` without `{` in callbackBody when callback-var is present', async () => {
    const callback = b64(valid({ callbackBody: 'size=${size}&my_var=$x:my_var}' }));
    expect((await put({ 'x-oss-callback': callback })).status).toBe(200);
    expectOssError(
      await put({ 'x-oss-callback': callback, 'x-oss-callback-var': b64({ 'x:my_var': 'v' }) }),
      message('InvalidArgument.callbackBodyBrace'),
      'ReplaceKeyPrefix',
    );
  });
});

describe('callback over HTTP: where it applies', () => {
  const bad = b64(valid({ callbackUrl: 'http://10.0.0.1/cb' }));

  it('validates a callback in the query string, keeping base64 `+` intact', async () => {
    // `>>>` encodes to `Pj4+`, so the value holds a literal `+` that must not become a space.
    const value = b64(valid({ callbackBody: 'a=>>>' }));
    expect(value).toContain('+');
    expect((await put({}, `?callback=${value}`)).status).toBe(200);
    expectOssError(
      await put({}, `?callback=${encodeURIComponent(bad)}`),
      message('InvalidArgument.callbackPrivateAddress'),
    );
  });

  it('validates CompleteMultipartUpload', async () => {
    const res = await request(app)
      .post('/example-bucket/cb.txt?uploadId=0004B9894A22E5B1888A1E29F823****')
      .set('x-oss-callback', bad)
      .send('<CompleteMultipartUpload></CompleteMultipartUpload>');
    expectOssError(res, message('InvalidArgument.callbackPrivateAddress'));
  });

  it('ignores a callback on operations that do not take one', async () => {
    expect((await request(app).get('/example-bucket/cb.txt').set('x-oss-callback', bad)).status).toBe(200);
    expect(
      (await request(app).head('/example-bucket/cb.txt').set('x-oss-callback', '{not base64}')).status,
    ).toBe(200);
    const part = await request(app)
      .put('/example-bucket/cb.txt?partNumber=1&uploadId=abc')
      .set('x-oss-callback', bad)
      .send('x');
    expect(part.status).toBe(200);
  });

  it('ignores callback-var without a callback', async () => {
    const vars = b64({ 'x:a': 'b' });
    expect((await put({ 'x-oss-callback-var': vars }, `?callback-var=${vars}`)).status).toBe(200);
    expect((await put({ 'x-oss-callback-var': '{not base64}' })).status).toBe(200);
  });

  it('treats an empty callback as absent', async () => {
    expect((await put({ 'x-oss-callback': '' }, '?callback=')).status).toBe(200);
  });
});

type ConformanceCase = {
  id: string;
  area: string;
  request: {
    method: string;
    path: string;
    headers?: Record<string, unknown>;
    query?: Record<string, unknown>;
    body?: string;
  };
  expect: { pass?: boolean; status?: number; code?: string; message?: string };
};

/** The harness's `$b64` expansion: base64 of a string, or of compact JSON. */
function expand(value: unknown): string {
  if (typeof value === 'object' && value !== null && '$b64' in value) {
    const arg = (value as { $b64: unknown }).$b64;
    return b64(typeof arg === 'string' ? arg : JSON.stringify(arg));
  }
  return String(value);
}

const conformance = (
  JSON.parse(readFileSync('/work/shared/conformance/cases/public.json', 'utf8')) as ConformanceCase[]
).filter((c) => c.area === 'callback');

describe('public conformance cases (callback)', () => {
  it('has the cases', () => {
    expect(conformance.length).toBeGreaterThanOrEqual(13);
  });
  for (const c of conformance) {
    it(c.id, async () => {
      const query = Object.entries(c.request.query ?? {})
        .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(expand(v))}`)
        .join('&');
      const req = request(app)[c.request.method.toLowerCase() as 'put'](
        query === '' ? c.request.path : `${c.request.path}?${query}`,
      );
      for (const [name, value] of Object.entries(c.request.headers ?? {})) req.set(name, expand(value));
      const res = await req.send(c.request.body ?? '');
      if (c.expect.pass) {
        expect([res.status, res.text]).toEqual([200, 'OK']);
        return;
      }
      expect(res.status).toBe(c.expect.status);
      expect(res.headers['x-oss-request-id']).toBe(tag(res.text, 'RequestId'));
      expect(tag(res.text, 'Code')).toBe(c.expect.code);
      if (c.expect.message !== undefined) expect(tag(res.text, 'Message')).toBe(c.expect.message);
    });
  }
});
