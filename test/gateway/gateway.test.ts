import { createHash } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createGateway } from '../../src/gateway/gateway';
import {
  type RunningGateway,
  send,
  startGateway,
  TEST_CREDENTIALS,
  xmlTag,
} from '../helpers/gateway-harness';

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => {
  await gw.close();
});

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

describe('gateway: accepted requests', () => {
  it('signs an unsigned PUT with V4 and forwards the body unchanged, virtual-hosted', async () => {
    const before = gw.upstream.requests.length;
    const body = Buffer.from([...Array(3000).keys()].map((i) => i % 251));
    const res = await send(
      gw.port,
      'PUT',
      '/example-bucket/dir/%E6%96%87%20x+y.bin?x-oss-traffic-limit=819200',
      { 'content-type': 'application/octet-stream' },
      body,
    );
    expect(res.status).toBe(200);
    const fwd = gw.upstream.requests[before]!;
    expect(fwd.headers.host).toBe(`example-bucket.${gw.upstream.host}`);
    expect(fwd.key).toBe('dir/文 x+y.bin');
    expect(fwd.sha256).toBe(sha(body));
    expect(String(fwd.headers.authorization)).toMatch(
      /^OSS4-HMAC-SHA256 Credential=LTAI5tTestGatewayKey\/\d{8}\/cn-hangzhou\/oss\/aliyun_v4_request,Signature=[0-9a-f]{64}$/,
    );
    expect(fwd.signatureProblem).toBeNull();
  });

  it('signs with V1 when configured', async () => {
    const v1 = await startGateway({ signatureVersion: 'v1' });
    try {
      const res = await send(v1.port, 'GET', '/example-bucket/a.txt?acl');
      expect(res.status).toBe(200);
      const fwd = v1.upstream.requests[0]!;
      expect(String(fwd.headers.authorization)).toMatch(/^OSS LTAI5tTestGatewayKey:/);
      expect(fwd.signatureProblem).toBeNull();
    } finally {
      await v1.close();
    }
  });

  it('relays the upstream response unchanged', async () => {
    gw.upstream.reply = () => ({
      status: 404,
      headers: { 'content-type': 'application/xml', 'x-oss-ec': '0026-00000001' },
      body: '<Error><Code>NoSuchKey</Code></Error>',
    });
    try {
      const res = await send(gw.port, 'GET', '/example-bucket/missing.txt');
      expect(res.status).toBe(404);
      expect(res.headers['x-oss-ec']).toBe('0026-00000001');
      expect(res.headers['x-oss-request-id']).toBe('UPSTREAM0000000000000001');
      expect(res.body).toBe('<Error><Code>NoSuchKey</Code></Error>');
    } finally {
      gw.upstream.reply = () => ({ status: 200 });
    }
  });

  it('forwards a chunked upload and a service-level request', async () => {
    const before = gw.upstream.requests.length;
    const res = await send(
      gw.port,
      'PUT',
      '/example-bucket/chunked.bin',
      { 'transfer-encoding': 'chunked' },
      'abc'.repeat(1000),
    );
    expect(res.status).toBe(200);
    expect(gw.upstream.requests[before]!.sha256).toBe(sha('abc'.repeat(1000)));
    const list = await send(gw.port, 'GET', '/');
    expect(list.status).toBe(200);
    expect(gw.upstream.requests.at(-1)!.headers.host).toBe(gw.upstream.host);
  });

  it('accepts virtual-hosted requests addressed to the endpoint host', async () => {
    const before = gw.upstream.requests.length;
    const res = await send(gw.port, 'PUT', '/vh.txt', { host: `example-bucket.${gw.upstream.host}` }, 'x');
    expect(res.status).toBe(200);
    expect(gw.upstream.requests[before]).toMatchObject({ bucket: 'example-bucket', key: 'vh.txt' });
  });
});

