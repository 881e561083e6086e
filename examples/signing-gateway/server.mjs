// A signing gateway: it holds the OSS key. Clients either ask POST /sign for a presigned URL or
// signed headers, or send their requests through the gateway unsigned; either way the same policy
// decides, for every object the request touches (copy sources and symlink targets included).
//
// Clients authenticate with `Authorization: Bearer <SIGN_TOKEN>` (required; make one with
// `openssl rand -hex 24`). This demo lets the token's holder read and write under user-uploads/ in
// one bucket, with URLs valid for at most ten minutes:
//   curl -H "Authorization: Bearer $SIGN_TOKEN" -H 'content-type: application/json' \
//     -d '{"method":"PUT","bucket":"example-bucket","key":"user-uploads/a.txt"}' http://127.0.0.1:8083/sign
//   -> {"url":"http://127.0.0.1:8083/example-bucket/user-uploads/a.txt?x-oss-..."}, then: curl -T a.txt "<url>"
// Env: PORT (default 8083), SIGN_TOKEN, OSS_ENDPOINT, OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_REGION.
// Without OSS_ENDPOINT it uses the offline development stand-in (not OSS).
import express from 'express';
import { accessPolicy, ossErrorHandler } from 'oss-preflight';
import { createGateway, signingEndpoint } from 'oss-preflight/gateway';
import { upstreamFromEnv } from '../shared/upstream.mjs';

const port = Number(process.env.PORT || 8083);
// The longest a signed URL may stay valid here: the policy's limit, the endpoint's cap and its default.
const MAX_EXPIRES = 600;
const signToken = process.env.SIGN_TOKEN;
if (!signToken || signToken.length < 16) {
  console.error('Set SIGN_TOKEN to a secret of at least 16 characters (e.g. `openssl rand -hex 24`).');
  process.exit(1);
}
const { endpoint, credentials, region } = await upstreamFromEnv();
if (!credentials)
  throw new Error('OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET are required with OSS_ENDPOINT');

// One policy for both doors: a token compared in constant time, one bucket, one prefix.
const authorize = accessPolicy({
  clients: [
    {
      name: 'uploader',
      token: signToken,
      buckets: ['example-bucket'],
      prefixes: ['user-uploads/'],
      operations: ['read', 'write'],
      maxExpires: MAX_EXPIRES,
    },
  ],
});
const gateway = createGateway({ endpoint, credentials, region, authorize });
const app = express();
app.disable('x-powered-by');
app.post(
  '/sign',
  signingEndpoint({
    credentials,
    endpoint: `http://127.0.0.1:${port}`,
    region,
    authorize,
    // The endpoint's own defaults (900 s, at most 3600 s) are above the policy's limit: a request
    // without "expires" would be refused, and one asking for more would reach the policy only to be denied.
    maxExpires: MAX_EXPIRES,
    defaultExpires: MAX_EXPIRES,
  }),
);
app.use(gateway.handle);
app.use(ossErrorHandler());
app.listen(port, '127.0.0.1', () =>
  console.log(`signing gateway on http://127.0.0.1:${port} -> ${gateway.upstream.href}`),
);
