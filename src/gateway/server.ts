import type { IncomingMessage, ServerResponse } from 'node:http';
import * as http from 'node:http';
import { handleClientErrors } from '../http/client-error';
import { handleExpectContinue } from '../http/continue';
import { buildGateway, type Gateway, type GatewayOptions } from './gateway';
import { createTlsServer, type ServerTls } from './tls';

export type GatewayServer = { readonly server: http.Server; readonly gateway: Gateway };

export type GatewayServerOptions = {
  /** Serve HTTPS with this PEM key and certificate; default plain HTTP. */
  readonly tls?: ServerTls | undefined;
  /** Answers a request before the gateway sees it (the `/-/` endpoints) and returns true, or returns false. */
  readonly intercept?: ((req: IncomingMessage, res: ServerResponse) => boolean) | undefined;
};

/** An http.Server running the gateway, with Expect: 100-continue and parser errors handled the OSS way. */
export function createGatewayServer(
  options: GatewayOptions,
  serverOptions: GatewayServerOptions = {},
): GatewayServer {
  const gateway = buildGateway(options, 'createGatewayServer()');
  const { bounds } = gateway;
  const { intercept } = serverOptions;
  const handle = intercept
    ? (req: IncomingMessage, res: ServerResponse) => {
        if (!intercept(req, res)) gateway.handle(req, res);
      }
    : gateway.handle;
  // Node checks header deadlines on this interval (default 30 s), which would stretch the timeout.
  const nodeOptions = { connectionsCheckingInterval: Math.min(1000, Math.ceil(bounds.headersTimeoutMs / 4)) };
  // An https.Server is an http.Server to every listener used here (request, checkContinue, clientError).
  const server = serverOptions.tls
    ? (createTlsServer(serverOptions.tls, nodeOptions, handle) as unknown as http.Server)
    : http.createServer(nodeOptions, handle);
  server.headersTimeout = bounds.headersTimeoutMs;
  server.keepAliveTimeout = bounds.keepAliveTimeoutMs;
  if (bounds.maxConnections > 0) server.maxConnections = bounds.maxConnections;
  handleExpectContinue(server, handle);
  // An expectation other than 100-continue: Node would answer a bare 417. OSS documents none, so the
  // request is handled as if it had none (the Expect header is never forwarded).
  server.on('checkExpectation', handle);
  handleClientErrors(server);
  // Uploads of several GB take longer than Node's default 5-minute request timeout; a stalled or
  // crawling body is cut off by the gateway's own body watchdog instead (bounds.bodyIdleTimeoutMs).
  server.requestTimeout = 0;
  return { server, gateway };
}
