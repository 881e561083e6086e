// The gateway with the streaming integrity checks, in its own process, for bench/integrity.mjs.
// Usage (forked): node bench/gateway-integrity-process.mjs <upstreamPort> <bundle> <mode>
// `bundle` is the output of integrity-build.mjs. `mode`: `gateway` is createGateway() itself (once
// src/gateway/gateway.ts wires createBodyChecks); `auto`, `worker` or `inline` is what the gateway does
// for a streamed upload: parse, head rules, forward() with createBodyChecks(request, { md5: mode }) as
// the transforms; `none` the same without the checks.
import http from 'node:http';
import { pathToFileURL } from 'node:url';

const [upstreamPort, bundle, mode = 'auto'] = process.argv.slice(2);
const lib = await import(pathToFileURL(bundle).href);
const endpoint = `http://127.0.0.1:${upstreamPort}`;
const agent = new http.Agent({ keepAlive: true });
const credentials = { accessKeyId: 'LTAI5tBenchKey', accessKeySecret: 'benchSecret' };

let handle;
if (mode === 'gateway') {
  handle = lib.createGateway({ endpoint, credentials, region: 'cn-hangzhou', agent }).handle;
} else {
  const url = new URL(endpoint);
  const core = lib.createPreflight({ virtualHostSuffixes: [url.host] });
  handle = (req, res) => {
    const request = core.parse(lib.toRawRequest(req));
    const error = core.check(request);
    if (error) return lib.sendOssError(req, res, error);
    const transforms = mode === 'none' ? [] : lib.createBodyChecks(request, { md5: mode });
    lib.forward(
      { url, agent },
      { req, res, request, headers: lib.forwardableHeaders(request.headers), transforms },
    );
  };
}
const server = http.createServer(handle);
lib.handleExpectContinue(server, handle);
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('SIGTERM', () => process.exit(0));
