// A redis-server of the test's own: a free port, a temporary directory, no persistence, stopped by
// its pid. scripts/install-test-deps.sh installs the Debian package; without it the test fails, never skips.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './cli-process';

export type RedisServer = {
  readonly port: number;
  readonly url: string;
  /** Stops the server (SIGKILL: as sudden as a crash); resolves once it has exited. */
  stop(): Promise<void>;
  /** Starts it again on the same port (empty: nothing is persisted). */
  restart(): Promise<void>;
  /** Stops it and removes its directory. */
  close(): Promise<void>;
};

function assertInstalled(): void {
  const found = spawnSync('redis-server', ['--version'], { encoding: 'utf8' });
  if (found.error !== undefined || found.status !== 0) {
    throw new Error(
      'redis-server is not installed: run `bash scripts/install-test-deps.sh` (npm test does it in pretest)',
    );
  }
}

export async function startRedis(): Promise<RedisServer> {
  assertInstalled();
  const port = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oss-preflight-redis-'));
  let child: ChildProcess | undefined;
  const launch = () =>
    new Promise<void>((resolve, reject) => {
      const proc = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child = proc;
      let output = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
      proc.stdout?.on('data', (d: Buffer) => {
        output += d.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}):\n${output}`));
      });
    });
  const stop = async () => {
    const proc = child;
    if (proc === undefined || proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((resolve) => proc.once('exit', resolve));
    proc.kill('SIGKILL');
    await exited;
  };
  await launch();
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    stop,
    restart: launch,
    close: async () => {
      await stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
