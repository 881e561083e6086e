// The upstream and key the examples use: OSS_ENDPOINT and OSS_ACCESS_KEY_ID/OSS_ACCESS_KEY_SECRET,
// or, offline, the development stand-in (NOT OSS) with a development key that only it accepts.
import { startDevUpstream } from 'oss-preflight/dev-upstream';

export const DEV_CREDENTIALS = { accessKeyId: 'LTAI5tDevStandInKey', accessKeySecret: 'devStandInSecret' };

export function credentialsFromEnv(env = process.env) {
  return env.OSS_ACCESS_KEY_ID && env.OSS_ACCESS_KEY_SECRET
    ? { accessKeyId: env.OSS_ACCESS_KEY_ID, accessKeySecret: env.OSS_ACCESS_KEY_SECRET }
    : undefined;
}

/** `{ endpoint, credentials, region, devUpstream }`; devUpstream is set when the stand-in was started. */
export async function upstreamFromEnv(env = process.env) {
  const credentials = credentialsFromEnv(env);
  const region = env.OSS_REGION || undefined;
  if (env.OSS_ENDPOINT) return { endpoint: env.OSS_ENDPOINT, credentials, region, devUpstream: undefined };
  const devUpstream = await startDevUpstream();
  console.log(
    `OSS_ENDPOINT is not set: forwarding to the DEVELOPMENT STAND-IN at ${devUpstream.url} (not OSS; data in ${devUpstream.storageDir})`,
  );
  return { endpoint: devUpstream.url, credentials: credentials ?? DEV_CREDENTIALS, region, devUpstream };
}
