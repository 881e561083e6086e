// Streamed uploads with Content-MD5 and x-oss-hash-crc64ecma verified in line, against the plain streaming
// proxy, in one run: rounds alternate between the proxies so that a noisy neighbour hurts all of them alike.
// Usage: node bench/integrity.mjs [sizesMiB...]   (default 512; RUNS=5, VARIANTS=plain,none,worker,inline)
//   plain  bench/plain-proxy.mjs: pipe in, pipe out
//   none   the gateway path (parse, head rules, forward()) for the same request without body checks
//   worker the gateway path with the checks as shipped: MD5 on a worker thread, CRC-64 on the event loop
//          (createGateway() itself once src/gateway/gateway.ts wires createBodyChecks)
//   inline the gateway path with the checks, MD5 and CRC-64 both on the event loop
// Every client sends the same deterministic body with its Content-MD5 and CRC-64 computed beforehand.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { buildIntegrityBundle, gatewayWiresBodyChecks } from './integrity-build.mjs';
import { median, peakRssMiB, startChild, stop } from './lib.mjs';

const MiB = 1024 * 1024;
const sizes = (process.argv.slice(2).length ? process.argv.slice(2) : ['512']).map(Number);
const runs = Number(process.env.RUNS ?? 5);
const variants = (process.env.VARIANTS ?? 'plain,none,worker,inline').split(',');
const cores = os.cpus().length;

/** One deterministic 1 MiB block (xorshift32), repeated: the digests below are those of what is sent. */
const block = Buffer.alloc(MiB);
{
  let x = 0x9e3779b9;
  for (let i = 0; i < MiB; i += 4) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    block.writeUInt32LE(x >>> 0, i);
  }
}

function body(totalBytes) {
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= totalBytes) return this.push(null);
      const n = Math.min(MiB, totalBytes - sent);
      sent += n;
      this.push(n === MiB ? block : block.subarray(0, n));
    },
  });
}

async function digests(totalBytes, Crc64) {
  const md5 = createHash('md5');
  const crc = new Crc64();
  for await (const chunk of body(totalBytes)) {
    md5.update(chunk);
    crc.update(chunk);
  }
  return { 'content-md5': md5.digest('base64'), 'x-oss-hash-crc64ecma': crc.digestDecimal() };
}

