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

const rows = [];
for (const sizeMiB of sizes) {
  const bytes = sizeMiB * 1024 * 1024;
  for (const name of ['plain proxy', 'oss-preflight gateway']) {
    const upstream = await startChild(new URL('./sink-upstream.mjs', import.meta.url).pathname);
    const file = name === 'plain proxy' ? './plain-proxy.mjs' : './gateway-process.mjs';
    const proxy = await startChild(new URL(file, import.meta.url).pathname, [String(upstream.port)]);
    const times = [];
    for (let i = 0; i < runs; i++) times.push(await put(proxy.port, bytes));
    const rss = peakRssMiB(proxy.child.pid);
    rows.push({ sizeMiB, name, mibPerSec: sizeMiB / median(times), rss });
    await stop(proxy.child);
    await stop(upstream.child);
  }
}
console.log('| body | proxy | median throughput (MiB/s) | ratio to plain | peak RSS of the proxy (MiB) |');
console.log('| --- | --- | --- | --- | --- |');
for (const r of rows) {
  const plain = rows.find((x) => x.sizeMiB === r.sizeMiB && x.name === 'plain proxy');
  console.log(
    `| ${r.sizeMiB} MiB | ${r.name} | ${r.mibPerSec.toFixed(0)} | ${(r.mibPerSec / plain.mibPerSec).toFixed(2)} | ${r.rss.toFixed(1)} |`,
  );
}
