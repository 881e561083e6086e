// Streams large PUTs through the gateway and through a plain streaming proxy, in the same run,
// and reports throughput and the proxies' peak RSS. Usage: node bench/streaming.mjs [sizesMiB...]
import http from 'node:http';
import { Readable } from 'node:stream';
import { median, peakRssMiB, startChild, stop } from './lib.mjs';

const sizes = (process.argv.slice(2).length ? process.argv.slice(2) : ['512', '2048']).map(Number);
const runs = Number(process.env.RUNS ?? 3);
const chunk = Buffer.alloc(1024 * 1024, 7);

function body(totalBytes) {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= totalBytes) return this.push(null);
      const n = Math.min(chunk.length, totalBytes - sent);
      sent += n;
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
}

function put(port, totalBytes) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path: '/bench-bucket/big.bin',
        headers: { 'content-length': String(totalBytes), 'content-type': 'application/octet-stream' },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
          if (Number(res.headers['x-bytes-received']) !== totalBytes)
            return reject(new Error('upstream got a different length'));
          resolve(Number(process.hrtime.bigint() - started) / 1e9);
        });
      },
    );
    req.on('error', reject);
    body(totalBytes).pipe(req);
  });
}

// Both proxies run side by side and each run alternates which goes first, so a host whose speed
// drifts (this 2-core machine is shared) favours neither; the ratio is the median of per-run ratios.
const upstream = await startChild(new URL('./sink-upstream.mjs', import.meta.url).pathname);
const proxies = {};
for (const [name, file] of [
  ['plain proxy', './plain-proxy.mjs'],
  ['oss-preflight gateway', './gateway-process.mjs'],
]) {
  proxies[name] = await startChild(new URL(file, import.meta.url).pathname, [String(upstream.port)]);
}
const rows = [];
for (const sizeMiB of sizes) {
  const bytes = sizeMiB * 1024 * 1024;
  const times = { 'plain proxy': [], 'oss-preflight gateway': [] };
  const ratios = [];
  for (let i = 0; i < runs; i++) {
    const order =
      i % 2 === 0 ? ['plain proxy', 'oss-preflight gateway'] : ['oss-preflight gateway', 'plain proxy'];
    for (const name of order) times[name].push(await put(proxies[name].port, bytes));
    ratios.push(times['plain proxy'].at(-1) / times['oss-preflight gateway'].at(-1));
  }
  for (const name of Object.keys(times)) {
    rows.push({
      sizeMiB,
      name,
      mibPerSec: sizeMiB / median(times[name]),
      ratio: name === 'plain proxy' ? 1 : median(ratios),
    });
  }
}
const rss = Object.fromEntries(Object.entries(proxies).map(([name, p]) => [name, peakRssMiB(p.child.pid)]));
for (const p of Object.values(proxies)) await stop(p.child);
await stop(upstream.child);
console.log('| body | proxy | median throughput (MiB/s) | median per-run ratio to plain |');
console.log('| --- | --- | --- | --- |');
for (const r of rows)
  console.log(`| ${r.sizeMiB} MiB | ${r.name} | ${r.mibPerSec.toFixed(0)} | ${r.ratio.toFixed(2)} |`);
console.log(
  `\npeak RSS over all runs (VmHWM): ${Object.entries(rss)
    .map(([n, v]) => `${n} ${v.toFixed(1)} MiB`)
    .join(', ')}`,
);