function put(port, totalBytes, headers) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method: 'PUT',
        path: '/bench-bucket/big.bin',
        headers: {
          'content-length': String(totalBytes),
          'content-type': 'application/octet-stream',
          ...headers,
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          if (res.statusCode !== 200)
            return reject(new Error(`status ${res.statusCode}: ${Buffer.concat(chunks)}`));
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

/** CPU seconds (user + system, every thread) a process has used so far. */
function cpuSeconds(pid) {
  const fields = fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

const ownCpu = () => {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
};

/** Busy and total CPU ticks of the whole machine (/proc/stat). */
function machineTicks() {
  const [, ...fields] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const values = fields.map(Number);
  const total = values.reduce((a, b) => a + b, 0);
  return { busy: total - (values[3] ?? 0) - (values[4] ?? 0), total };
}

/**
 * The machine may be shared (other jobs come and go): before each upload wait, up to QUIET_WAIT seconds,
 * for a second in which less than a fifth of a core is busy, so that every proxy is measured in the same
 * conditions. What the rest of the machine used during each upload is reported.
 */
async function waitForQuiet() {
  const deadline = Date.now() + Number(process.env.QUIET_WAIT ?? 60) * 1000;
  while (Date.now() < deadline) {
    const a = machineTicks();
    await new Promise((r) => setTimeout(r, 1000));
    const b = machineTicks();
    if (((b.busy - a.busy) / (b.total - a.total)) * cores < 0.2) return;
  }
}

const bundle = await buildIntegrityBundle();
const { Crc64 } = await import(pathToFileURL(bundle).href);
// Once the gateway wires the checks, the `worker` row is createGateway() itself (MD5 placement `auto`).
const wired = gatewayWiresBodyChecks();
const here = (file) => new URL(file, import.meta.url).pathname;
const loadBefore = os.loadavg();

const rows = [];
for (const sizeMiB of sizes) {
  const bytes = sizeMiB * MiB;
  const headers = await digests(bytes, Crc64);
  const warmHeaders = await digests(64 * MiB, Crc64);
  const upstream = await startChild(here('./sink-upstream.mjs'));
  const proxies = [];
  for (const variant of variants) {
    const mode = variant === 'worker' ? (wired ? 'gateway' : 'auto') : variant;
    const proxy =
      variant === 'plain'
        ? await startChild(here('./plain-proxy.mjs'), [String(upstream.port)])
        : await startChild(here('./gateway-integrity-process.mjs'), [String(upstream.port), bundle, mode]);
    // One warm-up upload: JIT, worker start-up, socket buffers.
    await put(proxy.port, 64 * MiB, warmHeaders);
    proxies.push({ variant, ...proxy, times: [], proxyCpu: 0, pipelineCpu: 0, others: [] });
  }
  for (let r = 0; r < runs; r++) {
    for (const proxy of proxies) {
      await waitForQuiet();
      const before = {
        proxy: cpuSeconds(proxy.child.pid),
        sink: cpuSeconds(upstream.child.pid),
        client: ownCpu(),
      };
      const machine = machineTicks();
      const seconds = await put(proxy.port, bytes, headers);
      const after = machineTicks();
      const proxyCpu = cpuSeconds(proxy.child.pid) - before.proxy;
      const pipelineCpu = proxyCpu + cpuSeconds(upstream.child.pid) - before.sink + ownCpu() - before.client;
      const ticksPerSecond = (after.total - machine.total) / seconds / cores;
      const busySeconds = (after.busy - machine.busy) / ticksPerSecond;
      proxy.others.push(Math.max(0, busySeconds - pipelineCpu) / seconds);
      proxy.times.push(seconds);
      proxy.proxyCpu += proxyCpu;
      proxy.pipelineCpu += pipelineCpu;
    }
  }
  for (const proxy of proxies) {
    const gib = (runs * sizeMiB) / 1024;
    rows.push({
      sizeMiB,
      variant: proxy.variant,
      mibPerSec: sizeMiB / median(proxy.times),
      rss: peakRssMiB(proxy.child.pid),
      proxyCpu: proxy.proxyCpu / gib,
      pipelineCpu: proxy.pipelineCpu / gib,
      times: proxy.times,
      others: Math.max(...proxy.others),
    });
    await stop(proxy.child);
  }
  await stop(upstream.child);
}

/** CPU-seconds per GiB of each hash alone, in this process: the floor for the checks' extra cost. */
function hashCost(Crc64) {
  const gib = 0.5;
  const blocks = (gib * 1024 * MiB) / block.length;
  const time = (fn) => {
    const before = ownCpu();
    fn();
    return (ownCpu() - before) / gib;
  };
  const md5 = time(() => {
    const hash = createHash('md5');
    for (let i = 0; i < blocks; i++) hash.update(block);
    hash.digest();
  });
  const crc = time(() => {
    const c = new Crc64();
    for (let i = 0; i < blocks; i++) c.update(block);
    c.digest();
  });
  return { md5, crc, both: md5 + crc };
}
const hashes = hashCost(Crc64);

const cpu = os.cpus();
console.log(
  `node ${process.version}, ${cores} × ${cpu[0]?.model ?? '?'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ` +
    `${os.platform()} ${os.release()}; ${runs} alternating rounds; worker row = ${wired ? 'createGateway()' : 'forward() + createBodyChecks()'}`,
);
console.log(
  `load average before: ${loadBefore.map((l) => l.toFixed(2)).join(' ')}, after: ${os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
);
console.log(
  `hashes alone (this process, CPU-s per GiB): MD5 ${hashes.md5.toFixed(2)}, CRC-64 ${hashes.crc.toFixed(2)}, both ${hashes.both.toFixed(2)}`,
);
console.log(
  '| body | proxy | median MiB/s | ratio to plain | proxy CPU s/GiB | client+proxy+sink CPU s/GiB | ' +
    `CPU ceiling on ${cores} cores (MiB/s) | peak RSS (MiB) | runs (s) | most cores used by others |`,
);
console.log('| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |');
for (const r of rows) {
  const plain = rows.find((x) => x.sizeMiB === r.sizeMiB && x.variant === 'plain');
  const ratio = plain ? (r.mibPerSec / plain.mibPerSec).toFixed(2) : '-';
  const ceiling = (cores / r.pipelineCpu) * 1024;
  console.log(
    `| ${r.sizeMiB} MiB | ${r.variant} | ${r.mibPerSec.toFixed(0)} | ${ratio} | ${r.proxyCpu.toFixed(2)} | ` +
      `${r.pipelineCpu.toFixed(2)} | ${ceiling.toFixed(0)} | ${r.rss.toFixed(1)} | ` +
      `${r.times.map((t) => t.toFixed(2)).join(' ')} | ${r.others.toFixed(2)} |`,
  );
}
