// POSTs a 512 MiB and a 2 GiB file as a browser form (PostObject, V1 policy) through the gateway and
// through a plain streaming proxy side by side in fresh processes; reports MiB/s, CPU-seconds per GiB
// and their per-run ratios, and peak RSS. Usage: node bench/post.mjs [sizesMiB...]  (RUNS, ALLOCATOR)
import { createHmac } from 'node:crypto';
import http from 'node:http';
import { Readable } from 'node:stream';
import { compareProxies } from './lib.mjs';

const sizes = (process.argv.slice(2).length ? process.argv.slice(2) : ['512', '2048']).map(Number);
const runs = Number(process.env.RUNS ?? 8);
// The key bench/gateway-process.mjs signs and verifies with.
const AK = 'LTAI5tBenchKey';
const SK = 'benchSecret';
const chunk = Buffer.alloc(1024 * 1024, 7);

function form(fileBytes) {
  const boundary = '----ossPreflightBench';
  const policy = Buffer.from(
    JSON.stringify({
      expiration: new Date(Date.now() + 3_600_000).toISOString(),
      conditions: [
        ['content-length-range', 0, 3 * 1024 ** 3],
        ['starts-with', '$key', 'bench/'],
      ],
    }),
  ).toString('base64');
  const fields = {
    key: 'bench/big.bin',
    OSSAccessKeyId: AK,
    policy,
    Signature: createHmac('sha1', SK).update(policy).digest('base64'),
  };
  let head = '';
  for (const [name, value] of Object.entries(fields)) {
    head += `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  }
  head += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  const parts = [Buffer.from(head)];
  let sent = 0;
  const body = new Readable({
    read() {
      if (parts.length > 0) return this.push(parts.shift());
      if (sent >= fileBytes) {
        if (sent !== Number.POSITIVE_INFINITY) {
          sent = Number.POSITIVE_INFINITY;
          this.push(Buffer.from(tail));
        }
        return this.push(null);
      }
      const n = Math.min(chunk.length, fileBytes - sent);
      sent += n;
      this.push(n === chunk.length ? chunk : chunk.subarray(0, n));
    },
  });
  return {
    body,
    length: head.length + fileBytes + tail.length,
    type: `multipart/form-data; boundary=${boundary}`,
  };
}

function post(port, fileBytes) {
  return new Promise((resolve, reject) => {
    const { body, length, type } = form(fileBytes);
    const started = process.hrtime.bigint();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/bench-bucket',
        headers: { 'content-type': type, 'content-length': String(length) },
      },
      (res) => {
        res.resume();
        res.on('end', () => {
          if (res.statusCode >= 300) return reject(new Error(`status ${res.statusCode}`));
          resolve(Number(process.hrtime.bigint() - started) / 1e9);
        });
      },
    );
    req.on('error', reject);
    body.pipe(req);
  });
}

const file = (name) => new URL(name, import.meta.url).pathname;
await compareProxies({
  variants: [
    { name: 'plain proxy', file: file('./plain-proxy.mjs') },
    { name: 'gateway (PostObject)', file: file('./gateway-process.mjs') },
  ],
  sizes,
  runs,
  label: 'PostObject (browser form, V1 policy)',
  send: post,
});
