import { createHash } from 'node:crypto';
import http, { type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { oracleVerify } from './oracle-signer';

export type RecordedRequest = {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  /** Bucket from the virtual-hosted Host, or the first path segment. */
  readonly bucket: string | undefined;
  readonly key: string;
  body: Buffer;
  sha256: string;
  /** False when the sender aborted before the body was complete. */
  complete: boolean;
  /** null when the Authorization verifies with the test key (crypto-js oracle). */
  signatureProblem: string | null;
};

export type UpstreamReply = { status: number; headers?: Record<string, string>; body?: string | Buffer };

export type RecordingUpstream = {
  readonly url: string;
  readonly host: string;
  readonly requests: RecordedRequest[];
  /** Requests whose body finished arriving (what OSS would have stored). */
  completed(): RecordedRequest[];
  reply: (request: RecordedRequest) => UpstreamReply;
  close(): Promise<void>;
};

export async function startRecordingUpstream(credentials: {
  accessKeyId: string;
  accessKeySecret: string;
}): Promise<RecordingUpstream> {
  const requests: RecordedRequest[] = [];
  let hostPort = '';
  const upstream: RecordingUpstream = {
    url: '',
    host: '',
    requests,
    completed: () => requests.filter((r) => r.complete),
    reply: () => ({ status: 200, headers: { etag: '"D41D8CD98F00B204E9800998ECF8427E"' } }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://upstream');
    const host = (req.headers.host ?? '').toLowerCase();
    let path = decodeURIComponent(url.pathname.slice(1));
    let bucket: string | undefined;
    if (host !== hostPort && host.endsWith(`.${hostPort}`)) bucket = host.slice(0, -(hostPort.length + 1));
    else {
      const slash = path.indexOf('/');
      bucket = slash === -1 ? path || undefined : path.slice(0, slash);
      path = slash === -1 ? '' : path.slice(slash + 1);
    }
    const query = url.searchParams;
    const presigned = query.has('Signature') || query.has('x-oss-signature');
    const form = req.method === 'POST' && /multipart\/form-data/i.test(req.headers['content-type'] ?? '');
    const record: RecordedRequest = {
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      bucket,
      key: path,
      body: Buffer.alloc(0),
      sha256: '',
      complete: false,
      signatureProblem:
        presigned || form || req.method === 'OPTIONS'
          ? null
          : oracleVerify(
              { method: req.method ?? '', bucket, key: path, query, headers: req.headers },
              credentials,
            ),
    };
    requests.push(record);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      record.body = Buffer.concat(chunks);
      record.sha256 = createHash('sha256').update(record.body).digest('hex');
      record.complete = true;
      const reply = upstream.reply(record);
      res.writeHead(reply.status, { 'x-oss-request-id': 'UPSTREAM0000000000000001', ...reply.headers });
      res.end(reply.body);
    });
    req.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  hostPort = `127.0.0.1:${port}`;
  return Object.assign(upstream, { url: `http://${hostPort}`, host: hostPort });
}
