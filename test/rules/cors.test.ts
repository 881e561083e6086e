import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { ossErrorHandler } from '../../src/express/error-handler';
import { preflight } from '../../src/express/preflight';
import { createPreflight } from '../../src/preflight/create-preflight';
import { message } from '../helpers/catalogue';

const NO_ORIGIN = message('BadRequest.originMissing');
const NO_METHOD = message('BadRequest.requestMethodMissing');

const core = createPreflight({ families: ['cors'] });
const check = (method: string, url: string, headers: Record<string, string> = {}) => {
  const error = core.check(core.parse({ method, url, headers: { host: '127.0.0.1', ...headers } }));
  return error ? `${error.status} ${error.code}: ${error.message}` : 'ok';
};

describe('cors-preflight-headers', () => {
  const both = { origin: 'https://www.example.com', 'access-control-request-method': 'PUT' };

  it.each(['/example-bucket/a.txt', '/example-bucket'])('OPTIONS %s needs Origin, then the method', (url) => {
    expect(check('OPTIONS', url)).toBe(`400 BadRequest: ${NO_ORIGIN}`);
    expect(check('OPTIONS', url, { 'access-control-request-method': 'PUT' })).toBe(
      `400 BadRequest: ${NO_ORIGIN}`,
    );
    expect(check('OPTIONS', url, { origin: 'https://www.example.com' })).toBe(`400 BadRequest: ${NO_METHOD}`);
    expect(check('OPTIONS', url, both)).toBe('ok');
    expect(
      check('OPTIONS', url, { ...both, 'access-control-request-headers': 'x-oss-meta-a, content-type' }),
    ).toBe('ok');
  });

  it('counts a present but empty header as present', () => {
    expect(
      check('OPTIONS', '/example-bucket/a.txt', { origin: '', 'access-control-request-method': '' }),
    ).toBe('ok');
  });

  it('is about preflight requests only', () => {
    expect(check('GET', '/example-bucket/a.txt')).toBe('ok');
    expect(check('PUT', '/example-bucket/a.txt', { origin: 'https://www.example.com' })).toBe('ok');
  });
});

describe('CORS preflight over HTTP', () => {
  const app = express()
    .use(preflight())
    .use((_req, res) => {
      res.sendStatus(200);
    })
    .use(ossErrorHandler());
  const tag = (xml: string, name: string) => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1];

  it.each([
    [{}, NO_ORIGIN],
    [{ Origin: 'https://www.example.com' }, NO_METHOD],
  ])('OPTIONS with %j → 400 BadRequest', async (headers, message) => {
    const res = await request(app).options('/example-bucket/a.txt').set(headers);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/xml');
    expect(tag(res.text, 'Code')).toBe('BadRequest');
    expect(tag(res.text, 'Message')).toBe(message);
    expect(res.headers['x-oss-request-id']).toBe(tag(res.text, 'RequestId'));
  });

  it('passes a complete preflight on', async () => {
    const res = await request(app)
      .options('/example-bucket/a.txt')
      .set('Origin', 'https://www.example.com')
      .set('Access-Control-Request-Method', 'PUT');
    expect(res.status).toBe(200);
  });
});
