import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { ossErrorHandler } from '../../src/express/error-handler';
import { type VerifySignaturesOptions, verifySignatures } from '../../src/express/verify-signatures';
import { presignV1, signV1 } from '../../src/signing/sign-v1';
import { signV4 } from '../../src/signing/sign-v4';
import type { Credentials, SignableRequest } from '../../src/signing/types';
import { message } from '../helpers/catalogue';

const KEY: Credentials = {
  accessKeyId: 'LTAI5tMiddlewareKey',
  accessKeySecret: 'middlewareSecret0123456789',
};
const OTHER: Credentials = { accessKeyId: 'LTAI5tOtherKey', accessKeySecret: 'otherSecret0123456789' };

function app(options: VerifySignaturesOptions) {
  const a = express();
  a.use(verifySignatures(options));
  a.use((_req, res) => {
    res.status(200).send('passed');
  });
  a.use(ossErrorHandler());
  // A provider failure is not an OSS answer: it reaches the application's own error handler.
  a.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    res.status(599).send(error.message);
  });
  return a;
}

const tag = (xml: string, name: string) => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1];
const PUT: SignableRequest = {
  method: 'PUT',
  bucket: 'example-bucket',
  key: 'a b.txt',
  query: [],
  headers: { 'content-type': 'text/plain' },
};

function put(target: express.Express, signer: Credentials, version: 'v1' | 'v4' = 'v4') {
  const headers = version === 'v1' ? signV1(PUT, signer) : signV4(PUT, signer, { region: 'cn-hangzhou' });
  let r = request(target).put('/example-bucket/a%20b.txt').set('content-type', 'text/plain');
  for (const [name, value] of Object.entries(headers)) r = r.set(name, value);
  return r.send('hello');
}

describe('verifySignatures()', () => {
  it.each([
    ['one key', KEY],
    ['a list', [OTHER, KEY]],
    ['a sync lookup', (id: string) => (id === KEY.accessKeyId ? KEY : undefined)],
    ['an async lookup', async (id: string) => (id === KEY.accessKeyId ? KEY : undefined)],
  ] as const)('verifies V1 and V4 with %s', async (_name, knownKeys) => {
    const target = app({ knownKeys });
    expect((await put(target, KEY, 'v1')).text).toBe('passed');
    expect((await put(target, KEY, 'v4')).text).toBe('passed');
    const bad = await put(target, { ...KEY, accessKeySecret: 'wrong' });
    expect(bad.status).toBe(403);
    expect(tag(bad.text, 'Code')).toBe('SignatureDoesNotMatch');
    expect(tag(bad.text, 'Message')).toBe(message('SignatureDoesNotMatch.mismatch'));
    expect(tag(bad.text, 'OSSAccessKeyId')).toBe(KEY.accessKeyId);
  });

  it('rejects unknown keys by default (as the gateway and the POST handler do) and forwards them with unknownKeys: "forward"', async () => {
    expect((await put(app({ knownKeys: KEY, unknownKeys: 'forward' }), OTHER)).text).toBe('passed');
    const res = await put(app({ knownKeys: KEY }), OTHER);
    expect(res.status).toBe(403);
    expect(tag(res.text, 'Code')).toBe('InvalidAccessKeyId');
    expect(tag(res.text, 'Message')).toBe(message('InvalidAccessKeyId.unknown'));
  });

  it('lets unsigned requests through and still rejects malformed ones without a key lookup', async () => {
    let lookups = 0;
    const target = app({ knownKeys: () => void lookups++ as undefined });
    expect((await request(target).get('/example-bucket/a.txt')).text).toBe('passed');
    const res = await request(target).get('/example-bucket/a.txt').set('authorization', 'OSS');
    expect(res.status).toBe(400);
    expect(tag(res.text, 'Message')).toBe(message('InvalidArgument.authorizationItemCount'));
    expect(lookups).toBe(0);
  });

  it('checks a presigned URL, and answers HEAD through x-oss-err', async () => {
    const d: SignableRequest = {
      method: 'HEAD',
      bucket: 'example-bucket',
      key: 'a.txt',
      query: [],
      headers: {},
    };
    const expires = Math.floor(Date.now() / 1000) + 60;
    const good = presignV1(d, KEY, { expires });
    const qs = (pairs: Array<[string, string]>) =>
      pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join('&');
    const target = app({ knownKeys: KEY });
    expect((await request(target).head(`/example-bucket/a.txt?${qs(good)}`)).status).toBe(200);
    const bad = presignV1({ ...d, method: 'GET' }, KEY, { expires });
    const res = await request(target).head(`/example-bucket/a.txt?${qs(bad)}`);
    expect(res.status).toBe(403);
    const xml = Buffer.from(String(res.headers['x-oss-err']), 'base64').toString('utf8');
    expect(tag(xml, 'Code')).toBe('SignatureDoesNotMatch');
  });

  it('refuses a V4 signature scoped to another region when the region is configured', async () => {
    const headers = signV4(PUT, KEY, { region: 'cn-shanghai' });
    let r = request(app({ knownKeys: KEY, region: 'cn-hangzhou' })).put('/example-bucket/a%20b.txt');
    for (const [name, value] of Object.entries({ ...headers, 'content-type': 'text/plain' }))
      r = r.set(name, value);
    const res = await r.send('x');
    expect(res.status).toBe(400);
    expect(tag(res.text, 'Message')).toBe(message('InvalidArgument.authorizationRegion'));
  });

  it('uses the clock it is given', async () => {
    const target = app({ knownKeys: KEY, now: () => Date.now() + 20 * 60_000 });
    const res = await put(target, KEY);
    expect(tag(res.text, 'Code')).toBe('RequestTimeTooSkewed');
  });

  it('passes a provider failure to next(error)', async () => {
    const target = app({
      knownKeys: async () => {
        throw new Error('key store down');
      },
    });
    const res = await put(target, KEY);
    expect([res.status, res.text]).toEqual([599, 'key store down']);
  });

  it.each([
    [{ knownKeys: { accessKeyId: 'a' } }, /"knownKeys" must be/],
    [{ knownKeys: KEY, unknownKeys: 'drop' }, /"unknownKeys"/],
    [{ knownKeys: KEY, region: '' }, /"region"/],
    [{ knownKeys: KEY, unknownKey: 'reject' }, /unknown option "unknownKey". Did you mean "unknownKeys"/],
  ])('refuses bad options: %j', (options, message) => {
    expect(() => verifySignatures(options as unknown as VerifySignaturesOptions)).toThrow(message);
  });
});
