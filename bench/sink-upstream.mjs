// An upstream that reads and discards every body, answering 200 like OSS would.
import http from 'node:http';

const server = http.createServer((req, res) => {
  let bytes = 0;
  req.on('data', (c) => {
    bytes += c.length;
  });
  req.on('end', () => {
    res.writeHead(200, {
      'x-oss-request-id': '0123456789ABCDEF01234567',
      'x-bytes-received': String(bytes),
      etag: '"X"',
    });
    res.end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('SIGTERM', () => process.exit(0));
