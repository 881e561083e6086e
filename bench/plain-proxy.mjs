// The baseline: a minimal streaming reverse proxy (pipe in, pipe out), no validation, no signing.
// With the argument `import` it first imports oss-preflight and calls nothing: what merely loading
// the package costs a proxy (issue 9).
import http from 'node:http';
import { pipeline } from 'node:stream';

const [upstreamPort, mode] = process.argv.slice(2);
if (mode === 'import') globalThis.ossPreflight = await import('oss-preflight');
const agent = new http.Agent({ keepAlive: true });
const server = http.createServer((req, res) => {
  const up = http.request(
    { host: '127.0.0.1', port: upstreamPort, method: req.method, path: req.url, headers: req.headers, agent },
    (upRes) => {
      res.writeHead(upRes.statusCode, upRes.headers);
      pipeline(upRes, res, () => {});
    },
  );
  up.on('error', () => res.destroy());
  pipeline(req, up, () => {});
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('SIGTERM', () => process.exit(0));
