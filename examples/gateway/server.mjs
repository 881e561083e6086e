// The example signing/validating gateway started by `npm start`.
// Env: HOST, PORT, OSS_ENDPOINT, OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_REGION, GATEWAY_DOMAIN.
// Without OSS_ENDPOINT it starts a local development stand-in (NOT OSS) so the demo works offline.
import { createGatewayServer } from 'oss-preflight';
import { upstreamFromEnv } from '../shared/upstream.mjs';

const host = process.env.HOST || '127.0.0.1';
const port = Number(process.env.PORT || 8080);

const { endpoint, credentials, region, devUpstream } = await upstreamFromEnv();
if (!credentials)
  console.warn(
    'OSS_ACCESS_KEY_ID/OSS_ACCESS_KEY_SECRET not set: unsigned requests are forwarded anonymously.',
  );

const suffixes = [`localhost:${port}`, `${host}:${port}`];
if (process.env.GATEWAY_DOMAIN) suffixes.push(process.env.GATEWAY_DOMAIN);

const { server, gateway } = createGatewayServer({
  endpoint,
  region,
  credentials,
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
