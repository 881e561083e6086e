// An upload proxy: your application's own users PUT files through it; it checks them against
// OSS's rules and your own, then streams them to OSS signed with the application's key.
// Env: PORT (default 8081), OSS_ENDPOINT, OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_REGION, UPLOAD_TOKEN.
// Without OSS_ENDPOINT it uses the offline development stand-in (not OSS).
import express from 'express';
import { createGateway, defineRule, invalidArgument, ossErrorHandler, preflight } from 'oss-preflight';
import { upstreamFromEnv } from '../shared/upstream.mjs';

const port = Number(process.env.PORT || 8081);
const token = process.env.UPLOAD_TOKEN || 'demo-token';

const { endpoint, credentials, region } = await upstreamFromEnv();

// An application rule next to OSS's own: uploads only under uploads/, and at most 100 MB.
const MESSAGE = 'Invalid Argument. Parameter is invalid.';
const uploadsOnly = defineRule({
  id: 'uploads-prefix-and-size',
  family: 'custom',
  operations: ['PutObject'],
  errors: [['InvalidArgument', MESSAGE]],
  source: 'this application',
  check: (request) => {
    if (!request.key?.startsWith('uploads/')) return invalidArgument(MESSAGE, 'key', request.key ?? '');
    if (Number(request.headers['content-length'] ?? 0) > 100 * 1024 * 1024) {
      return invalidArgument(MESSAGE, 'Content-Length', request.headers['content-length'] ?? '');
    }
    return undefined;
  },
});

const gateway = createGateway({ endpoint, credentials, region });
const app = express();
app.disable('x-powered-by');
app.use((req, res, next) => {
  // The application's own authentication comes first; OSS never sees this token.
  if (req.headers.authorization !== `Bearer ${token}`) return res.status(401).json({ error: 'unauthorized' });
  delete req.headers.authorization;
  next();
});
app.put('/{*path}', preflight({ extraRules: [uploadsOnly] }), gateway.handle);
app.use(ossErrorHandler());
app.listen(port, '127.0.0.1', () =>
  console.log(`upload proxy on http://127.0.0.1:${port} -> ${gateway.upstream.href}`),
);
