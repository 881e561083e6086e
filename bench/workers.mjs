// The `oss-preflight gateway` command with 1 and 2 workers, with and without its allocator setting,
// side by side in one run: requests per second (small signed PUTs, autocannon) and streamed MiB/s
// with CPU-seconds per GiB of all the command's processes (primary + workers, from /proc).
// Usage: node bench/workers.mjs   Env: RUNS (8), SIZE_MIB (512), STREAMS (4), DURATION (3 s),
// VARIANTS (comma list of 1,2,1-untuned,2-untuned,1-quiet). Logs at the default level (info).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import {
  concurrentUploads,
  median,
  processCounters,
  putRequestsPerSecond,
  startChild,
  stop,
} from './lib.mjs';

const runs = Number(process.env.RUNS ?? 8);
const sizeMiB = Number(process.env.SIZE_MIB ?? 512);
const streams = Number(process.env.STREAMS ?? 4);
const duration = Number(process.env.DURATION ?? 3);
const cli = new URL('../dist/cli.mjs', import.meta.url).pathname;
const all = {
  1: { name: '1 worker', args: ['--workers', '1'] },
  2: { name: '2 workers', args: ['--workers', '2'] },
  '1-untuned': {
    name: '1 worker, --allocator-tuning off',
    args: ['--workers', '1', '--allocator-tuning', 'off'],
  },
  '2-untuned': {
    name: '2 workers, --allocator-tuning off',
    args: ['--workers', '2', '--allocator-tuning', 'off'],
  },
  // What the per-request log line costs: the same as `1` without it.
  '1-quiet': { name: '1 worker, --log-level warn', args: ['--workers', '1', '--log-level', 'warn'] },
};
const variants = (process.env.VARIANTS ?? '1,2,1-untuned,2-untuned,1-quiet').split(',').map((v) => all[v]);

const freePort = () =>
  new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/** The command's processes: the primary and every process whose parent it is. */
function processTree(pid) {
  const pids = [pid];
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (ppid === pid) pids.push(Number(entry));
    } catch {
      // gone meanwhile
    }
  }
  return pids;
}

const cpuOf = (pids) => pids.reduce((sum, pid) => sum + processCounters(pid).cpu, 0);

async function startGateway(variant, upstreamPort) {
  const port = await freePort();
  const env = { ...process.env, PORT: String(port), OSS_ENDPOINT: `http://127.0.0.1:${upstreamPort}` };
  Object.assign(env, { OSS_ACCESS_KEY_ID: 'LTAI5tBenchKey', OSS_ACCESS_KEY_SECRET: 'benchSecret' });
  delete env.GLIBC_TUNABLES;
  const child = spawn(process.execPath, [cli, 'gateway', ...variant.args], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // The log lines go through a pipe, as to a log collector, and are read and dropped.
  child.stdout.resume();
  // Ready when the /-/readyz endpoint answers 200.
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
  const workers = Number(variant.args[1]);
  let pids = processTree(child.pid);
  while (pids.length < workers + 1) {
    await new Promise((r) => setTimeout(r, 50));
    pids = processTree(child.pid);
  }
  return { child, port, pids };
}

const stream = (port, totalBytes) => concurrentUploads(port, totalBytes, streams);

const upstream = await startChild(new URL('./sink-upstream.mjs', import.meta.url).pathname);
const rows = new Map(variants.map((v) => [v.name, { rps: [], mibs: [], cpu: [] }]));
const bytes = sizeMiB * 1024 * 1024;
for (let i = 0; i < runs; i++) {
  for (const variant of i % 2 === 0 ? variants : [...variants].reverse()) {
    const gateway = await startGateway(variant, upstream.port);
    await stream(gateway.port, 32 * 1024 * 1024); // warm-up
    const before = cpuOf(gateway.pids);
    const seconds = await stream(gateway.port, bytes);
    const cpu = cpuOf(gateway.pids) - before;
    const rps = (await putRequestsPerSecond(gateway.port, duration)).average;
    const row = rows.get(variant.name);
    row.rps.push(rps);
    row.mibs.push(sizeMiB / seconds);
    row.cpu.push(cpu / (bytes / 2 ** 30));
    await stop(gateway.child);
  }
}
await stop(upstream.child);
const spread = (xs) => `${Math.min(...xs).toFixed(0)}–${Math.max(...xs).toFixed(0)}`;
const spread2 = (xs) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;
console.log(
  `oss-preflight gateway: ${runs} runs, fresh processes, alternating order; ${sizeMiB} MiB streamed as ${streams} concurrent PUTs; req/s: 1 KiB PUTs signed by the gateway, 32 connections, ${duration} s\n`,
);
console.log(
  '| variant | req/s median (spread) | MiB/s median (spread) | CPU-s/GiB, all processes, median (spread) |',
);
console.log('| --- | --- | --- | --- |');
for (const v of variants) {
  const r = rows.get(v.name);
  console.log(
    `| ${v.name} | ${median(r.rps).toFixed(0)} (${spread(r.rps)}) | ${median(r.mibs).toFixed(0)} (${spread(r.mibs)}) | ${median(r.cpu).toFixed(2)} (${spread2(r.cpu)}) |`,
  );
}
if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify([...rows], null, 2));
