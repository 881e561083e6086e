// The signing/validating gateway built from the library API in a few lines. `npm start` and
// `npx oss-preflight gateway` run the full command (logs, metrics, drain, workers: src/cli/).
// Env: HOST, PORT, OSS_ENDPOINT, OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_REGION, GATEWAY_DOMAIN,
// GATEWAY_POLICY (a JSON file: { "clients": [...] }, see docs/security.md), GATEWAY_ALLOW_ANONYMOUS,
// GATEWAY_UNKNOWN_KEYS (reject | forward).
// Without OSS_ENDPOINT it starts a local development stand-in (NOT OSS) so the demo works offline.
// Without a policy, unsigned requests are signed only for loopback clients, and the gateway refuses
// to listen on any other address.
import { readFileSync } from 'node:fs';
import { accessPolicy, allowAnyone } from 'oss-preflight';
import { assertSafeListen, createGatewayServer } from 'oss-preflight/gateway';
import { upstreamFromEnv } from '../shared/upstream.mjs';

const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 8080);

const { endpoint, credentials, region, devUpstream } = await upstreamFromEnv();
if (!credentials)
  console.warn(
    'OSS_ACCESS_KEY_ID/OSS_ACCESS_KEY_SECRET not set: unsigned requests are forwarded anonymously.',
  );

const allowAnonymous = process.env.GATEWAY_ALLOW_ANONYMOUS === '1';
const authorize = process.env.GATEWAY_POLICY
  ? accessPolicy(JSON.parse(readFileSync(process.env.GATEWAY_POLICY, 'utf8')))
  : allowAnonymous
    ? allowAnyone
    : undefined;
if (allowAnonymous && !process.env.GATEWAY_POLICY)
  console.warn('GATEWAY_ALLOW_ANONYMOUS=1: every client that can connect gets requests signed with the key.');
try {
  assertSafeListen(host, {
    authorize: authorize !== undefined,
    allowAnonymous,
    signs: credentials !== undefined,
  });
} catch (error) {
  console.error(error.message);
  await devUpstream?.close();
  process.exit(1);
}

const suffixes = [`localhost:${port}`, `${host}:${port}`];
if (process.env.GATEWAY_DOMAIN) suffixes.push(process.env.GATEWAY_DOMAIN);

const { server, gateway } = createGatewayServer({
  endpoint,
  region,
  credentials,
  ...(authorize ? { authorize } : {}),
  ...(process.env.GATEWAY_UNKNOWN_KEYS ? { unknownKeys: process.env.GATEWAY_UNKNOWN_KEYS } : {}),
  preflight: { virtualHostSuffixes: suffixes },
});

server.listen(port, host, () => {
  console.log(
    `oss-preflight gateway on http://${host}:${port} -> ${gateway.upstream.href} (region ${gateway.region})`,
  );
});

const stop = () => {
  server.close();
  server.closeAllConnections?.();
  devUpstream?.close();
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
