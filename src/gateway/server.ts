import http from 'node:http';
import { handleClientErrors } from '../http/client-error';
import { handleExpectContinue } from '../http/continue';
import { createGateway, type Gateway, type GatewayOptions } from './gateway';

export type GatewayServer = { readonly server: http.Server; readonly gateway: Gateway };

/** An http.Server running the gateway, with Expect: 100-continue and parser errors handled the OSS way. */
export function createGatewayServer(options: GatewayOptions): GatewayServer {
  const gateway = createGateway(options);
  const { bounds } = gateway;
  // Node checks header deadlines on this interval (default 30 s), which would stretch the timeout.
  const server = http.createServer(
    { connectionsCheckingInterval: Math.min(1000, Math.ceil(bounds.headersTimeoutMs / 4)) },
    gateway.handle,
  );
  server.headersTimeout = bounds.headersTimeoutMs;
  server.keepAliveTimeout = bounds.keepAliveTimeoutMs;
  if (bounds.maxConnections > 0) server.maxConnections = bounds.maxConnections;
  handleExpectContinue(server, gateway.handle);
  // An expectation other than 100-continue: Node would answer a bare 417. OSS documents none, so the
  // request is handled as if it had none (the Expect header is never forwarded).
  server.on('checkExpectation', gateway.handle);
  handleClientErrors(server);
  // Uploads of several GB take longer than Node's default 5-minute request timeout; a stalled or
  // crawling body is cut off by the gateway's own body watchdog instead (bounds.bodyIdleTimeoutMs).
  server.requestTimeout = 0;
  return { server, gateway };
}
