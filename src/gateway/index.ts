/**
 * The validating, signing, streaming gateway and the signing endpoint.
 * @module oss-preflight/gateway
 */

export { DEFAULT_BOUNDS, type GatewayBounds, type ResolvedBounds } from '../http/bounds';
export type { KeyProvider, UnknownKeys } from '../preflight/credentials';
export { createGateway, type Gateway, type GatewayOptions } from './gateway';
export { assertSafeListen, isLoopbackHost, type ListenSafety } from './listen-guard';
export { createGatewayServer, type GatewayServer } from './server';
export type { SignatureVersion } from './signing';
export {
  type SigningDescription,
  type SigningEndpointOptions,
  type SigningHandler,
  signingEndpoint,
} from './signing-endpoint';
export type { UrlStyle } from './signing-endpoint/sign';
