// oss-preflight/gateway: the validating, signing, streaming gateway and the signing endpoint.

export { DEFAULT_BOUNDS, type GatewayBounds } from '../http/bounds';
export type { KeyProvider, UnknownKeys } from '../preflight/credentials';
export { createGateway, type Gateway, type GatewayOptions } from './gateway';
export { assertSafeListen, isLoopbackHost, type ListenSafety } from './listen-guard';
export { createGatewayServer, type GatewayServer } from './server';
export { type SigningDescription, type SigningEndpointOptions, signingEndpoint } from './signing-endpoint';
