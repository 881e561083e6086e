import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { describe, expect, it } from '@jest/globals';
import express from 'express';
import request from 'supertest';
import { defineRule } from '../../src/core/rule';
import { ossErrorHandler } from '../../src/express/error-handler';
import { preflight } from '../../src/express/preflight';
import { checkXmlBody, DEFAULT_XML_BODY_LIMIT } from '../../src/express/xml-body';
import { getBufferedBody, getOssRequest } from '../../src/http/request-state';
import type { Middleware } from '../../src/http/types';

const md5 = (text: string | Buffer) => createHash('md5').update(text).digest('base64');
const tag = (xml: string, name: string) => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1];
const COMPLETE = '/example-bucket/big.bin?uploadId=0004B9895DBBB6EC98E36';
const parts =
  '<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>"A"</ETag></Part></CompleteMultipartUpload>';

/** Echoes what the middleware left for the forwarder: the buffered body, or the stream's own bytes. */
function echo(req: http.IncomingMessage, res: http.ServerResponse) {
  const buffered = getBufferedBody(req);
  const send = (streamed: number | null) => {
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        operation: getOssRequest(req)?.operation ?? null,
        buffered: buffered?.toString('utf8') ?? null,
        parsedBody: getOssRequest(req)?.body?.length ?? null,
        streamed,
      }),
    );
  };
  if (buffered) {
    send(null);
    return;
  }
  let streamed = 0;
  req.on('data', (chunk: Buffer) => {
    streamed += chunk.length;
  });
  req.on('end', () => send(streamed));
}

function app(...middleware: Middleware[]) {
  const a = express();
  for (const m of middleware) a.use(m);
  a.use(echo);
  a.use(ossErrorHandler());
  return a;
}

