import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { isOssError, type OssError } from '../../src/core/oss-error';
import { handleExpectContinue } from '../../src/http/continue';
import { forward } from '../../src/http/forward';
import { bodyFraming } from '../../src/http/framing';
import { forwardableHeaders } from '../../src/http/hop-by-hop';
import { toRawRequest } from '../../src/http/raw-request';
import { sendOssError } from '../../src/http/send-error';
import { upstreamTarget } from '../../src/http/upstream-target';
import { type BodyCheckOptions, createBodyChecks } from '../../src/integrity/body-checks';
import { createPreflight } from '../../src/preflight/create-preflight';
import { TEST_CREDENTIALS } from '../helpers/gateway-harness';
import { type RecordingUpstream, startRecordingUpstream } from '../helpers/recording-upstream';

export type CheckedForwarder = {
  readonly port: number;
  readonly upstream: RecordingUpstream;
  close(): Promise<void>;
};

/**
 * What createGateway() does for a streamed upload once the body checks are wired in: parse, run the
 * head rules, forward with createBodyChecks(request) as transforms. Unsigned (the recording upstream
 * records the signature problem, which these tests do not look at), so only the integrity path is
 * under test until the gateway wires it.
 */
export async function startCheckedForwarder(options: BodyCheckOptions = {}): Promise<CheckedForwarder> {
  const upstream = await startRecordingUpstream(TEST_CREDENTIALS);
  const url = new URL(upstream.url);
  const core = createPreflight({ virtualHostSuffixes: [url.host] });
  const handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const request = core.parse(toRawRequest(req));
    const framing = bodyFraming(req, request.headers);
    const target = upstreamTarget(url, request);
    const error = core.check(request) ?? (isOssError(framing) ? framing : undefined);
    if (error || isOssError(framing) || isOssError(target)) {
      sendOssError(req, res, error ?? (target as OssError));
      return;
    }
    const headers = forwardableHeaders(request.headers);
    delete headers['content-length'];
    delete headers['transfer-encoding'];
    forward(
      { url },
      {
        req,
        res,
        request,
        target,
        framing,
        headers,
        transforms: createBodyChecks(request, options),
      },
    );
  };
  const server = http.createServer(handle);
  handleExpectContinue(server, handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return {
    port: (server.address() as AddressInfo).port,
    upstream,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await upstream.close();
    },
  };
}
