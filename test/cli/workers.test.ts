// --workers: N processes on one port (node:cluster), metrics summed across them, a crashed worker
// replaced, the allocator setting in the workers' environment, drain applied to all.
import fs from 'node:fs';
import http from 'node:http';
import { afterAll, describe, expect, it } from '@jest/globals';
import { STREAMING_GLIBC_TUNABLES } from '../../src/cli/gateway-command';
import { freePort, killAll, startCli } from '../helpers/cli-process';
import { TEST_CREDENTIALS } from '../helpers/gateway-harness';
import { startRecordingUpstream } from '../helpers/recording-upstream';

afterAll(killAll);

const KEY = {
  OSS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
  OSS_ACCESS_KEY_SECRET: TEST_CREDENTIALS.accessKeySecret,
  OSS_REGION: 'cn-hangzhou',
};

/** One PUT on a fresh connection (so the cluster can hand it to any worker). */
function put(port: number, key: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method: 'PUT', path: `/example-bucket/${key}`, agent: false },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end('x');
  });
}

function get(port: number, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => {
          body += c.toString();
        });
        res.on('end', () => resolve(body));
      })
      .on('error', reject);
  });
}

function environOf(pid: number): string {
  return fs.readFileSync(`/proc/${pid}/environ`, 'latin1');
}

describe('--workers (real processes on one port)', () => {
  it('spreads requests over the workers, sums their metrics, replaces a crashed one and drains all', async () => {
    const upstream = await startRecordingUpstream(TEST_CREDENTIALS);
    const adminPort = await freePort();
    const gateway = await startCli(['gateway', '--workers', '2', '--admin-port', String(adminPort)], {
      ...KEY,
      OSS_ENDPOINT: upstream.url,
    });
    try {
      for (let i = 0; i < 30; i++) expect(await put(gateway.port, `k${i}`)).toBe(200);
      await gateway.waitFor((l) => l.msg === 'request' && l.key === 'k29');
      const pidsOf = () =>
        new Set(
          gateway
            .lines()
            .filter((l) => l.msg === 'request')
            .map((l) => l.pid),
        );
      const workers = [...pidsOf()] as number[];
      expect(workers).toHaveLength(2);
      expect(workers).not.toContain(gateway.child.pid);

      // Streaming-friendly allocator in the workers, not needed in the primary. (glibc reads the
      // setting at start-up and splits it in place at the colons: what /proc shows is what it parsed.)
      const parsed = `GLIBC_TUNABLES=${STREAMING_GLIBC_TUNABLES.replace(/:/g, '\0')}`;
      for (const pid of workers) expect(environOf(pid)).toContain(parsed);
      expect(environOf(gateway.child.pid!)).not.toContain('GLIBC_TUNABLES=');

      // Metrics summed across workers, on the gateway's port and on the admin port alike.
      const total = /oss_preflight_requests_total\{operation="PutObject",outcome="forwarded",code=""\} (\d+)/;
      expect(Number(total.exec(await get(gateway.port, '/-/metrics'))?.[1])).toBe(30);
      expect(Number(total.exec(await get(adminPort, '/-/metrics'))?.[1])).toBe(30);

      // A crashed worker is replaced; the gateway keeps serving meanwhile.
      process.kill(workers[0]!, 'SIGKILL');
      await gateway.waitFor((l) => l.msg === 'worker exited' && l.workerPid === workers[0]);
      const deadline = Date.now() + 10_000;
      let replacement: number | undefined;
      for (let i = 0; replacement === undefined && Date.now() < deadline; i++) {
        expect(await put(gateway.port, `after${i}`)).toBe(200);
        await new Promise((r) => setTimeout(r, 20));
        replacement = ([...pidsOf()] as number[]).find((pid) => !workers.includes(pid));
      }
      expect(replacement).toBeDefined();
      expect(environOf(replacement!)).toContain('GLIBC_TUNABLES=');

      // SIGTERM to the primary drains every worker, then everything exits 0.
      gateway.child.kill('SIGTERM');
      expect(await gateway.exited).toEqual({ code: 0, signal: null });
      for (const pid of [workers[1]!, replacement!]) expect(fs.existsSync(`/proc/${pid}`)).toBe(false);
    } finally {
      gateway.kill();
      await upstream.close();
    }
  });

  it('--allocator-tuning off leaves the workers environment as it was; a taken port stops start-up', async () => {
    const upstream = await startRecordingUpstream(TEST_CREDENTIALS);
    const gateway = await startCli(['gateway', '--workers', '1', '--allocator-tuning', 'off'], {
      ...KEY,
      OSS_ENDPOINT: upstream.url,
    });
    try {
      expect(await put(gateway.port, 'a')).toBe(200);
      const worker = (await gateway.waitFor((l) => l.msg === 'request')).pid as number;
      expect(environOf(worker)).not.toContain('GLIBC_TUNABLES=');
      // The same port again: the worker cannot listen, and the command says so and exits 1.
      const second = await startCli(
        ['gateway', '--workers', '1'],
        { ...KEY, OSS_ENDPOINT: upstream.url },
        {
          port: gateway.port,
          wait: false,
        },
      );
      expect((await second.exited).code).toBe(1);
      expect(second.output()).toMatch(/EADDRINUSE/);
      expect(second.output()).toMatch(/a worker failed to start/);
    } finally {
      gateway.kill();
      await upstream.close();
    }
  });
});
