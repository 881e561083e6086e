// Requests per second of an Express app with the full preflight() against the same app without it,
// in one run (autocannon, alternating rounds). Usage: node bench/overhead.mjs
import autocannon from 'autocannon';
import { median, startChild, stop } from './lib.mjs';

// Many short alternating rounds: on a shared 2-core host the throughput drifts by ±10% between
// minutes, so each round's ratio (adjacent measurements) is robust where one long run is not.
const rounds = Number(process.env.ROUNDS ?? 12);
const duration = Number(process.env.DURATION ?? 3);
// A realistic upload-proxy request: a PUT with tagging, callback, metadata and encryption headers.
const callback = Buffer.from(
  JSON.stringify({
    callbackUrl: 'http://app.example.com/cb',
    // biome-ignore lint/suspicious/noTemplateCurlyInString: OSS callback variables, not a JS template
    callbackBody: 'bucket=${bucket}&object=${object}',
  }),
).toString('base64');
const request = {
  method: 'PUT',
  path: '/example-bucket/uploads/2026/photo%20001.jpg',
  headers: {
    'content-type': 'image/jpeg',
    'x-oss-tagging': 'project=demo&stage=test',
    'x-oss-callback': callback,
    'x-oss-meta-author': 'alice',
    'x-oss-server-side-encryption': 'AES256',
    'x-oss-object-acl': 'private',
    'x-oss-storage-class': 'Standard',
  },
  body: 'hello',
};

async function measure(port) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections: 32,
    pipelining: 1,
    duration,
    requests: [request],
  });
  if (result.non2xx > 0) throw new Error(`${result.non2xx} non-2xx responses`);
  return result.requests.average;
}

const app = new URL('./express-app.mjs', import.meta.url).pathname;
const bare = await startChild(app, ['bare']);
const guarded = await startChild(app, ['preflight']);
const results = { bare: [], preflight: [] };
const ratios = [];
await measure(bare.port); // warm-up for both apps, not counted
await measure(guarded.port);
for (let i = 0; i < rounds; i++) {
  // Alternate which app goes first so a drifting host favours neither.
  const first = i % 2 === 0 ? 'bare' : 'preflight';
  const a = await measure(first === 'bare' ? bare.port : guarded.port);
  const b = await measure(first === 'bare' ? guarded.port : bare.port);
  const [rb, rp] = first === 'bare' ? [a, b] : [b, a];
  results.bare.push(rb);
  results.preflight.push(rp);
  ratios.push(rp / rb);
}
await stop(bare.child);
await stop(guarded.child);
const b = median(results.bare);
const p = median(results.preflight);
console.log('| app | median req/s | ratio |');
console.log('| --- | --- | --- |');
console.log(`| Express, no validation | ${b.toFixed(0)} | 1.00 |`);
console.log(`| Express + preflight() | ${p.toFixed(0)} | ${median(ratios).toFixed(3)} |`);
const sorted = [...ratios].sort((x, y) => x - y);
console.log(
  `\nper-round ratios: median ${median(ratios).toFixed(3)}, min ${sorted[0].toFixed(3)}, max ${sorted.at(-1).toFixed(3)} (${rounds} rounds of ${duration} s)`,
);
