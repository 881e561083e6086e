// limitRequests(): the Express middleware, over a listening server, on the memory store and on a real
// redis-server shared by two apps.
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { type LimitRequestsOptions, limitRequests, ossErrorHandler } from '../../src/index';
import { send, xmlTag } from '../helpers/gateway-harness';
import { type RedisServer, startRedis } from '../helpers/redis-server';

const servers: Server[] = [];
const closers: Array<() => Promise<void>> = [];
let redis: RedisServer;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => {
  for (const server of servers) server.close();
  for (const close of closers) await close();
  await redis?.close();
});

let reached = 0;
async function app(options: LimitRequestsOptions): Promise<number> {
  const limiter = limitRequests(options);
  closers.push(() => limiter.close());
  const application = express();
  application.use(limiter);
  application.use((req, res) => {
    reached++;
    req.resume();
    req.on('end', () => res.status(200).send(req.method === 'GET' ? 'y'.repeat(3000) : ''));
  });
  application.use(ossErrorHandler());
  const server = application.listen(0, '127.0.0.1');
  servers.push(server);
  await new Promise((resolve) => server.once('listening', resolve));
  return (server.address() as AddressInfo).port;
}

describe('limitRequests()', () => {
  it('answers OSS 503s with Retry-After before the app sees the request', async () => {
    const port = await app({ rules: [{ per: 'address', operations: ['read'], requestsPerSecond: 2 }] });
    reached = 0;
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await send(port, 'GET', `/example-bucket/o${i}`));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 503, 503]);
    expect(xmlTag(answers[2]!.body, 'Code')).toBe('TotalQpsLimitExceeded');
    expect(answers[2]!.headers['retry-after']).toBe('1');
    expect(reached).toBe(2);
    // Writes are another class, not limited here.
    expect((await send(port, 'PUT', '/example-bucket/w', {}, 'x')).status).toBe(200);
  });

  it('counts downloaded bytes after each request and refuses the next once the window is full', async () => {
    const port = await app({ rules: [{ per: 'bucket', downloadBytesPerSecond: 2000 }] });
    expect((await send(port, 'GET', '/example-bucket/a')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    const next = await send(port, 'GET', '/example-bucket/a');
    expect(next.status).toBe(503);
    expect(xmlTag(next.body, 'Code')).toBe('DownloadTrafficRateLimitExceeded');
  });

  it('shares one limit between two apps through Redis', async () => {
    const options: LimitRequestsOptions = {
      rules: [{ per: 'bucket', requestsPerSecond: 3 }],
      store: { redis: redis.url, keyPrefix: 'express-test:' },
    };
    const [one, two] = [await app(options), await app(options)];
    // Let both connections come up: a store not yet connected counts as down (and fails open).
    await new Promise((r) => setTimeout(r, 300));
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      statuses.push((await send(one, 'PUT', `/redis-bucket/k${i}`, {}, 'x')).status);
      statuses.push((await send(two, 'PUT', `/redis-bucket/k${i}`, {}, 'x')).status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(3);
    expect(statuses.filter((s) => s === 503)).toHaveLength(3);
  });

  it('refuses throttling, which needs the gateway', () => {
    expect(() =>
      limitRequests({ rules: [{ per: 'bucket', uploadBytesPerSecond: 1 }], bandwidth: 'throttle' }),
    ).toThrow(/needs|gateway/);
  });
});
