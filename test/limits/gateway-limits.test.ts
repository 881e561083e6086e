// Limits in the gateway, memory store: OSS's own 503s with Retry-After, nothing upstream past a limit,
// bandwidth refused or throttled, option checks.
import { afterAll, describe, expect, it } from '@jest/globals';
import { createGateway } from '../../src/gateway/gateway';
import type { RateLimits } from '../../src/limits/types';
import { message } from '../helpers/catalogue';
import { type RunningGateway, send, startGateway, xmlTag } from '../helpers/gateway-harness';

const running: RunningGateway[] = [];
afterAll(async () => {
  for (const gw of running) await gw.close();
});
async function gatewayWith(limits: RateLimits): Promise<RunningGateway> {
  const gw = await startGateway({ limits });
  running.push(gw);
  return gw;
}

describe('request rates', () => {
  it('lets the limit through, answers the rest with TotalQpsLimitExceeded and Retry-After, forwards none of them', async () => {
    const gw = await gatewayWith({ rules: [{ per: 'bucket', requestsPerSecond: 3 }] });
    const answers = [];
    for (let i = 0; i < 6; i++) answers.push(await send(gw.port, 'PUT', `/example-bucket/k${i}`, {}, 'x'));
    const refused = answers.filter((a) => a.status === 503);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(3);
    expect(refused).toHaveLength(3);
    for (const answer of refused) {
      expect(xmlTag(answer.body, 'Code')).toBe('TotalQpsLimitExceeded');
      expect(xmlTag(answer.body, 'Message')).toBe(message('TotalQpsLimitExceeded.maxTotalQpsLimitExceeded'));
      expect(answer.headers['retry-after']).toBe('1');
    }
    expect(gw.upstream.requests).toHaveLength(3);
    // Another bucket has its own budget; after the window, the first has room again.
    expect((await send(gw.port, 'PUT', '/other-bucket/k', {}, 'x')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100));
    expect((await send(gw.port, 'PUT', '/example-bucket/again', {}, 'x')).status).toBe(200);
  });

  it('answers MetaOperationQpsLimitExceeded for meta operations, and a meta-only limit leaves objects alone', async () => {
    const gw = await gatewayWith({ rules: [{ per: 'address', operations: ['meta'], requestsPerSecond: 1 }] });
    expect((await send(gw.port, 'GET', '/example-bucket/?acl')).status).toBe(200);
    const second = await send(gw.port, 'GET', '/example-bucket/?acl');
    expect(second.status).toBe(503);
    expect(xmlTag(second.body, 'Code')).toBe('MetaOperationQpsLimitExceeded');
    expect(xmlTag(second.body, 'Message')).toBe(
      message('MetaOperationQpsLimitExceeded.qpsLimitMetaOperationExceeded'),
    );
    for (let i = 0; i < 3; i++)
      expect((await send(gw.port, 'GET', `/example-bucket/o${i}`)).status).toBe(200);
  });

  it('counts per identity from the hook', async () => {
    const gw = await gatewayWith({
      rules: [{ per: 'accessKey', requestsPerSecond: 1 }],
      identify: (req) => req.headers['x-tenant'] as string | undefined,
    });
    expect((await send(gw.port, 'GET', '/example-bucket/a', { 'x-tenant': 'one' })).status).toBe(200);
    expect((await send(gw.port, 'GET', '/example-bucket/a', { 'x-tenant': 'two' })).status).toBe(200);
    expect((await send(gw.port, 'GET', '/example-bucket/a', { 'x-tenant': 'one' })).status).toBe(503);
  });
});

