// The app measured by overhead.mjs: Express answering 200, with or without preflight().
import express from 'express';
import { ossErrorHandler, preflight } from 'oss-preflight';

const app = express();
if (process.argv[2] === 'preflight') app.use(preflight());
app.use((req, res) => {
  req.resume();
  req.on('end', () => res.status(200).end('ok'));
});
app.use(ossErrorHandler());
const server = app.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
process.on('SIGTERM', () => process.exit(0));
