// Shared helpers for the benchmarks: child processes, peak RSS, a discarding upstream.
import { fork } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import { Readable } from 'node:stream';
import autocannon from 'autocannon';

/** Starts `file` as a child process and resolves with its reported port once it listens. */
export function startChild(file, args = [], env = {}) {
  return new Promise((resolve, reject) => {
    const child = fork(file, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (msg) => resolve({ child, port: msg.port }));
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
}

/** Peak resident set size of a process (VmHWM), in MiB. */
export function peakRssMiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

export function stop(child) {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** CPU-seconds (user + system) a process has used so far, and its minor page faults, from /proc. */
export function processCounters(pid) {
  const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = 100; // USER_HZ on Linux
  return { cpu: (Number(fields[11]) + Number(fields[12])) / ticks, minorFaults: Number(fields[7]) };
}

const spread = (xs) => `${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}`;

/**
 * glibc settings that keep the top of the heap instead of returning it to the kernel after every
 * batch of freed socket buffers (docs/benchmarks.md). `ALLOCATOR=tuned` starts every proxy with them.
 */
export const STREAMING_GLIBC_TUNABLES =
  'glibc.malloc.trim_threshold=536870912:glibc.malloc.top_pad=67108864:glibc.malloc.mmap_threshold=33554432';

/**
 * Sends the same uploads through several proxies side by side: the first variant is the baseline (the
 * plain streaming proxy). Every run starts a FRESH process per variant (a process tends to keep one
 * allocator behaviour for its whole life, so one process per variant would measure luck), warms it
 * up, then measures one upload; the order of the variants alternates between runs so that a host
 * whose speed drifts favours none. Per variant it reports median MiB/s and CPU-seconds per GiB of
 * the proxy process (from /proc, far steadier than MiB/s on a shared machine) with their spread, the
 * medians of the per-run ratios to the baseline, minor page faults per GiB and peak RSS.
 * `variants`: [{ name, file, args?, env? }], each `file` forked with (upstreamPort, ...args).
 * `send(port, bytes)` resolves with seconds; `onStart(variant, port)` tells it which proxy a port is.
 */
export async function compareProxies({ variants, sizes, runs, label, send, onStart, warmUpMiB = 32 }) {
  const upstream = await startChild(new URL('./sink-upstream.mjs', import.meta.url).pathname);
  const env = process.env.ALLOCATOR === 'tuned' ? { GLIBC_TUNABLES: STREAMING_GLIBC_TUNABLES } : {};
  const results = [];
  for (const sizeMiB of sizes) {
    const bytes = sizeMiB * 1024 * 1024;
    const per = new Map(variants.map((v) => [v.name, { mibs: [], cpu: [], faults: [], rss: 0 }]));
    const ratios = new Map(variants.map((v) => [v.name, { throughput: [], cpu: [] }]));
    for (let i = 0; i < runs; i++) {
      const run = new Map();
      for (const v of i % 2 === 0 ? variants : [...variants].reverse()) {
        const proxy = await startChild(v.file, [String(upstream.port), ...(v.args ?? [])], {
          ...env,
          ...v.env,
        });
        onStart?.(v, proxy.port);
        await send(proxy.port, warmUpMiB * 1024 * 1024);
        const before = processCounters(proxy.child.pid);
        const seconds = await send(proxy.port, bytes);
        const after = processCounters(proxy.child.pid);
        const gib = bytes / 2 ** 30;
        const m = { mibs: sizeMiB / seconds, cpu: (after.cpu - before.cpu) / gib };
        const r = per.get(v.name);
        r.mibs.push(m.mibs);
        r.cpu.push(m.cpu);
        r.faults.push((after.minorFaults - before.minorFaults) / gib);
        r.rss = Math.max(r.rss, peakRssMiB(proxy.child.pid));
        run.set(v.name, m);
        await stop(proxy.child);
      }
      const base = run.get(variants[0].name);
      for (const v of variants) {
        ratios.get(v.name).throughput.push(run.get(v.name).mibs / base.mibs);
        ratios.get(v.name).cpu.push(run.get(v.name).cpu / base.cpu);
      }
    }
    for (const v of variants) {
      const r = per.get(v.name);
      const q = ratios.get(v.name);
      results.push({
        sizeMiB,
        name: v.name,
        runs,
        mibPerSec: median(r.mibs),
        mibPerSecSpread: spread(r.mibs),
        cpuPerGiB: median(r.cpu),
        cpuPerGiBSpread: spread(r.cpu),
        throughputRatio: median(q.throughput),
        throughputRatioSpread: spread(q.throughput),
        cpuRatio: median(q.cpu),
        cpuRatioSpread: spread(q.cpu),
        minorFaultsPerGiB: median(r.faults),
        peakRssMiB: r.rss,
      });
    }
  }
  await stop(upstream.child);
  const tuned =
    process.env.ALLOCATOR === 'tuned' ? ', every proxy with GLIBC_TUNABLES (ALLOCATOR=tuned)' : '';
  console.log(`${label}: ${runs} runs per size, fresh processes, alternating order${tuned}\n`);
  console.log(
    '| size | proxy | MiB/s median (spread) | CPU-s/GiB median (spread) | per-run throughput ratio (spread) | per-run CPU ratio (spread) | minor faults/GiB | peak RSS MiB |',
  );
  console.log('| --- | --- | --- | --- | --- | --- | --- | --- |');
  for (const r of results) {
    console.log(
      `| ${r.sizeMiB} MiB | ${r.name} | ${r.mibPerSec.toFixed(0)} (${r.mibPerSecSpread.replace(/\.\d\d/g, '')}) | ${r.cpuPerGiB.toFixed(2)} (${r.cpuPerGiBSpread}) | ${r.throughputRatio.toFixed(2)} (${r.throughputRatioSpread}) | ${r.cpuRatio.toFixed(2)} (${r.cpuRatioSpread}) | ${Math.round(r.minorFaultsPerGiB)} | ${r.peakRssMiB.toFixed(0)} |`,
    );
  }
  if (process.env.BENCH_JSON) fs.writeFileSync(process.env.BENCH_JSON, JSON.stringify(results, null, 2));
  return results;
}

const uploadChunk = Buffer.alloc(64 * 1024, 7);

/** One unsigned PUT of `bytes` to the gateway on `port` (it signs it); resolves on a 200. */
function upload(port, bytes, key) {
  return new Promise((resolve, reject) => {
    let sent = 0;
    const body = new Readable({
      read() {
        if (sent >= bytes) return this.push(null);
        const n = Math.min(uploadChunk.length, bytes - sent);
        sent += n;
        this.push(n === uploadChunk.length ? uploadChunk : uploadChunk.subarray(0, n));
      },
    });
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path: `/bench-bucket/${key}`,
        headers: { 'content-length': String(bytes) },
        agent: false,
      },
      (res) => {
        res.resume();
        res.on('end', () =>
          res.statusCode === 200 ? resolve() : reject(new Error(`status ${res.statusCode}`)),
        );
      },
    );
    req.on('error', reject);
    body.pipe(req);
  });
}

/** `streams` concurrent uploads sharing `totalBytes`; seconds. */
export async function concurrentUploads(port, totalBytes, streams) {
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: streams }, (_, i) => upload(port, totalBytes / streams, `big-${i}.bin`)),
  );
  return Number(process.hrtime.bigint() - started) / 1e9;
}

/** autocannon against the gateway: 1 KiB PUTs, 32 connections, `duration` seconds. */
export async function putRequestsPerSecond(port, duration) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 32,
    duration,
    requests: [{ method: 'PUT', path: '/bench-bucket/small.txt', body: 'x'.repeat(1024) }],
  });
  if (result.non2xx > 0) throw new Error(`${result.non2xx} non-2xx responses`);
  return { average: result.requests.average, total: result.requests.total };
}
