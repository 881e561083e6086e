import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type VerifySignaturesOptions, verifySignatures } from '../../src/auth/verify-middleware';
import { isOssError } from '../../src/core/oss-error';
import { sendOssError } from '../../src/express/send-error';
import { handleExpectContinue } from '../../src/gateway/continue';
import { createGateway, type GatewayOptions } from '../../src/gateway/gateway';
import type { RunningGateway } from '../helpers/gateway-harness';
import { TEST_CREDENTIALS } from '../helpers/gateway-harness';
import { startRecordingUpstream } from '../helpers/recording-upstream';

/**
 * The gateway with verifySignatures() in front, as createGateway() will run once it verifies
 * signatures itself (see the wiring notes of issue 5): signed requests with TEST_CREDENTIALS are
 * checked here, then forwarded to a recording upstream that checks them again.
 */
export async function startVerifyingGateway(
  options: { gateway?: Partial<GatewayOptions>; verify?: Partial<VerifySignaturesOptions> } = {},
): Promise<RunningGateway> {
  const upstream = await startRecordingUpstream(TEST_CREDENTIALS);
  const gateway = createGateway({
    endpoint: upstream.url,
    region: 'cn-hangzhou',
    credentials: TEST_CREDENTIALS,
    ...options.gateway,
  });
  const verify = verifySignatures({
    credentials: TEST_CREDENTIALS,
    region: 'cn-hangzhou',
    ...options.verify,
  });
  const handle = (req: http.IncomingMessage, res: http.ServerResponse) =>
    verify(req, res, (error) => {
      if (error === undefined) gateway.handle(req, res);
      else if (isOssError(error)) sendOssError(req, res, error);
      else res.writeHead(500).end(String(error));
    });
  const server = http.createServer(handle);
  handleExpectContinue(server, handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    upstream,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await upstream.close();
    },
  };
}
