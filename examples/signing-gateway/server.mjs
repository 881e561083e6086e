// A signing gateway: it holds the OSS key. Clients either ask POST /sign for a presigned URL or
// signed headers (checked by the pre-flight rules and by your `authorize` policy first), or send
// their requests through the gateway, which validates, signs and forwards them.
// Env: PORT (default 8083), OSS_ENDPOINT, OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_REGION, SIGN_TOKEN.
// Without OSS_ENDPOINT it uses the offline development stand-in (not OSS).
import express from 'express';
import {
  allOf,
  allowBuckets,
  allowKeyPrefixes,
  allowMethods,
  createGateway,
  maxExpiry,
  ossErrorHandler,
  signingEndpoint,
} from 'oss-preflight';
import { upstreamFromEnv } from '../shared/upstream.mjs';

const port = Number(process.env.PORT || 8083);
const signToken = process.env.SIGN_TOKEN || 'demo-token';
const { endpoint, credentials, region } = await upstreamFromEnv();
if (!credentials)
  throw new Error('OSS_ACCESS_KEY_ID and OSS_ACCESS_KEY_SECRET are required with OSS_ENDPOINT');

const gateway = createGateway({ endpoint, credentials, region });
const app = express();
app.disable('x-powered-by');

// Who may have what signed: this demo lets token holders read and write under user-uploads/
// in one bucket, for at most ten minutes.
const authorize = allOf(
  (_description, req) => req.headers['x-sign-token'] === signToken,
  allowBuckets('example-bucket'),
  allowKeyPrefixes('user-uploads/'),
  allowMethods('GET', 'PUT', 'HEAD'),
  maxExpiry(600),
);
app.post('/sign', signingEndpoint({ credentials, endpoint: `http://127.0.0.1:${port}`, region, authorize }));
app.use(gateway.handle);
app.use(ossErrorHandler());
app.listen(port, '127.0.0.1', () =>
  console.log(`signing gateway on http://127.0.0.1:${port} -> ${gateway.upstream.href}`),
);
