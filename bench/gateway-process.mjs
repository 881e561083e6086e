// The oss-preflight gateway (built package) in its own process, for the streaming benchmark.
import http from 'node:http';
import { createGatewayServer } from 'oss-preflight/gateway';

const [upstreamPort] = process.argv.slice(2);
const { server } = createGatewayServer({
  endpoint: `http://127.0.0.1:${upstreamPort}`,
  credentials: { accessKeyId: 'LTAI5tBenchKey', accessKeySecret: 'benchSecret' },
  region: 'cn-hangzhou',
  agent: new http.Agent({ keepAlive: true }),
});
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('SIGTERM', () => process.exit(0));
