// From a packed tarball installed in an empty folder, `npx oss-preflight gateway` serves requests, as
// an operator's first try would. npm installs the dependencies from its cache when it has them.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { killAll, ROOT, startCli } from '../helpers/cli-process';
import { send, xmlTag } from '../helpers/gateway-harness';

afterAll(killAll);

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'oss-preflight-pack-'));
const app = path.join(work, 'app');
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

const npm = (args: string[], cwd: string) =>
  execFileSync('npm', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });

beforeAll(() => {
  // npm test has just built dist/; packing must not build again.
  const packed = JSON.parse(
    npm(['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT),
  ) as Array<{
    filename: string;
    files: Array<{ path: string }>;
  }>;
  const tarball = path.join(work, packed[0]!.filename);
  expect(packed[0]!.files.map((f) => f.path)).toContain('dist/cli.mjs');
  fs.mkdirSync(app);
  fs.writeFileSync(path.join(app, 'package.json'), '{ "name": "empty-app", "private": true }\n');
  npm(['install', '--prefer-offline', '--no-audit', '--no-fund', tarball], app);
}, 180_000);

describe('the packed package, installed in an empty folder', () => {
  it('npx oss-preflight --version', () => {
    const version = execFileSync('npx', ['--no', '--', 'oss-preflight', '--version'], {
      cwd: app,
      encoding: 'utf8',
    });
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version.trim()).toBe(pkg.version);
  });

  it('npx oss-preflight gateway serves requests (stand-in upstream); /-/ endpoints answer and are not forwarded', async () => {
    const gateway = await startCli(
      ['gateway', '--workers', '1'],
      {},
      {
        cwd: app,
        command: ['npx', '--no', '--', 'oss-preflight'],
      },
    );
    try {
      const { port } = gateway;
      for (const p of ['/-/healthz', '/-/readyz']) expect((await send(port, 'GET', p)).status).toBe(200);
      const metrics = await send(port, 'GET', '/-/metrics');
      expect(metrics.body).toContain('oss_preflight_requests_in_flight');
      expect((await send(port, 'PUT', '/example-bucket/hello.txt', {}, 'hello')).status).toBe(200);
      const got = await send(port, 'GET', '/example-bucket/hello.txt');
      expect([got.status, got.body]).toEqual([200, 'hello']);
      // The stand-in saw only the object requests: a key named like an endpoint is not there.
      const listing = await send(port, 'GET', '/example-bucket/?prefix=-');
      expect(listing.status).toBe(200);
      expect(listing.body).not.toContain('<Key>-/');
      const bad = await send(port, 'PUT', '/Bad_Bucket/x', {}, 'x');
      expect(xmlTag(bad.body, 'Code')).toBe('InvalidBucketName');
      await gateway.waitFor((l) => l.code === 'InvalidBucketName');
      expect(
        gateway
          .lines()
          .filter((l) => l.msg === 'request')
          .map((l) => l.operation),
      ).toEqual(['PutObject', 'GetObject', 'ListObjects', 'PutObject']);
    } finally {
      gateway.kill();
    }
  });
});
