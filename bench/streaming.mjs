// Streams large PUTs through a plain streaming proxy, the same proxy importing oss-preflight, and the
// gateway (unsigned requests, which it signs, and client-signed ones, whose signature it verifies),
// side by side in fresh processes. Usage: node bench/streaming.mjs [sizesMiB...]
// Env: RUNS (default 8), VARIANTS (comma list of: plain,control,import,gateway,signed), ALLOCATOR=tuned.
import http from 'node:http';
import { Readable } from 'node:stream';
import { signV4 } from 'oss-preflight/signing';
import { compareProxies } from './lib.mjs';

const sizes = (process.argv.slice(2).length ? process.argv.slice(2) : ['512', '2048']).map(Number);
const runs = Number(process.env.RUNS ?? 8);
// 64 KiB writes, as a browser or SDK sends them.
const chunk = Buffer.alloc(64 * 1024, 7);
// The key bench/gateway-process.mjs signs and verifies with.
const KEY = { accessKeyId: 'LTAI5tBenchKey', accessKeySecret: 'benchSecret' };

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

function put(port, totalBytes, signed) {
  return new Promise((resolve, reject) => {
    let headers = { 'content-length': String(totalBytes), 'content-type': 'application/octet-stream' };
    if (signed) {
      const request = { method: 'PUT', bucket: 'bench-bucket', key: 'big.bin', query: [], headers };
      headers = { ...headers, ...signV4(request, KEY, { region: 'cn-hangzhou' }) };
    }
    const started = process.hrtime.bigint();
    const req = http.request(
      { host: '127.0.0.1', port, method: 'PUT', path: '/bench-bucket/big.bin', headers },
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

const file = (name) => new URL(name, import.meta.url).pathname;
const all = {
  plain: { name: 'plain proxy', file: file('./plain-proxy.mjs'), signed: false },
  // A second plain proxy: the spread between two identical proxies is the noise band of this machine.
  control: { name: 'plain proxy (control)', file: file('./plain-proxy.mjs'), signed: false },
  import: { name: 'plain proxy + import', file: file('./plain-proxy.mjs'), args: ['import'], signed: false },
  gateway: { name: 'gateway, unsigned', file: file('./gateway-process.mjs'), signed: false },
  signed: { name: 'gateway, client-signed', file: file('./gateway-process.mjs'), signed: true },
};
const chosen = (process.env.VARIANTS ?? 'plain,import,gateway,signed').split(',').map((v) => all[v]);
if (chosen[0] !== all.plain || chosen.includes(undefined))
  throw new Error('VARIANTS: plain first, then control,import,gateway,signed');
// Which proxy a port belongs to decides whether the client signs.
const bySignedPort = new Map();
await compareProxies({
  variants: chosen,
  sizes,
  runs,
  label: 'Streamed PUT',
  send: (port, bytes) => put(port, bytes, bySignedPort.get(port) ?? false),
  onStart: (variant, port) => bySignedPort.set(port, variant.signed),
});
