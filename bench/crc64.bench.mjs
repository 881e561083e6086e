// CRC-64/ECMA-182 throughput: oss-preflight's pure-TypeScript implementation against the npm packages
// crc64-ecma182 (native addon) and crc64-ecma182.js (WebAssembly), when they are installed in a scratch
// directory (never in the project):
//
//   npm install --prefix /tmp/crc-cmp crc64-ecma182 crc64-ecma182.js
//   node bench/crc64.bench.mjs [--mib 256] [--runs 7] [--cmp /tmp/crc-cmp]
//
// The library is not built here: src/integrity/crc64.ts is transpiled on the fly with the project's
// `typescript` package into a temporary .mjs file, so the numbers always describe the current source.
import { randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1];
}
const MIB = Number(option('mib', '256'));
const RUNS = Number(option('runs', '7'));
const CMP_DIR = option('cmp', process.env.CRC_CMP_DIR ?? '/tmp/crc-cmp');

async function loadImplementation() {
  const source = fs.readFileSync(path.join(root, 'src/integrity/crc64.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'crc64-bench-'));
  const file = path.join(dir, 'crc64.mjs');
  fs.writeFileSync(file, outputText);
  try {
    return await import(pathToFileURL(file).href);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function loadComparison(name) {
  try {
    return createRequire(path.join(CMP_DIR, 'package.json'))(name);
  } catch (err) {
    console.error(`(skipping ${name}: ${err.code ?? err.message})`);
    return undefined;
  }
}

/** Best and median throughput in GB/s (10^9 bytes per second) over RUNS timed calls, after one warm-up. */
function measure(fn, bytes) {
  let result = fn();
  const rates = [];
  for (let r = 0; r < RUNS; r++) {
    const start = process.hrtime.bigint();
    result = fn();
    const ns = Number(process.hrtime.bigint() - start);
    rates.push(bytes / ns);
  }
  rates.sort((a, b) => b - a);
  return { best: rates[0], median: rates[Math.floor(rates.length / 2)], result: String(result) };
}

function chunked(buf, size) {
  const chunks = [];
  for (let off = 0; off < buf.length; off += size) chunks.push(buf.subarray(off, off + size));
  return chunks;
}

const lib = await loadImplementation();
const native = loadComparison('crc64-ecma182');
const wasm = loadComparison('crc64-ecma182.js');

const data = Buffer.allocUnsafeSlow(MIB * 1024 * 1024 + 1);
randomFillSync(data);
const aligned = data.subarray(0, MIB * 1024 * 1024);
const unaligned = data.subarray(1);
const KiB64 = chunked(aligned, 64 * 1024);
const KiB16 = chunked(aligned, 16 * 1024);
// crc64-ecma182.js copies its input into a fixed 16 MiB WebAssembly heap and aborts on anything larger.
const MiB4 = chunked(aligned, 4 * 1024 * 1024);

const cases = [
  ['oss-preflight `crc64(buf)`, one call', () => lib.crc64(aligned)],
  ['oss-preflight `crc64(buf)`, buffer offset 1 (unaligned)', () => lib.crc64(unaligned), unaligned.length],
  [
    'oss-preflight `Crc64#update`, 64 KiB chunks',
    () => {
      const h = new lib.Crc64();
      for (const c of KiB64) h.update(c);
      return h.digest();
    },
  ],
  [
    'oss-preflight `Crc64#update`, 16 KiB chunks',
    () => {
      const h = new lib.Crc64();
      for (const c of KiB16) h.update(c);
      return h.digest();
    },
  ],
];
if (native) {
  cases.push([
    'crc64-ecma182 (native addon), one call',
    () => BigInt(native.toUInt64String(native.crc64(aligned))),
  ]);
}
if (wasm) {
  cases.push([
    'crc64-ecma182.js (WebAssembly), 4 MiB chunks',
    () => {
      let prev = '0';
      for (const c of MiB4) prev = wasm.crc64(c, prev);
      return BigInt(prev);
    },
  ]);
}

const expected = lib.crc64(aligned).toString();
const rows = [];
for (const [name, fn, bytes = aligned.length] of cases) {
  const { best, median, result } = measure(fn, bytes);
  const ok = name.includes('unaligned')
    ? result === lib.crc64(Buffer.from(unaligned)).toString()
    : result === expected;
  if (!ok) throw new Error(`${name} disagrees: ${result} vs ${expected}`);
  rows.push(`| ${name} | ${best.toFixed(2)} | ${median.toFixed(2)} |`);
}

const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
console.log(`${MIB} MiB of random bytes, ${RUNS} runs per case after a warm-up; GB/s = 10^9 bytes/s.`);
console.log(
  `Node ${process.version} (V8 ${process.versions.v8}), ${cpu}, nproc ${os.availableParallelism()}.`,
);
// The cores may be shared with other work; a high load average explains a low median.
console.log(`Load average (1 min) at the end: ${os.loadavg()[0].toFixed(2)}.`);
console.log(`All results agree: ${expected} (0x${BigInt(expected).toString(16)}).\n`);
console.log('| Implementation | best GB/s | median GB/s |');
console.log('|---|---:|---:|');
for (const row of rows) console.log(row);
