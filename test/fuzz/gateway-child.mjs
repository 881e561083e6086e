// The gateway under fuzzing, in its own process (built package), so a crash, a leak or a hang is
// its own and not the test runner's. Reports, for every request it answered, what it validated.
import http from 'node:http';
import { createGatewayServer } from '../../dist/gateway.mjs';
import { getOssRequest } from '../../dist/index.mjs';

// Every upstream request the gateway opens, until it closes: one still open after 5 s is reported
// (a request the gateway forgot to end or abort holds an upstream connection).
const open = new Map();
class TrackingAgent extends http.Agent {
  addRequest(req, options) {
    open.set(req, Date.now());
    req.once('close', () => open.delete(req));
    return super.addRequest(req, options);
  }
}
setInterval(() => {
  const now = Date.now();
  for (const [req, since] of open) {
    if (now - since < 5000) continue;
    open.delete(req);
    process.send?.({
      t: 'stale',
      id: Number(req.getHeader('x-fuzz-id')),
      path: req.path,
      ageMs: now - since,
    });
  }
}, 1000).unref();

const [upstream] = process.argv.slice(2);
const { server, gateway } = createGatewayServer({
  endpoint: upstream,
  region: 'cn-hangzhou',
  credentials: { accessKeyId: 'LTAI5tTestGatewayKey', accessKeySecret: 'testGatewaySecret0123456789abcdef' },
  bounds: { bodyIdleTimeoutMs: 1000, headersTimeoutMs: 1000, minBodyBytesPerSecond: 0 },
  agent: new TrackingAgent({ keepAlive: true }),
});
const report = (req, res) => {
  res.on('finish', () => {
    const request = getOssRequest(req);
    const id = req.headers['x-fuzz-id'];
    if (request === undefined || id === undefined) return;
    process.send?.({
      t: 'validated',
      id: Number(id),
      method: request.method,
      operation: request.operation,
      bucket: request.bucket,
      key: request.keyBytes?.toString('hex'),
      query: request.queryPairs,
    });
  });
};
for (const event of ['request', 'checkContinue', 'checkExpectation']) server.prependListener(event, report);
process.on('message', (m) => {
  if (m === 'memory') process.send?.({ t: 'memory', rss: process.memoryUsage().rss });
});
server.listen(0, '127.0.0.1', () =>
  process.send?.({ t: 'port', port: server.address().port, upstream: gateway.upstream.href }),
);
process.on('SIGTERM', () => process.exit(0));
