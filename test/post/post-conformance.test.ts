// The public conformance cases of area post-policy (copied from the shared conformance suite into
// fixtures/), sent the way its harness sends them, through a gateway-shaped front: parse, head
// rules, then createPostObjectHandler for PostObject. The upstream answers 200 with an empty body.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { setOssRequest } from '../../src/http/request-state';
import { sendOssError } from '../../src/http/send-error';
import { createPostObjectHandler } from '../../src/post/handler';
import { createPreflight } from '../../src/preflight/create-preflight';
import { type RecordingUpstream, startRecordingUpstream } from '../helpers/recording-upstream';
import cases from './fixtures/post-policy-cases.json';
import { multipart, type Part, post, tag } from './helpers';

const AK = 'LTAI5tConformanceKey01';
const SK = 'conformanceSecretKey0123456789abcdef';

type Case = {
  id: string;
  request: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: string;
    form?: [string, unknown][];
  };
  expect: { pass?: boolean; status?: number; code?: string; message?: string };
};

function offsetMs(spec: string): number {
  const m = /^([+-])(\d+)([smhd])$/.exec(spec)!;
  const unit = { s: 1e3, m: 6e4, h: 36e5, d: 864e5 }[m[3] as 's' | 'm' | 'h' | 'd'];
  return (m[1] === '-' ? -1 : 1) * Number(m[2]) * unit;
}

function expand(value: unknown, form: Record<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => expand(v, form));
  if (value === null || typeof value !== 'object') return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0]!.startsWith('$')) {
    const arg = expand((value as Record<string, unknown>)[keys[0]!], form);
    switch (keys[0]) {
      case '$iso':
        return new Date(Date.now() + offsetMs(arg as string)).toISOString().replace(/\.\d{3}Z$/, '.000Z');
      case '$b64':
        return Buffer.from(typeof arg === 'string' ? arg : JSON.stringify(arg)).toString('base64');
      case '$ak':
        return AK;
      case '$sigV1Of':
        return createHmac('sha1', SK)
          .update(form[arg as string]!)
          .digest('base64');
      default:
        throw new Error(`unsupported ${keys[0]}`);
    }
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, expand(v, form)]));
}

let upstream: RecordingUpstream;
let server: http.Server;
let port: number;
beforeAll(async () => {
  upstream = await startRecordingUpstream({ accessKeyId: AK, accessKeySecret: SK });
  upstream.reply = () => ({
    status: 200,
    headers: { etag: '"D41D8CD98F00B204E9800998ECF8427E"', 'content-length': '0' },
  });
  const core = createPreflight({ virtualHostSuffixes: [upstream.host] });
  const postObject = createPostObjectHandler({
    endpoint: upstream.url,
    credentials: { accessKeyId: AK, accessKeySecret: SK },
    region: 'cn-hangzhou',
    preflight: core,
  });
  server = http.createServer((req, res) => {
    const request = core.parse({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers });
    setOssRequest(req, request);
    const error = core.check(request);
    if (error) sendOssError(req, res, error);
    else if (request.operation === 'PostObject') postObject(req, res);
    else {
      res.writeHead(500);
      res.end('not routed in this test');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.address() as AddressInfo).port;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  await upstream.close();
});

describe('public conformance cases, area post-policy', () => {
  it.each((cases as Case[]).map((c) => [c.id, c] as const))('%s', async (_id, c) => {
    const headers: Record<string, string> = {};
    let body: Buffer = Buffer.alloc(0);
    if (c.request.form) {
      const form: Record<string, string> = {};
      const parts: Part[] = [];
      for (const [name, raw] of c.request.form) {
        const value = expand(raw, form);
        if (typeof value === 'string') form[name] = value;
        parts.push([name, value as Part[1]]);
      }
      const encoded = multipart(
        parts.map(([n, v]) => [
          n,
          typeof v === 'string' ? v : { ...v, contentType: 'application/octet-stream' },
        ]),
      );
      body = encoded.body;
      headers['content-type'] = encoded.contentType;
    }
    if (c.request.body !== undefined) body = Buffer.from(c.request.body);
    for (const [k, v] of Object.entries(c.request.headers ?? {})) headers[k.toLowerCase()] = v;
    headers['content-length'] = String(body.length);
    const before = upstream.completed().length;
    const res = await post(port, c.request.path, headers, body);
    const reached = upstream.completed().length - before;
    if (c.expect.pass) {
      expect({ status: res.status, reached }).toEqual({ status: 200, reached: 1 });
      return;
    }
    expect(reached).toBe(0);
    expect(res.status).toBe(c.expect.status);
    expect(tag(res.body, 'Code')).toBe(c.expect.code);
    if (c.expect.message !== undefined) expect(tag(res.body, 'Message')).toBe(c.expect.message);
    expect(res.headers['content-type']).toBe('application/xml');
    expect(res.headers['x-oss-request-id']).toBe(tag(res.body, 'RequestId'));
    expect(tag(res.body, 'HostId')).toBe(`127.0.0.1:${port}`);
  });
});
