// An upload proxy: your application's own users PUT files through it; it checks them against
// OSS's rules and your own, then streams them to OSS signed with the application's key.
//   curl -T a.txt -H "Authorization: Bearer $UPLOAD_TOKEN" http://127.0.0.1:8081/example-bucket/uploads/a.txt
// Env: PORT (default 8081), UPLOAD_TOKEN (required; e.g. `openssl rand -hex 24`), OSS_ENDPOINT,
// OSS_ACCESS_KEY_ID, OSS_ACCESS_KEY_SECRET, OSS_REGION.
// Without OSS_ENDPOINT it uses the offline development stand-in (not OSS).
import { createHash, timingSafeEqual } from 'node:crypto';
import express from 'express';
import { defineRule, invalidArgument, ossErrorHandler, preflight } from 'oss-preflight';
import { createGateway } from 'oss-preflight/gateway';
import { upstreamFromEnv } from '../shared/upstream.mjs';

const port = Number(process.env.PORT || 8081);
const token = process.env.UPLOAD_TOKEN;
if (!token || token.length < 16) {
  console.error('Set UPLOAD_TOKEN to a secret of at least 16 characters (e.g. `openssl rand -hex 24`).');
  process.exit(1);
}
const digest = (text) => createHash('sha256').update(text).digest();
const tokenDigest = digest(`Bearer ${token}`);

const { endpoint, credentials, region } = await upstreamFromEnv();

// An application rule next to OSS's own: uploads only under uploads/, and at most 100 MB.
// Messages are named by their catalogue key (schemas/errors.json): `Code.key`.
const MESSAGE = 'InvalidArgument.parameterInvalidDotted';
const uploadsOnly = defineRule({
  id: 'uploads-prefix-and-size',
  family: 'custom',
  operations: ['PutObject'],
  errors: [MESSAGE],
  source: 'this application',
  check: (request) => {
    if (!request.key?.startsWith('uploads/')) return invalidArgument(MESSAGE, 'key', request.key ?? '');
    if (Number(request.headers['content-length'] ?? 0) > 100 * 1024 * 1024) {
      return invalidArgument(MESSAGE, 'Content-Length', request.headers['content-length'] ?? '');
    }
    return undefined;
  },
});

// The application authenticated the caller (below); the gateway signs for them only what they may
// do: PUT under uploads/, and no copy or symlink that would read another object.
const gateway = createGateway({
  endpoint,
  credentials,
  region,
  authorize: (access, client) =>
    client.req.uploader === true &&
    access.role === 'target' &&
    access.operation === 'PutObject' &&
    access.key?.startsWith('uploads/') === true,
});
const app = express();
app.disable('x-powered-by');
app.use((req, res, next) => {
  // The application's own authentication comes first (constant-time); OSS never sees this token.
  const presented = digest(req.headers.authorization ?? '');
  if (!timingSafeEqual(presented, tokenDigest)) return res.status(401).json({ error: 'unauthorized' });
  delete req.headers.authorization;
  req.uploader = true;
  next();
});
app.put('/{*path}', preflight({ extraRules: [uploadsOnly] }), gateway.handle);
app.use(ossErrorHandler());
app.listen(port, '127.0.0.1', () =>
  console.log(`upload proxy on http://127.0.0.1:${port} -> ${gateway.upstream.href}`),
);