describe('bandwidth', () => {
  it('refuses an upload midway once its window is full, so the upstream never completes it', async () => {
    const gw = await gatewayWith({ rules: [{ per: 'bucket', uploadBytesPerSecond: 1000 }] });
    const answer = await send(gw.port, 'PUT', '/example-bucket/big', {}, Buffer.alloc(5000, 1));
    expect(answer.status).toBe(503);
    expect(xmlTag(answer.body, 'Code')).toBe('UploadTrafficRateLimitExceeded');
    expect(xmlTag(answer.body, 'Message')).toBe(message('UploadTrafficRateLimitExceeded.reduceTraffic'));
    expect(answer.headers['retry-after']).toBe('1');
    expect(gw.upstream.completed()).toHaveLength(0);
    // The window is full: the next upload is refused before anything is read or forwarded.
    const next = await send(gw.port, 'PUT', '/example-bucket/small', {}, 'x');
    expect(xmlTag(next.body, 'Code')).toBe('UploadTrafficRateLimitExceeded');
    expect(gw.upstream.completed()).toHaveLength(0);
  });

  it('throttles an upload instead, by option: slower, whole, accepted', async () => {
    const gw = await gatewayWith({
      rules: [{ per: 'bucket', uploadBytesPerSecond: 40_000 }],
      bandwidth: 'throttle',
    });
    const body = Buffer.alloc(120_000, 7);
    const started = Date.now();
    const answer = await send(gw.port, 'PUT', '/example-bucket/slow', {}, body);
    const elapsed = Date.now() - started;
    expect(answer.status).toBe(200);
    expect(gw.upstream.completed()[0]?.body.equals(body)).toBe(true);
    // 120 kB at 40 kB/s in one-second windows: at least two full windows of waiting.
    expect(elapsed).toBeGreaterThanOrEqual(1900);
  });

  it('throttles a download, and refuses the next one in refuse mode once a download filled the window', async () => {
    const payload = Buffer.alloc(120_000, 3);
    const throttled = await gatewayWith({
      rules: [{ per: 'bucket', downloadBytesPerSecond: 40_000 }],
      bandwidth: 'throttle',
    });
    throttled.upstream.reply = () => ({ status: 200, body: payload });
    const started = Date.now();
    const answer = await send(throttled.port, 'GET', '/example-bucket/obj');
    expect(answer.status).toBe(200);
    expect(answer.body.length).toBe(payload.length);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1900);

    const refusing = await gatewayWith({ rules: [{ per: 'bucket', downloadBytesPerSecond: 40_000 }] });
    refusing.upstream.reply = () => ({ status: 200, body: payload });
    expect((await send(refusing.port, 'GET', '/example-bucket/obj')).status).toBe(200);
    const next = await send(refusing.port, 'GET', '/example-bucket/obj');
    expect(next.status).toBe(503);
    expect(xmlTag(next.body, 'Code')).toBe('DownloadTrafficRateLimitExceeded');
    expect(refusing.upstream.requests).toHaveLength(1);
  });
});

describe('option checks', () => {
  const make = (limits: unknown) => () =>
    createGateway({ endpoint: 'http://127.0.0.1:9', limits: limits as RateLimits });
  it('names the bad field and suggests the fix', () => {
    expect(make({ rules: [{ per: 'bukcet', requestsPerSecond: 1 }] })).toThrow(/Did you mean "bucket"/);
    expect(make({ rules: [{ per: 'bucket', requestsPerSecnd: 1 }] })).toThrow(
      /Did you mean "requestsPerSecond"/,
    );
    expect(make({ rules: [{ per: 'bucket' }] })).toThrow(/sets no rate/);
    expect(make({ rules: [{ per: 'bucket', operations: ['reed'], requestsPerSecond: 1 }] })).toThrow(
      /Did you mean "read"/,
    );
    expect(make({ rules: [], bandwidth: 'throtle' })).toThrow(/Did you mean "throttle"/);
    expect(make({ rules: [], store: { redis: 'http://x' } })).toThrow(/redis:\/\//);
    expect(make({ rules: [], failOpen: 'yes' })).toThrow(/failOpen/);
    expect(make({ rule: [] })).toThrow(/Did you mean "rules"/);
  });
});
