// Graceful drain with real processes: SIGTERM during a slow upload lets it finish and reach the
// upstream whole; readiness turns off; a second signal exits at once; the deadline cuts off the rest.
import { createHash } from 'node:crypto';
import http from 'node:http';
import net from 'node:net';
import { afterAll, describe, expect, it } from '@jest/globals';
import { freePort, killAll, startCli } from '../helpers/cli-process';
import { TEST_CREDENTIALS } from '../helpers/gateway-harness';
import { startRecordingUpstream } from '../helpers/recording-upstream';

afterAll(killAll);

const KEY = {
  OSS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
  OSS_ACCESS_KEY_SECRET: TEST_CREDENTIALS.accessKeySecret,
  OSS_REGION: 'cn-hangzhou',
};

type SlowUpload = {
  body: Buffer;
  done: Promise<{ status: number } | { error: string }>;
  started: Promise<void>;
};

/** PUTs `chunks` × 64 KiB, one chunk every `gapMs`: a client on a slow link. */
function slowUpload(port: number, chunks: number, gapMs: number): SlowUpload {
  const body = Buffer.alloc(chunks * 64 * 1024);
  for (let i = 0; i < body.length; i += 4) body.writeUInt32LE(i, i);
  let markStarted: () => void = () => undefined;
  const started = new Promise<void>((resolve) => {
    markStarted = resolve;
  });
  const done = new Promise<{ status: number } | { error: string }>((resolve) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path: '/example-bucket/slow-upload.bin',
        headers: { 'content-length': String(body.length) },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
      },
    );
    req.on('error', (error) => resolve({ error: error.message }));
    let i = 0;
    const next = () => {
      if (req.destroyed) return;
      req.write(body.subarray(i * 65536, (i + 1) * 65536));
      if (i === 2) markStarted();
      if (++i === chunks) req.end();
      else setTimeout(next, gapMs);
    };
    next();
  });
  return { body, done, started };
}

function connects(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function status(port: number, path: string): Promise<number> {
  return new Promise((resolve) => {
    http
      .get({ host: '127.0.0.1', port, path, agent: false }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', () => resolve(0));
  });
}

describe('graceful drain (real processes, signals and sockets)', () => {
  it('SIGTERM during a slow upload: not ready, no new connections, the upload completes with 200 and reaches the upstream whole, exit 0', async () => {
    const upstream = await startRecordingUpstream(TEST_CREDENTIALS);
    const adminPort = await freePort();
    const gateway = await startCli(['gateway', '--workers', '1', '--admin-port', String(adminPort)], {
      ...KEY,
      OSS_ENDPOINT: upstream.url,
    });
    try {
      expect(await status(adminPort, '/-/readyz')).toBe(200);
      // 40 × 64 KiB, 50 ms apart: about 2 s of upload.
      const upload = slowUpload(gateway.port, 40, 50);
      await upload.started;
      const signalledAt = Date.now();
      gateway.child.kill('SIGTERM');
      await gateway.waitFor((l) => l.msg === 'draining');
      expect(await status(adminPort, '/-/readyz')).toBe(503);
      expect(await status(adminPort, '/-/healthz')).toBe(200);
      expect(await connects(gateway.port)).toBe(false);
      const result = await upload.done;
      expect(result).toEqual({ status: 200 });
      const stored = upstream.completed();
      expect(stored).toHaveLength(1);
      expect(stored[0]?.sha256).toBe(createHash('sha256').update(upload.body).digest('hex'));
      const exit = await gateway.exited;
      expect(exit).toEqual({ code: 0, signal: null });
      // It waited for the upload (about 1.5 s left when signalled), well within the 30 s default.
      expect(Date.now() - signalledAt).toBeGreaterThan(500);
      expect(gateway.lines().some((l) => l.msg === 'drained' && l.cutOff === 0)).toBe(true);
    } finally {
      gateway.kill();
      await upstream.close();
    }
  });

  it('a second signal exits at once', async () => {
    const upstream = await startRecordingUpstream(TEST_CREDENTIALS);
    const gateway = await startCli(['gateway', '--workers', '0'], { ...KEY, OSS_ENDPOINT: upstream.url });
    try {
      const upload = slowUpload(gateway.port, 100, 50);
      await upload.started;
      gateway.child.kill('SIGTERM');
      await gateway.waitFor((l) => l.msg === 'draining');
      const second = Date.now();
      gateway.child.kill('SIGINT');
      const exit = await gateway.exited;
      expect(exit.code).toBe(1);
      expect(Date.now() - second).toBeLessThan(2000);
      expect('error' in (await upload.done)).toBe(true);
      expect(upstream.completed()).toHaveLength(0);
    } finally {
      gateway.kill();
      await upstream.close();
    }
  });

  it('past the drain deadline the remaining connections are closed and the process exits 0', async () => {
    const upstream = await startRecordingUpstream(TEST_CREDENTIALS);
    const gateway = await startCli(['gateway', '--workers', '0', '--drain-timeout-ms', '600'], {
      ...KEY,
      OSS_ENDPOINT: upstream.url,
    });
    try {
      const upload = slowUpload(gateway.port, 100, 50);
      await upload.started;
      const signalledAt = Date.now();
      gateway.child.kill('SIGTERM');
      const exit = await gateway.exited;
      const took = Date.now() - signalledAt;
      expect(exit).toEqual({ code: 0, signal: null });
      expect(took).toBeGreaterThanOrEqual(550);
      expect(took).toBeLessThan(4000);
      expect('error' in (await upload.done)).toBe(true);
      expect(upstream.completed()).toHaveLength(0);
      expect(
        gateway.lines().find((l) => l.msg === 'drain deadline passed: connections closed'),
      ).toMatchObject({
        cutOff: 1,
      });
    } finally {
      gateway.kill();
      await upstream.close();
    }
  });
});
