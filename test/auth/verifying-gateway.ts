import type { GatewayOptions } from '../../src/gateway/gateway';
import type { KeyProvider as CredentialProvider, UnknownKeys } from '../../src/preflight/credentials';
import { type RunningGateway, startGateway } from '../helpers/gateway-harness';

/**
 * The harness gateway with signature verification options spelled as the auth tests use them:
 * createGateway() verifies signed requests of the keys it knows, then forwards them to a
 * recording upstream that checks them again with an independent implementation.
 */
export function startVerifyingGateway(
  options: {
    gateway?: Partial<GatewayOptions>;
    verify?: { credentials?: CredentialProvider; unknownKeys?: UnknownKeys };
  } = {},
): Promise<RunningGateway> {
  return startGateway({
    ...options.gateway,
    ...(options.verify?.credentials ? { knownKeys: options.verify.credentials } : {}),
    ...(options.verify?.unknownKeys ? { unknownKeys: options.verify.unknownKeys } : {}),
  });
}
