// Streams large PUTs through the gateway and through a plain streaming proxy, in the same run,
// and reports throughput and the proxies' peak RSS. Usage: node bench/streaming.mjs [sizesMiB...]
import http from 'node:http';
import { Readable } from 'node:stream';
import { compareWithPlainProxy } from './lib.mjs';

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

await compareWithPlainProxy({ sizes, runs, label: 'body', send: put });
