import http from 'node:http';
import net from 'node:net';
import { afterAll, describe, expect, it } from '@jest/globals';
import { createGateway } from '../../src/gateway/gateway';
import { createGatewayServer } from '../../src/gateway/server';
import type { GatewayBounds } from '../../src/http/bounds';
import {
  type RunningGateway,
  send,
  startGateway,
  TEST_CREDENTIALS,
  xmlTag,
} from '../helpers/gateway-harness';
import { parseRawResponse, rawRequest } from '../helpers/raw-http';

const running: RunningGateway[] = [];
afterAll(async () => {
  for (const gw of running) await gw.close();
});
async function gatewayWith(bounds: GatewayBounds): Promise<RunningGateway> {
  const gw = await startGateway({ bounds });
  running.push(gw);
  return gw;
}

/** Opens a connection, writes `head`, then writes each later piece after its delay; resolves with everything read until close. */
function slowClient(
  port: number,
  head: string,
  pieces: Array<[delayMs: number, bytes: string]>,
  timeoutMs = 8000,
) {
  return new Promise<{ data: string; elapsed: number }>((resolve) => {
    const started = Date.now();
    let data = '';
    const socket = net.connect(port, '127.0.0.1', async () => {
      socket.write(head);
      for (const [delay, bytes] of pieces) {
        await new Promise((r) => setTimeout(r, delay));
        if (socket.destroyed) return;
        socket.write(bytes);
      }
    });
    socket.on('data', (c: Buffer) => {
      data += c.toString('latin1');
    });
    socket.on('error', () => undefined);
    socket.on('close', () => resolve({ data, elapsed: Date.now() - started }));
    socket.setTimeout(timeoutMs, () => socket.destroy());
  });
}

const putHead = (length: number, key = 'slow.bin') =>
  `PUT /example-bucket/${key} HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: ${length}\r\n\r\n`;