describe('gateway: rejected requests never reach the upstream', () => {
  it('answers with the OSS error and forwards nothing', async () => {
    const before = gw.upstream.requests.length;
    const res = await send(gw.port, 'PUT', '/Example-Bucket/a.txt', {}, 'hello');
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/xml');
    expect(xmlTag(res.body, 'Code')).toBe('InvalidBucketName');
    expect(xmlTag(res.body, 'HostId')).toBe(`127.0.0.1:${gw.port}`);
    expect(res.headers['x-oss-request-id']).toBe(xmlTag(res.body, 'RequestId'));
    expect(gw.upstream.requests.length).toBe(before);
  });

  it('refuses an Expect: 100-continue upload before any body byte is sent', async () => {
    const before = gw.upstream.requests.length;
    const answer = await new Promise<{ status: number; sentBody: boolean }>((resolve) => {
      const req = http.request({
        port: gw.port,
        method: 'PUT',
        path: '/Bad_Bucket/big.bin',
        headers: { expect: '100-continue', 'content-length': String(1 << 30) },
      });
      let sentBody = false;
      req.on('continue', () => {
        sentBody = true;
        req.end(Buffer.alloc(10));
      });
      req.on('response', (res) => {
        res.resume();
        resolve({ status: res.statusCode ?? 0, sentBody });
        req.destroy();
      });
      req.on('error', () => undefined);
      req.flushHeaders();
    });
    expect(answer).toEqual({ status: 400, sentBody: false });
    expect(gw.upstream.requests.length).toBe(before);
  });

  it('aborts the upstream request when the client aborts mid-body', async () => {
    const before = gw.upstream.requests.length;
    await new Promise<void>((resolve) => {
      const socket = net.connect(gw.port, '127.0.0.1', () => {
        socket.write(
          `PUT /example-bucket/partial.bin HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 100000\r\n\r\n`,
        );
        socket.write(Buffer.alloc(5000, 1));
        setTimeout(() => {
          socket.destroy();
          resolve();
        }, 200);
      });
    });
    await new Promise((r) => setTimeout(r, 200));
    const fwd = gw.upstream.requests.slice(before);
    expect(fwd.length).toBe(1);
    expect(fwd[0]!.complete).toBe(false);
  });

  it('answers 502 in OSS form when the upstream cannot be reached', async () => {
    const dead = createGateway({ endpoint: 'http://127.0.0.1:1', credentials: TEST_CREDENTIALS });
    const server = http.createServer(dead.handle);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    const port = (server.address() as net.AddressInfo).port;
    const res = await send(port, 'GET', '/example-bucket/a');
    server.close();
    expect(res.status).toBe(502);
    expect(xmlTag(res.body, 'Code')).toBe('UpstreamUnavailable');
    expect(res.headers['x-oss-request-id']).toBe(xmlTag(res.body, 'RequestId'));
  });
});

describe('createGateway options', () => {
  it('rejects bad options at creation', () => {
    expect(() => createGateway({ endpoint: 'not a url' })).toThrow(/"endpoint" must be an absolute URL/);
    expect(() => createGateway({ endpoint: 'ftp://x' })).toThrow(/http: or https:/);
    expect(() => createGateway({ endpoint: 'http://x', signatureVersion: 'v2' as never })).toThrow(
      /"v1" or "v4"/,
    );
    expect(() =>
      createGateway({ endpoint: 'http://x', credentials: { accessKeyId: 'a', accessKeySecret: '' } }),
    ).toThrow(/both/);
    expect(() => createGateway({ endpoint: 'http://x', regoin: 'x' } as never)).toThrow(
      /Did you mean "region"/,
    );
  });
  it('derives the region from an OSS endpoint', () => {
    expect(createGateway({ endpoint: 'https://oss-ap-southeast-1.aliyuncs.com' }).region).toBe(
      'ap-southeast-1',
    );
    expect(createGateway({ endpoint: 'https://oss-cn-beijing-internal.aliyuncs.com' }).region).toBe(
      'cn-beijing',
    );
  });
});

describe('gateway: requests Node cannot parse', () => {
  it('answers a malformed Content-Length in OSS form, not a bare 400', async () => {
    const raw = await new Promise<string>((resolve) => {
      let data = '';
      const socket = net.connect(gw.port, '127.0.0.1', () => {
        socket.write('PUT /example-bucket/a HTTP/1.1\r\nHost: x\r\nContent-Length: 12abc\r\n\r\nhello');
      });
      socket.on('data', (c) => {
        data += c.toString();
      });
      socket.on('close', () => resolve(data));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toContain('content-type: application/xml');
    expect(xmlTag(raw, 'Code')).toBe('InvalidArgument');
    const id = /x-oss-request-id: ([0-9A-F]{24})/.exec(raw)?.[1];
    expect(xmlTag(raw, 'RequestId')).toBe(id);
  });
});

describe('gateway: HEAD requests Node cannot parse', () => {
  it('answers without a body, the error in x-oss-err', async () => {
    const raw = await new Promise<string>((resolve) => {
      let data = '';
      const socket = net.connect(gw.port, '127.0.0.1', () => {
        socket.write(
          Buffer.concat([
            Buffer.from('HEAD /example-bucket/k'),
            Buffer.from([0xc0]),
            Buffer.from(' HTTP/1.1\r\nHost: x\r\n\r\n'),
          ]),
        );
      });
      socket.on('data', (c) => {
        data += c.toString('latin1');
      });
      socket.on('close', () => resolve(data));
    });
    expect(raw).toMatch(/^HTTP\/1\.1 400 /);
    expect(raw).toContain('content-length: 0');
    const err = /x-oss-err: ([A-Za-z0-9+/=]+)/.exec(raw)?.[1];
    expect(Buffer.from(err ?? '', 'base64').toString()).toContain('<Code>InvalidArgument</Code>');
    expect(raw.endsWith('\r\n\r\n')).toBe(true);
  });
});
