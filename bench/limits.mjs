// What rate limits cost the gateway command (one process, --workers 0): no limits, limits on the
// memory store, limits on Redis (a redis-server this script starts on a free port and stops), side
// by side in one run, fresh processes, alternating order. Two limits are checked per request (per
// bucket: requests and upload bytes; per address: requests), set high so that nothing is refused:
// what is measured is the bookkeeping. Reports req/s (1 KiB PUTs, autocannon) and a streamed upload's
// MiB/s with the gateway's CPU-seconds per GiB (from /proc), plus the CPU-seconds per 10 000 requests.
// Usage: node bench/limits.mjs   Env: RUNS (8), SIZE_MIB (256), STREAMS (4), DURATION (3 s).
// Needs redis-server (bash scripts/install-test-deps.sh) and a build (npm run build).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import {
  concurrentUploads,
  median,
  processCounters,
  putRequestsPerSecond,
  startChild,
  stop,
} from './lib.mjs';

const runs = Number(process.env.RUNS ?? 8);
const sizeMiB = Number(process.env.SIZE_MIB ?? 256);
const streams = Number(process.env.STREAMS ?? 4);
const duration = Number(process.env.DURATION ?? 3);
const cli = new URL('../dist/cli.mjs', import.meta.url).pathname;

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oss-preflight-bench-limits-'));
const limitsFile = path.join(dir, 'limits.json');
fs.writeFileSync(
  limitsFile,
  JSON.stringify({
    rules: [
      { per: 'bucket', requestsPerSecond: 1_000_000_000, uploadBytesPerSecond: 1_000_000_000_000 },
      { per: 'address', requestsPerSecond: 1_000_000_000 },
    ],
  }),
);

async function startRedis() {
  const port = await freePort();
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--dir', dir, '--save', '', '--appendonly', 'no'],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      if (out.includes('Ready to accept connections')) resolve();
    });
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`redis-server exited (${code}): is it installed?`)));
  });
  child.stdout.resume();
  return { child, url: `redis://127.0.0.1:${port}` };
}

async function startGateway(variant, upstreamPort) {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), OSS_ENDPOINT: `http://127.0.0.1:${upstreamPort}` };
  Object.assign(env, { OSS_ACCESS_KEY_ID: 'LTAI5tBenchKey', OSS_ACCESS_KEY_SECRET: 'benchSecret' });
  Object.assign(env, variant.env);
  const child = spawn(process.execPath, [cli, 'gateway', '--workers', '0', '--log-level', 'warn'], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  child.stdout.resume();
  for (;;) {
    const ok = await new Promise((resolve) => {
      http
        .get({ host: '127.0.0.1', port, path: '/-/readyz', agent: false }, (res) => {
          res.resume();
          resolve(res.statusCode === 200);
        })
        .on('error', () => resolve(false));
    });
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return { child, port };
}

const stream = (port, totalBytes) => concurrentUploads(port, totalBytes, streams);

const redis = await startRedis();
const variants = [
  { name: 'no limits', env: {} },
  { name: 'limits, memory store', env: { GATEWAY_LIMITS: limitsFile } },
  { name: 'limits, Redis store', env: { GATEWAY_LIMITS: limitsFile, GATEWAY_LIMITS_REDIS_URL: redis.url } },
];
const upstream = await startChild(new URL('./sink-upstream.mjs', import.meta.url).pathname);
const rows = new Map(variants.map((v) => [v.name, { rps: [], cpuPer10k: [], mibs: [], cpu: [] }]));
const bytes = sizeMiB * 1024 * 1024;
for (let i = 0; i < runs; i++) {
  for (const variant of i % 2 === 0 ? variants : [...variants].reverse()) {
    const gateway = await startGateway(variant, upstream.port);
    const pid = gateway.child.pid;
    await stream(gateway.port, 32 * 1024 * 1024); // warm-up
    let before = processCounters(pid).cpu;
    const seconds = await stream(gateway.port, bytes);
    const streamCpu = processCounters(pid).cpu - before;
    before = processCounters(pid).cpu;
    const rps = await putRequestsPerSecond(gateway.port, duration);
    const rpsCpu = processCounters(pid).cpu - before;
    const row = rows.get(variant.name);
    row.rps.push(rps.average);
    row.cpuPer10k.push((rpsCpu / rps.total) * 10_000);
    row.mibs.push(sizeMiB / seconds);
    row.cpu.push(streamCpu / (bytes / 2 ** 30));
    await stop(gateway.child);
  }
}
await stop(upstream.child);
redis.child.kill('SIGTERM');
fs.rmSync(dir, { recursive: true, force: true });
const spread = (xs, digits = 0) => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)}`;
console.log(
  `oss-preflight gateway --workers 0: ${runs} runs, fresh processes, alternating order; req/s: 1 KiB PUTs signed by the gateway, 32 connections, ${duration} s; ${sizeMiB} MiB streamed as ${streams} concurrent PUTs\n`,
);
console.log(
  '| variant | req/s median (spread) | gateway CPU-s per 10 000 requests | MiB/s median (spread) | CPU-s/GiB median (spread) |',
);
console.log('| --- | --- | --- | --- | --- |');
for (const v of variants) {
  const r = rows.get(v.name);
  console.log(
    `| ${v.name} | ${median(r.rps).toFixed(0)} (${spread(r.rps)}) | ${median(r.cpuPer10k).toFixed(2)} (${spread(r.cpuPer10k, 2)}) | ${median(r.mibs).toFixed(0)} (${spread(r.mibs)}) | ${median(r.cpu).toFixed(2)} (${spread(r.cpu, 2)}) |`,
  );
}
if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify([...rows], null, 2));