describe('bounded resources (createGateway bounds)', () => {
  it('cuts off a body that stops arriving with RequestTimeout, and the upstream never completes it', async () => {
    const gw = await gatewayWith({ bodyIdleTimeoutMs: 300 });
    const { data, elapsed } = await slowClient(gw.port, putHead(1000), [[10, 'x'.repeat(10)]]);
    const answer = parseRawResponse(data);
    expect([answer?.status, xmlTag(answer!.body, 'Code')]).toEqual([400, 'RequestTimeout']);
    expect(elapsed).toBeLessThan(3000);
    await new Promise((r) => setTimeout(r, 100));
    expect(gw.upstream.completed()).toHaveLength(0);
  });

  it('cuts off a body that trickles below the minimum rate', async () => {
    const gw = await gatewayWith({ bodyIdleTimeoutMs: 400, minBodyBytesPerSecond: 1000 });
    const trickle = Array.from({ length: 40 }, () => [50, 'x'] as [number, string]);
    const { data, elapsed } = await slowClient(gw.port, putHead(1000), trickle);
    expect(xmlTag(parseRawResponse(data)!.body, 'Code')).toBe('RequestTimeout');
    expect(elapsed).toBeLessThan(1800);
    expect(gw.upstream.completed()).toHaveLength(0);
  });

  it('does not count the time an upstream that reads slowly holds the gateway back', async () => {
    // An upstream that stops reading for twice the idle timeout, then takes everything.
    const stalled = http.createServer((req, res) => {
      req.pause();
      setTimeout(() => {
        let bytes = 0;
        req.on('data', (c: Buffer) => {
          bytes += c.length;
        });
        req.on('end', () => res.end(String(bytes)));
        req.resume();
      }, 1200);
    });
    await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', () => resolve()));
    const { server } = createGatewayServer({
      endpoint: `http://127.0.0.1:${(stalled.address() as net.AddressInfo).port}`,
      credentials: TEST_CREDENTIALS,
      bounds: { bodyIdleTimeoutMs: 500, minBodyBytesPerSecond: 1_000_000 },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const size = 16 * 1024 * 1024;
      const res = await send(
        (server.address() as net.AddressInfo).port,
        'PUT',
        '/example-bucket/big.bin',
        {},
        Buffer.alloc(size, 1),
      );
      expect([res.status, res.body]).toEqual([200, String(size)]);
    } finally {
      server.closeAllConnections();
      stalled.closeAllConnections();
      await new Promise((r) => server.close(r));
      await new Promise((r) => stalled.close(r));
    }
  });

  it('answers a client too slow to send its headers with RequestTimeout in OSS form', async () => {
    const { server } = createGatewayServer({
      endpoint: 'http://127.0.0.1:9',
      credentials: TEST_CREDENTIALS,
      bounds: { headersTimeoutMs: 400 },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { data, elapsed } = await slowClient(
        (server.address() as net.AddressInfo).port,
        'GET /example-bucket/a HTTP/1.1\r\nHost',
        [],
      );
      const answer = parseRawResponse(data);
      expect([answer?.status, answer?.headers['content-type'], xmlTag(answer!.body, 'Code')]).toEqual([
        400,
        'application/xml',
        'RequestTimeout',
      ]);
      expect(elapsed).toBeLessThan(2500);
    } finally {
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
    }
  });

  it('closes a keep-alive connection after maxRequestsPerConnection requests', async () => {
    const gw = await gatewayWith({ maxRequestsPerConnection: 2 });
    const request = 'GET /example-bucket/a.txt HTTP/1.1\r\nHost: x\r\n\r\n';
    const { data } = await slowClient(gw.port, request, [
      [50, request],
      [50, request],
    ]);
    const answers = data.split(/(?=HTTP\/1\.1 )/);
    expect(answers).toHaveLength(2);
    expect(answers[0]).toMatch(/Connection: keep-alive/i);
    expect(answers[1]).toMatch(/Connection: close/i);
  });

  it('answers 503 ActiveRequestLimitExceeded past maxConcurrentUploads', async () => {
    const gw = await gatewayWith({ maxConcurrentUploads: 1, bodyIdleTimeoutMs: 2000 });
    const first = slowClient(gw.port, putHead(100, 'one.bin'), [[800, 'x'.repeat(100)]]);
    await new Promise((r) => setTimeout(r, 200));
    const second = await send(gw.port, 'PUT', '/example-bucket/two.bin', {}, 'y');
    expect([second.status, xmlTag(second.body, 'Code')]).toEqual([503, 'ActiveRequestLimitExceeded']);
    expect(parseRawResponse((await first).data)?.status).toBe(200);
    expect((await send(gw.port, 'PUT', '/example-bucket/three.bin', {}, 'z')).status).toBe(200);
  });

  it('enforces maxUploadBytes on declared and on chunked bodies', async () => {
    const gw = await gatewayWith({ maxUploadBytes: 1000 });
    const declared = await send(gw.port, 'PUT', '/example-bucket/big.bin', {}, Buffer.alloc(1001));
    expect([declared.status, xmlTag(declared.body, 'Code')]).toEqual([400, 'EntityTooLarge']);
    expect((await send(gw.port, 'PUT', '/example-bucket/ok.bin', {}, Buffer.alloc(1000))).status).toBe(200);
    const before = gw.upstream.requests.length;
    const chunk = `${(600).toString(16)}\r\n${'c'.repeat(600)}\r\n`;
    const answer = await rawRequest(
      gw.port,
      `PUT /example-bucket/chunked.bin HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n${chunk}${chunk}${chunk}0\r\n\r\n`,
    );
    expect([answer?.status, xmlTag(answer!.body, 'Code')]).toEqual([400, 'EntityTooLarge']);
    await new Promise((r) => setTimeout(r, 100));
    expect(gw.upstream.requests.slice(before).every((r) => !r.complete)).toBe(true);
  });

  it('checks limits when the gateway is created, naming the setting', () => {
    const base = { endpoint: 'http://127.0.0.1:1' };
    expect(() => createGateway({ ...base, bounds: { bodyIdleTimeoutMs: 0 } })).toThrow(
      /"bounds.bodyIdleTimeoutMs"/,
    );
    expect(() => createGateway({ ...base, bounds: { maxUploadBytes: 6 * 1024 ** 3 } })).toThrow(
      /cannot exceed/,
    );
    expect(() => createGateway({ ...base, bounds: { bodyIdleTimeout: 1 } as never })).toThrow(
      /Did you mean "bodyIdleTimeoutMs"/,
    );
    expect(createGateway(base).bounds.maxUploadBytes).toBe(5 * 1024 ** 3);
  });
});
