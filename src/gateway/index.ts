/**
 * The validating, signing, streaming gateway, the signing endpoint, and the pieces the
 * `oss-preflight` command builds its server from (drain, observer, own endpoints, timeouts).
 * @module oss-preflight/gateway
 */

export { DEFAULT_BOUNDS, type GatewayBounds, type ResolvedBounds } from '../http/bounds';
export type { Outcome } from '../http/outcome';
export {
  createUpstreamAgent,
  DEFAULT_UPSTREAM_TIMEOUTS,
  type ResolvedUpstreamTimeouts,
  UpstreamTimeoutError,
  type UpstreamTimeoutKind,
  type UpstreamTimeouts,
} from '../http/upstream-timeouts';
export type { LimitNote } from '../limits/note';
export type { KeyProvider, UnknownKeys } from '../preflight/credentials';
export { DrainController, type DrainResult } from './drain';
export { createGateway, type Gateway, type GatewayOptions } from './gateway';
export { isOwnPath, OWN_PATHS, type OwnEndpoints, ownEndpoints } from './health';
export { assertSafeListen, isLoopbackHost, type ListenSafety } from './listen-guard';
export { observeRequests, type RequestObserver, type RequestRecord } from './observe';
export { createGatewayServer, type GatewayServer, type GatewayServerOptions } from './server';
export type { SignatureVersion } from './signing';
export {
  type SigningDescription,
  type SigningEndpointOptions,
  type SigningHandler,
  signingEndpoint,
} from './signing-endpoint';
export type { UrlStyle } from './signing-endpoint/sign';
export type { ServerTls } from './tls';