describe('checkXmlBody()', () => {
  it('leaves uploads and other streaming operations unread', async () => {
    const payload = Buffer.alloc(3 * 1024 * 1024, 7);
    const res = await request(app(preflight(), checkXmlBody()))
      .put('/example-bucket/big.bin')
      .set('Content-Type', 'application/octet-stream')
      .send(payload);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      operation: 'PutObject',
      buffered: null,
      parsedBody: null,
      streamed: payload.length,
    });
    const part = await request(app(preflight(), checkXmlBody()))
      .put(`${COMPLETE}&partNumber=1`)
      .set('Content-Type', 'application/octet-stream')
      .send(payload);
    expect(part.body).toMatchObject({ operation: 'UploadPart', buffered: null, streamed: payload.length });
    const get = await request(app(checkXmlBody())).get('/example-bucket/big.bin');
    expect(get.body).toMatchObject({ operation: 'GetObject', buffered: null });
  });

  it('keeps a validated XML body for forwarding and on the parsed request', async () => {
    const res = await request(app(preflight(), checkXmlBody())).post(COMPLETE).send(parts);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      operation: 'CompleteMultipartUpload',
      buffered: parts,
      parsedBody: Buffer.byteLength(parts),
      streamed: null,
    });
  });

  it('works without preflight() in front, with its own addressing options', async () => {
    const xml = '<Delete><Object><Key>a</Key></Object><Object><Key></Key></Object></Delete>';
    const res = await request(app(checkXmlBody({ virtualHostSuffixes: ['gw.test'] })))
      .post('/?delete')
      .set('Host', 'example-bucket.gw.test')
      .set('Content-MD5', md5(xml))
      .send(xml);
    expect(res.status).toBe(400);
    expect(tag(res.text, 'Code')).toBe('UserKeyMustBeSpecified');
    expect(tag(res.text, 'HostId')).toBe('example-bucket.gw.test');
  });

  it('refuses a declared body over the cap without reading it', async () => {
    const big = `<CompleteMultipartUpload>${' '.repeat(200)}</CompleteMultipartUpload>`;
    const res = await request(app(checkXmlBody({ maxBytes: 100 })))
      .post(COMPLETE)
      .send(big);
    expect(res.status).toBe(400);
    expect(tag(res.text, 'Code')).toBe('MalformedXML');
    const ok = await request(app(checkXmlBody({ maxBytes: Buffer.byteLength(parts) })))
      .post(COMPLETE)
      .send(parts);
    expect(ok.status).toBe(200);
  });

  it('stops reading a chunked body at the cap', async () => {
    const server = app(checkXmlBody({ maxBytes: 1024 })).listen(0);
    try {
      const { port } = server.address() as AddressInfo;
      const response = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request({
          port,
          method: 'POST',
          path: COMPLETE,
          headers: { 'transfer-encoding': 'chunked' },
        });
        req.on('response', (res) => {
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString();
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
        });
        req.on('error', reject);
        req.write('<CompleteMultipartUpload>');
        for (let i = 0; i < 64; i++) req.write(' '.repeat(64));
        req.end('</CompleteMultipartUpload>');
      });
      expect(response.status).toBe(400);
      expect(tag(response.body, 'Code')).toBe('MalformedXML');
    } finally {
      server.close();
    }
  });

  it('defaults to a cap above the 2 MB batch-delete limit', async () => {
    expect(DEFAULT_XML_BODY_LIMIT).toBeGreaterThan(2 * 1024 * 1024);
    const keys = Array.from(
      { length: 1000 },
      (_, i) => `<Object><Key>${String(i).padStart(1900, 'k')}</Key></Object>`,
    );
    const xml = `<Delete>${keys.join('')}</Delete>`;
    expect(Buffer.byteLength(xml)).toBeGreaterThan(1_900_000);
    const res = await request(app(checkXmlBody()))
      .post('/example-bucket/?delete')
      .set('Content-MD5', md5(xml))
      .send(xml);
    expect(res.status).toBe(200);
    const tooBig = `${xml}${' '.repeat(DEFAULT_XML_BODY_LIMIT)}`;
    const refused = await request(app(checkXmlBody()))
      .post('/example-bucket/?delete')
      .set('Content-MD5', md5(tooBig))
      .send(tooBig);
    expect(refused.status).toBe(400);
    expect(tag(refused.text, 'Code')).toBe('MalformedXML');
  });

  it('uses a body express.raw() already read, and reads a body only once', async () => {
    const xml = '<VersioningConfiguration><Status>On</Status></VersioningConfiguration>';
    const raw = express.raw({ type: '*/*' }) as unknown as Middleware;
    const res = await request(app(raw, checkXmlBody())).put('/example-bucket/?versioning').send(xml);
    expect(res.status).toBe(400);
    expect(tag(res.text, 'Code')).toBe('MalformedXML');
    const twice = await request(app(checkXmlBody(), checkXmlBody())).post(COMPLETE).send(parts);
    expect(twice.body).toMatchObject({ buffered: parts });
  });

  it('reports a body another parser consumed instead of forwarding nothing', async () => {
    const errors: unknown[] = [];
    const a = express()
      .use(express.text({ type: '*/*' }))
      .use(checkXmlBody())
      .use(echo)
      .use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
        errors.push(error);
        res.sendStatus(500);
      });
    await request(a).post(COMPLETE).send(parts);
    expect(errors).toHaveLength(1);
    expect(String(errors[0])).toMatch(/checkXmlBody\(\).*already read/);
  });

  it('passes a client abort on instead of waiting forever', async () => {
    let resolveError: (error: unknown) => void = () => {};
    const seen = new Promise<unknown>((resolve) => {
      resolveError = resolve;
    });
    const a = express()
      .use(checkXmlBody())
      .use(echo)
      .use((error: unknown, _req: express.Request, _res: express.Response, _next: express.NextFunction) => {
        resolveError(error);
      });
    const server = a.listen(0);
    try {
      const { port } = server.address() as AddressInfo;
      const socket = net.connect(port, '127.0.0.1', () => {
        socket.write(`POST ${COMPLETE} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 1000\r\n\r\n<Complete`);
        setTimeout(() => socket.destroy(), 50);
      });
      const error = await seen;
      expect(error).toMatchObject({ code: 'ECONNRESET' });
    } finally {
      server.close();
    }
  });

  it('hands a rule that throws to the error handler instead of crashing', async () => {
    const boom = defineRule({
      id: 'boom',
      family: 'custom',
      operations: ['CompleteMultipartUpload'],
      phase: 'body',
      errors: ['MalformedXML.notWellFormed'],
      source: 'test',
      check: () => {
        throw new Error('boom');
      },
    });
    const errors: unknown[] = [];
    const a = express()
      .use(checkXmlBody({ extraRules: [boom] }))
      .use(echo)
      .use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
        errors.push(error);
        res.sendStatus(500);
      });
    const res = await request(a).post(COMPLETE).send(parts);
    expect(res.status).toBe(500);
    expect(String(errors[0])).toBe('Error: boom');
  });

  it('checks its options when built', () => {
    for (const maxBytes of [0, -1, 1.5, Number.NaN, '2mb']) {
      expect(() => checkXmlBody({ maxBytes: maxBytes as number })).toThrow(/checkXmlBody\(\).*maxBytes/);
    }
    expect(() => checkXmlBody({ maxByte: 10 } as never)).toThrow(/unknown option "maxByte"/);
    expect(() => checkXmlBody({ disable: ['no-such-rule'] })).toThrow(/checkXmlBody\(\)/);
    expect(() => checkXmlBody({ disable: ['delete-document'], maxBytes: 10 })).not.toThrow();
  });
});
