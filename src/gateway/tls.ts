import type * as http from 'node:http';
import type * as https from 'node:https';
import { lazyModule } from '../core/lazy';

// TLS loads only for a gateway that serves HTTPS.
const httpsModule = lazyModule<typeof https>('node:https');

/** A PEM private key and certificate (chain) to serve HTTPS with. */
export type ServerTls = {
  readonly key: string | Buffer;
  readonly cert: string | Buffer;
};

/** An HTTPS server with the same options as the plain one; HTTP/1.1 only, as OSS's API is. */
export function createTlsServer(
  tls: ServerTls,
  options: http.ServerOptions,
  handler: http.RequestListener,
): https.Server {
  return httpsModule().createServer({ ...options, key: tls.key, cert: tls.cert }, handler);
}
