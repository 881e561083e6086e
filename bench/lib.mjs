// Shared helpers for the benchmarks: child processes, peak RSS, a discarding upstream.
import { fork } from 'node:child_process';
import fs from 'node:fs';

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

/**
 * Sends the same uploads through the plain streaming proxy and the gateway, side by side, alternating
 * which goes first in each run so a host whose speed drifts favours neither, and prints throughput,
 * the median per-run ratio and both processes' peak RSS. `send(port, bytes)` resolves with seconds.
 */
export async function compareWithPlainProxy({ sizes, runs, label, send }) {
  const file = (name) => new URL(name, import.meta.url).pathname;
  const upstream = await startChild(file('./sink-upstream.mjs'));
  const names = ['plain proxy', 'oss-preflight gateway'];
  const proxies = {
    'plain proxy': await startChild(file('./plain-proxy.mjs'), [String(upstream.port)]),
    'oss-preflight gateway': await startChild(file('./gateway-process.mjs'), [String(upstream.port)]),
  };
  const rows = [];
  for (const sizeMiB of sizes) {
    const times = { 'plain proxy': [], 'oss-preflight gateway': [] };
    const ratios = [];
    for (let i = 0; i < runs; i++) {
      for (const name of i % 2 === 0 ? names : [...names].reverse()) {
        times[name].push(await send(proxies[name].port, sizeMiB * 1024 * 1024));
      }
      ratios.push(times['plain proxy'].at(-1) / times['oss-preflight gateway'].at(-1));
    }
    for (const name of names) {
      const ratio = name === 'plain proxy' ? 1 : median(ratios);
      rows.push({ sizeMiB, name, mibPerSec: sizeMiB / median(times[name]), ratio });
    }
  }
  const rss = names.map((name) => `${name} ${peakRssMiB(proxies[name].child.pid).toFixed(1)} MiB`).join(', ');
  for (const p of Object.values(proxies)) await stop(p.child);
  await stop(upstream.child);
  console.log(`| ${label} | proxy | median throughput (MiB/s) | median per-run ratio to plain |`);
  console.log('| --- | --- | --- | --- |');
  for (const r of rows) {
    console.log(`| ${r.sizeMiB} MiB | ${r.name} | ${r.mibPerSec.toFixed(0)} | ${r.ratio.toFixed(2)} |`);
  }
  console.log(`\npeak RSS over all runs (VmHWM): ${rss}`);
}
