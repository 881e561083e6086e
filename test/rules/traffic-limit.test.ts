import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { messageKeys } from '../../src/core/catalogue';
import { createRequestParser } from '../../src/core/request';
import { ossErrorHandler } from '../../src/express/error-handler';
import { preflight } from '../../src/express/preflight';
import {
  MAX_TRAFFIC_LIMIT,
  MIN_TRAFFIC_LIMIT,
  trafficLimitError,
  trafficLimitRules,
} from '../../src/rules/traffic-limit';
import { message } from '../helpers/catalogue';

const INVALID = message('InvalidArgument.trafficLimitRange');
const NOT_BOTH = message('InvalidArgument.trafficLimitQueryAndHeader');

const app = express()
  .use(preflight())
  .use((_req, res) => {
    res.sendStatus(200);
  })
  .use(ossErrorHandler());

const tag = (xml: string, name: string) => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1];

function expectOssError(res: request.Response, message: string): void {
  expect(res.status).toBe(400);
  expect(res.headers['content-type']).toMatch(/^application\/xml/);
  expect(tag(res.text, 'Code')).toBe('InvalidArgument');
  expect(tag(res.text, 'Message')).toBe(message);
  expect(tag(res.text, 'RequestId')).toMatch(/^[0-9A-F]{24}$/);
  expect(res.headers['x-oss-request-id']).toBe(tag(res.text, 'RequestId'));
  expect(tag(res.text, 'ArgumentName')).toBe('x-oss-traffic-limit');
}

describe('trafficLimitError', () => {
  it('accepts 819200..838860800 inclusive', () => {
    expect(MIN_TRAFFIC_LIMIT).toBe(819200);
    expect(MAX_TRAFFIC_LIMIT).toBe(838860800);
    for (const value of ['819200', '838860800', '41943040', '3276800'])
      expect(trafficLimitError(value)).toBeUndefined();
    expect(trafficLimitError('819199')?.message).toBe(INVALID);
    expect(trafficLimitError('838860801')?.message).toBe(INVALID);
  });

  it('refuses values that are not integers or far out of range', () => {
    for (const value of [
      '0',
      '-819200',
      'abc',
      '819200.0',
      '8.192e5',
      '0x100000',
      '819 200',
      '99999999999999999999999',
    ]) {
      expect([value, trafficLimitError(value)?.message]).toEqual([value, INVALID]);
    }
  });

  it('accepts a leading +, leading zeros and surrounding blanks (OSS behaviour undocumented)', () => {
    for (const value of ['+819200', '000819200', ' 819200 ', '\t838860800']) {
      expect([value, trafficLimitError(value)]).toEqual([value, undefined]);
    }
    expect(trafficLimitError('0000838860801')?.message).toBe(INVALID);
  });

  it('names the argument and its value, with the documented EC', () => {
    const error = trafficLimitError('1')!;
    expect(error.status).toBe(400);
    expect(error.detail('ArgumentName')).toBe('x-oss-traffic-limit');
    expect(error.detail('ArgumentValue')).toBe('1');
    expect(error.ec).toBe('0004-00000502');
  });

  it('lists only catalogued messages', () => {
    for (const r of trafficLimitRules) for (const key of r.errors) expect(messageKeys()).toContain(key);
  });

  it('reads the PostObject form field', () => {
    const base = createRequestParser()({
      method: 'POST',
      url: '/example-bucket',
      headers: { host: 'localhost' },
    });
    const range = trafficLimitRules.find((r) => r.id === 'traffic-limit-range')!;
    expect(range.check({ ...base, form: { 'X-Oss-Traffic-Limit': '819200' } }, { now: 0 })).toBeUndefined();
    expect(range.check({ ...base, form: { 'x-oss-traffic-limit': '100' } }, { now: 0 })?.message).toBe(
      INVALID,
    );
    expect(range.check(base, { now: 0 })).toBeUndefined();
  });
});

describe('traffic limit over HTTP', () => {
  it('checks the header and the query parameter', async () => {
    expect(
      (await request(app).put('/example-bucket/a').set('x-oss-traffic-limit', '819200').send('x')).status,
    ).toBe(200);
    expectOssError(
      await request(app).put('/example-bucket/a').set('x-oss-traffic-limit', '819199').send('x'),
      INVALID,
    );
    expect((await request(app).get('/example-bucket/a?x-oss-traffic-limit=838860800')).status).toBe(200);
    expectOssError(await request(app).get('/example-bucket/a?x-oss-traffic-limit=838860801'), INVALID);
  });

  it('refuses a limit in both the header and the query', async () => {
    const res = await request(app)
      .get('/example-bucket/a?x-oss-traffic-limit=819200')
      .set('x-oss-traffic-limit', '819200');
    expectOssError(res, NOT_BOTH);
  });

  it('applies to the documented operations', async () => {
    const bad = { 'x-oss-traffic-limit': 'fast' };
    expectOssError(
      await request(app).post('/example-bucket/a?append&position=0').set(bad).send('x'),
      INVALID,
    );
    expectOssError(
      await request(app).put('/example-bucket/a?partNumber=1&uploadId=u').set(bad).send('x'),
      INVALID,
    );
    const copy = { ...bad, 'x-oss-copy-source': '/example-bucket/b' };
    expectOssError(await request(app).put('/example-bucket/a').set(copy).send(), INVALID);
    expectOssError(
      await request(app).put('/example-bucket/a?partNumber=1&uploadId=u').set(copy).send(),
      INVALID,
    );
  });

  it('ignores the limit on other operations and when empty', async () => {
    expect((await request(app).head('/example-bucket/a').set('x-oss-traffic-limit', 'fast')).status).toBe(
      200,
    );
    expect((await request(app).delete('/example-bucket/a').set('x-oss-traffic-limit', '1')).status).toBe(200);
    expect(
      (await request(app).get('/example-bucket/a?x-oss-traffic-limit=').set('x-oss-traffic-limit', ''))
        .status,
    ).toBe(200);
  });
});

type ConformanceCase = {
  id: string;
  area: string;
  request: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    query?: Record<string, string>;
    body?: string;
  };
  expect: { pass?: boolean; status?: number; code?: string; message?: string };
};

const conformance = (
  JSON.parse(readFileSync('/work/shared/conformance/cases/public.json', 'utf8')) as ConformanceCase[]
).filter((c) => c.area === 'traffic-limit');

describe('public conformance cases (traffic-limit)', () => {
  it('has the cases', () => {
    expect(conformance.length).toBeGreaterThanOrEqual(5);
  });
  for (const c of conformance) {
    it(c.id, async () => {
      const query = new URLSearchParams(c.request.query ?? {}).toString();
      const req = request(app)[c.request.method.toLowerCase() as 'put'](
        query === '' ? c.request.path : `${c.request.path}?${query}`,
      );
      for (const [name, value] of Object.entries(c.request.headers ?? {})) req.set(name, value);
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
