// Two real gateway processes (the command, one worker each) against one real redis-server: one limit
// shared between them, OSS's 503 on every refusal, and what happens when Redis stops mid-run.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { message } from '../helpers/catalogue';
import { type CliProcess, killAll, startCli } from '../helpers/cli-process';
import { TEST_CREDENTIALS, xmlTag } from '../helpers/gateway-harness';
import { type RecordingUpstream, startRecordingUpstream } from '../helpers/recording-upstream';
import { type RedisServer, startRedis } from '../helpers/redis-server';

const LIMIT = 20;
let redis: RedisServer;
let upstream: RecordingUpstream;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oss-preflight-limits-'));

beforeAll(async () => {
  redis = await startRedis();
  upstream = await startRecordingUpstream(TEST_CREDENTIALS);
});
afterAll(async () => {
  killAll();
  await redis?.close();
  await upstream?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

function limitsFile(name: string, document: unknown): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, JSON.stringify(document));
  return file;
}

function gateway(file: string): Promise<CliProcess> {
  return startCli(['gateway', '--workers', '0'], {
    OSS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
    OSS_ACCESS_KEY_SECRET: TEST_CREDENTIALS.accessKeySecret,
    OSS_REGION: 'cn-hangzhou',
    OSS_ENDPOINT: upstream.url,
    GATEWAY_LIMITS: file,
    GATEWAY_LIMITS_REDIS_URL: redis.url,
  });
}

type Answer = { status: number; body: string; retryAfter: string | undefined };

function put(port: number, agent: http.Agent, key: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'PUT', path: `/${key}`, agent }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          body,
          retryAfter: res.headers['retry-after'] as string | undefined,
        }),
      );
    });
    req.on('error', reject);
    req.end('x');
  });
}

/** `count` PUTs to `port`, `parallel` at a time. */
async function burst(port: number, bucket: string, count: number, parallel = 8): Promise<Answer[]> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: parallel });
  const answers: Answer[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: parallel }, async () => {
      while (next < count) {
        const i = next++;
        answers.push(await put(port, agent, `${bucket}/k${i}`));
      }
    }),
  );
  agent.destroy();
  return answers;
}

function metricsOf(port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: '/-/metrics', agent: false }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString();
        });
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}

describe('limits on Redis, shared by two gateway processes', () => {
  it('lets through at most the limit in sum across both, each refusal an OSS 503', async () => {
    const file = limitsFile('shared.json', { rules: [{ per: 'bucket', requestsPerSecond: LIMIT }] });
    const [a, b] = await Promise.all([gateway(file), gateway(file)]);
    const before = upstream.requests.length;
    const started = Date.now();
    const [fromA, fromB] = await Promise.all([
      burst(a.port, 'shared-bucket', 60),
      burst(b.port, 'shared-bucket', 60),
    ]);
    const elapsed = Date.now() - started;
    const all = [...fromA, ...fromB];
    const passed = all.filter((x) => x.status === 200).length;
    const refused = all.filter((x) => x.status === 503);
    // Fixed one-second windows: a run of `elapsed` ms touches at most ceil(elapsed / 1000) + 1 of them.
    const windows = Math.ceil(elapsed / 1000) + 1;
    expect(passed).toBeGreaterThanOrEqual(LIMIT);
    expect(passed).toBeLessThanOrEqual(LIMIT * windows);
    // Each process alone would have let LIMIT per window through: the sum is bounded by one limit,
    // not two (with 120 requests and both processes counting apart, 2 * LIMIT would pass per window).
    expect(fromA.some((x) => x.status === 200) && fromB.some((x) => x.status === 200)).toBe(true);
    expect(passed + refused.length).toBe(all.length);
    for (const answer of refused) {
      expect(xmlTag(answer.body, 'Code')).toBe('TotalQpsLimitExceeded');
      expect(xmlTag(answer.body, 'Message')).toBe(message('TotalQpsLimitExceeded.maxTotalQpsLimitExceeded'));
      expect(answer.retryAfter).toBe('1');
    }
    expect(upstream.requests.length - before).toBe(passed);
    // eslint-disable-next-line no-console
    console.log(
      `shared limit ${LIMIT}/s: ${passed} of ${all.length} passed in ${elapsed} ms (${windows} windows at most)`,
    );
    a.kill();
    b.kill();
  }, 60_000);

  it('when Redis stops mid-run: failOpen false answers 503 ServiceUnavailable, failOpen true lets through; both log and count it, and recover', async () => {
    const closedFile = limitsFile('closed.json', {
      rules: [{ per: 'bucket', requestsPerSecond: 1000 }],
      failOpen: false,
    });
    const openFile = limitsFile('open.json', {
      rules: [{ per: 'bucket', requestsPerSecond: 1000 }],
      failOpen: true,
    });
    const [closed, open] = await Promise.all([gateway(closedFile), gateway(openFile)]);
    const agent = new http.Agent({ keepAlive: true });
    expect((await put(closed.port, agent, 'mid-bucket/before')).status).toBe(200);
    expect((await put(open.port, agent, 'mid-bucket/before')).status).toBe(200);

    await redis.stop();
    const before = upstream.requests.length;
    const refused = await put(closed.port, agent, 'mid-bucket/down');
    expect(refused.status).toBe(503);
    expect(xmlTag(refused.body, 'Code')).toBe('ServiceUnavailable');
    expect(xmlTag(refused.body, 'Message')).toBe(message('ServiceUnavailable.threadPoolAlmostFullPlease'));
    expect(upstream.requests.length).toBe(before);
    expect((await put(open.port, agent, 'mid-bucket/down')).status).toBe(200);
    expect(upstream.requests.length).toBe(before + 1);

    await closed.waitFor((l) => l.msg === 'rate-limit store unavailable' && l.failOpen === false);
    await open.waitFor((l) => l.msg === 'rate-limit store unavailable' && l.failOpen === true);
    await closed.waitFor((l) => l.msg === 'request' && l.limitDecision === 'store-error' && l.status === 503);
    expect(await metricsOf(closed.port)).toMatch(
      /oss_preflight_limit_decisions_total\{limit="bucket",decision="store-error-closed"\} [1-9]/,
    );
    expect(await metricsOf(open.port)).toMatch(
      /oss_preflight_limit_decisions_total\{limit="bucket",decision="store-error-open"\} [1-9]/,
    );

    // Redis back: the gateways reconnect by themselves and decide again.
    await redis.restart();
    const deadline = Date.now() + 15_000;
    let status = 0;
    while (Date.now() < deadline) {
      status = (await put(closed.port, agent, 'mid-bucket/after')).status;
      if (status === 200) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    agent.destroy();
    closed.kill();
    open.kill();
  }, 60_000);
});
