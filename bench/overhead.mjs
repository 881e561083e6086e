// Requests per second of an Express app with the full preflight() against the same app without it,
// in one run (autocannon, alternating rounds). Usage: node bench/overhead.mjs
import autocannon from 'autocannon';
import { median, startChild, stop } from './lib.mjs';

const rounds = Number(process.env.ROUNDS ?? 3);
const duration = Number(process.env.DURATION ?? 5);
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
for (let i = 0; i < rounds; i++) {
  results.bare.push(await measure(bare.port));
  results.preflight.push(await measure(guarded.port));
}
await stop(bare.child);
await stop(guarded.child);
const b = median(results.bare);
const p = median(results.preflight);
console.log('| app | median req/s | ratio |');
console.log('| --- | --- | --- |');
console.log(`| Express, no validation | ${b.toFixed(0)} | 1.00 |`);
console.log(`| Express + preflight() | ${p.toFixed(0)} | ${(p / b).toFixed(3)} |`);
