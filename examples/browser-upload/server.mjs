// Browser uploads with a POST policy: this backend serves the page and issues a signed policy per
// request (GET /policy); the page posts the file with those fields to "OSS" — here the oss-preflight
// gateway, which refuses a bad upload with OSS's own error before a byte of it is stored.
//
// Same origin, so the page can read the OSS XML error without CORS: the page posts to /upload on
// this server.
//   - Without GATEWAY_URL the gateway runs inside this process (in front of the offline development
//     stand-in) and /upload is handed to it directly: no extra hop, nothing buffered.
//   - With GATEWAY_URL (e.g. `npm start` in another terminal) /upload streams the form unchanged to
//     that gateway. Caveat: when the gateway refuses a large upload early and closes the connection,
//     Node's HTTP client may see the closed socket before the answer, and the page then gets 502.
// Against real OSS the page would post to https://<bucket>.oss-<region>.aliyuncs.com (set
// POLICY_HOST), and the bucket needs a CORS rule allowing POST from the page's origin.
//
// Env: HOST (127.0.0.1), PORT (8082; 0 = any free port), GATEWAY_URL, OSS_BUCKET (example-bucket),
// OSS_REGION (cn-hangzhou), OSS_ACCESS_KEY_ID / OSS_ACCESS_KEY_SECRET (the key policies are signed
// with; the gateway must know it to verify them), MAX_UPLOAD_BYTES (10 MiB), POLICY_HOST (/upload).
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import express from 'express';
import { startDevUpstream } from 'oss-preflight/dev-upstream';
import { createGateway } from 'oss-preflight/gateway';
import { postPolicyRoute } from 'oss-preflight/post';
import { credentialsFromEnv, DEV_CREDENTIALS } from '../shared/upstream.mjs';

const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT ?? 8082);
const bucket = process.env.OSS_BUCKET || 'example-bucket';
const region = process.env.OSS_REGION || 'cn-hangzhou';
const maxSize = Number(process.env.MAX_UPLOAD_BYTES || 10 * 1024 * 1024);
const publicDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'public');
const UPLOAD_PATH = '/upload';
// Path-style address of the bucket: POST /<bucket> is PostObject.
const BUCKET_PATH = `/${bucket}`;

let credentials = credentialsFromEnv();

const closers = [];
let forwardUpload;
let target;
if (process.env.GATEWAY_URL) {
  target = new URL(BUCKET_PATH, process.env.GATEWAY_URL);
  forwardUpload = (req, res) => proxy(target, req, res);
} else {
  // The demo key only ever signs for the local stand-in, which stores whatever the gateway lets through.
  credentials ??= DEV_CREDENTIALS;
  const dev = await startDevUpstream();
  closers.push(() => dev.close());
  const gateway = createGateway({ endpoint: dev.url, region, credentials });
  target = `the in-process gateway -> ${gateway.upstream.href}`;
  forwardUpload = (req, res) => {
    req.url = BUCKET_PATH;
    gateway.handle(req, res);
  };
  console.log(
    `No GATEWAY_URL: the gateway runs in-process in front of the DEVELOPMENT STAND-IN ${dev.url} (not OSS)`,
  );
}
if (!credentials) {
  console.error('Set OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET: the key the policies are signed with.');
  process.exit(1);
}

// Request headers the upload needs; cookies and the like stay here and never reach OSS.
const FORWARDED = ['content-type', 'content-length', 'transfer-encoding', 'content-md5', 'user-agent'];
const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection']);
// After an answer the rest of a refused upload is read and dropped so the browser sees the answer
// rather than a reset; past this many bytes the connection is cut instead.
const DRAIN_LIMIT = 64 * 1024 * 1024;

function drain(req) {
  let drained = 0;
  req.on('data', (chunk) => {
    drained += chunk.length;
    if (drained > DRAIN_LIMIT) req.destroy();
  });
  req.resume();
}

/** Streams the form to an external gateway and its answer back, both unchanged and unbuffered. */
function proxy(url, req, res) {
  const headers = { host: url.host };
  for (const name of FORWARDED) if (req.headers[name] !== undefined) headers[name] = req.headers[name];
  const upstream = http.request(url, { method: 'POST', headers });
  upstream.on('response', (answer) => {
    const relayed = {};
    for (const [name, value] of Object.entries(answer.headers))
      if (!HOP_BY_HOP.has(name)) relayed[name] = value;
    res.writeHead(answer.statusCode ?? 502, relayed);
    answer.pipe(res);
  });
  upstream.on('error', () => {
    // The gateway was unreachable, or it refused the upload early and closed the connection.
    req.unpipe(upstream);
    drain(req);
    if (!res.headersSent) {
      res.writeHead(502, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('The upload gateway did not answer.');
    }
  });
  // The browser went away: abort the upload so nothing half-sent is stored.
  res.on('close', () => {
    if (!res.writableFinished) upstream.destroy();
  });
  req.pipe(upstream);
}

const app = express();
app.disable('x-powered-by');
app.use(express.static(publicDir));
app.get(
  '/policy',
  postPolicyRoute({
    bucket,
    region,
    credentials,
    url: process.env.POLICY_HOST || UPLOAD_PATH,
    maxSize,
    expiresIn: 600,
    successActionStatus: 201,
    // One folder per user; a real backend takes the user from its session, not from a constant.
    perRequest: () => ({ keyPrefix: 'uploads/demo/' }),
  }),
);
app.post(UPLOAD_PATH, (req, res) => forwardUpload(req, res));

const server = app.listen(port, host, () => {
  console.log(
    `browser-upload example on http://${host}:${server.address().port} -> ${target} (max ${maxSize} bytes)`,
  );
});

const stop = () => {
  server.close();
  server.closeAllConnections?.();
  for (const close of closers) close();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
