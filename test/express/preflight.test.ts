import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { invalidArgument } from '../../src/core/oss-error';
import { defineRule } from '../../src/core/rule';
import { ossErrorHandler } from '../../src/express/error-handler';
import { checkNames, checkTagging } from '../../src/express/families';
import { preflight } from '../../src/express/preflight';
import { getOssRequest } from '../../src/http/request-state';
import type { Middleware } from '../../src/http/types';
import { message } from '../helpers/catalogue';

function app(...middleware: Middleware[]) {
  const a = express();
  for (const m of middleware) a.use(m);
  a.use((req, res) => {
    res.json({ operation: getOssRequest(req)?.operation ?? null });
  });
  a.use(ossErrorHandler());
  return a;
}

const tag = (xml: string, name: string) => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1];

describe('preflight() in Express', () => {
  it('passes a valid request on and exposes the parsed request', async () => {
    const res = await request(app(preflight())).put('/example-bucket/a.txt').send('hello');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ operation: 'PutObject' });
  });

  it('rejects with the OSS XML error', async () => {
    const res = await request(app(preflight())).put('/Bad_Bucket/a.txt').set('Host', 'gw.test').send('hello');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/xml');
    expect(tag(res.text, 'Code')).toBe('InvalidBucketName');
    expect(tag(res.text, 'Message')).toBe(message('InvalidBucketName.invalid'));
    expect(tag(res.text, 'HostId')).toBe('gw.test');
    expect(res.headers['x-oss-request-id']).toBe(tag(res.text, 'RequestId'));
  });

  it('answers HEAD with no body and the error in x-oss-err', async () => {
    const res = await request(app(preflight())).head('/Bad_Bucket/a.txt');
    expect(res.status).toBe(400);
    expect(res.text ?? '').toBe('');
    expect(Buffer.from(String(res.headers['x-oss-err']), 'base64').toString()).toContain(
      '<Code>InvalidBucketName</Code>',
    );
  });

  it('composes family middleware and parses once', async () => {
    const a = app(checkNames(), checkTagging());
    expect((await request(a).get('/example-bucket/k')).status).toBe(200);
    expect((await request(a).get('/x/k')).status).toBe(400);
  });

  it('turns rules off by id or family', async () => {
    expect((await request(app(preflight({ disable: ['bucket-name'] }))).get('/X_Y/k')).status).toBe(200);
    expect((await request(app(preflight({ disable: ['names'] }))).get('/X_Y/k')).status).toBe(200);
  });

  it('runs custom rules after the built-in ones', async () => {
    const noTmp = defineRule({
      id: 'no-tmp-keys',
      family: 'custom',
      operations: ['PutObject'],
      errors: ['InvalidArgument.parameterInvalidDotted'],
      source: 'application policy',
      check: (r) =>
        r.key?.startsWith('tmp/')
          ? invalidArgument('InvalidArgument.parameterInvalidDotted', 'key', r.key)
          : undefined,
    });
    const a = app(preflight({ extraRules: [noTmp] }));
    expect((await request(a).put('/example-bucket/tmp/x').send('x')).status).toBe(400);
    expect((await request(a).put('/example-bucket/ok/x').send('x')).status).toBe(200);
    expect((await request(a).get('/example-bucket/tmp/x')).status).toBe(200);
  });

  it('passes foreign errors on and never writes after headers were sent', async () => {
    const a = express();
    a.get('/boom', () => {
      throw new Error('not ours');
    });
    a.get('/late', (_req, res, next) => {
      res.write('partial');
      next(invalidArgument('InvalidArgument.parameterInvalidDotted'));
    });
    a.use(ossErrorHandler());
    a.use((err: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      if (res.headersSent) res.end();
      else res.status(599).send(err.message);
    });
    const boom = await request(a).get('/boom');
    expect(boom.status).toBe(599);
    expect(boom.text).toBe('not ours');
    const late = await request(a).get('/late');
    expect(late.status).toBe(200);
    expect(late.text).toBe('partial');
  });
});

describe('options are checked when the middleware is created', () => {
  it('rejects unknown options with a suggestion', () => {
    expect(() => preflight({ disabel: ['x'] } as never)).toThrow(
      /unknown option "disabel".*Did you mean "disable"/,
    );
  });
  it('rejects disabling a rule that does not exist', () => {
    expect(() => preflight({ disable: ['bucket-nme'] })).toThrow(/"bucket-nme".*Did you mean "bucket-name"/);
  });
  it('rejects unknown families and bad types', () => {
    expect(() => checkNames({ disable: 'names' as never })).toThrow(/must be an array of strings/);
    expect(() => preflight({ families: ['nmes' as never] })).toThrow(/unknown family "nmes".*"names"/);
    expect(() => preflight({ now: 5 as never })).toThrow(/"now" must be a function/);
    expect(() => ossErrorHandler({ host: 'x' } as never)).toThrow(/unknown option "host"/);
  });
});
