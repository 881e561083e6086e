import type { IncomingMessage, ServerResponse } from 'node:http';
import { ossError } from '../core/oss-error';
import { sendOssError } from '../http/send-error';

/** What the gateway's own endpoints report. */
export type OwnEndpoints = {
  /** False while draining (or before any worker listens): load balancers stop sending new requests. */
  readonly ready: () => boolean;
  /** Prometheus text exposition; omitted: /-/metrics answers 404. */
  readonly metrics?: () => Promise<{ readonly contentType: string; readonly body: string }>;
};

export const OWN_PATHS = ['/-/healthz', '/-/readyz', '/-/metrics'] as const;

/** The path of an origin-form target, without its query. */
function pathOf(url: string | undefined): string {
  const end = url?.indexOf('?') ?? -1;
  return end === -1 ? (url ?? '') : url!.slice(0, end);
}

/** True for the gateway's own endpoints, whatever the method. */
export function isOwnPath(req: IncomingMessage): boolean {
  return (OWN_PATHS as readonly string[]).includes(pathOf(req.url));
}

function plain(req: IncomingMessage, res: ServerResponse, status: number, body: string, type: string): void {
  res.writeHead(status, {
    'content-type': type,
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

/**
 * The gateway's own endpoints: liveness `/-/healthz`, readiness `/-/readyz`, metrics `/-/metrics`.
 * Returns a function that answers one of them and says true, or says false for any other request.
 * They are never forwarded: path-style they would name the bucket `-`, which no bucket can be.
 */
export function ownEndpoints(own: OwnEndpoints): (req: IncomingMessage, res: ServerResponse) => boolean {
  return (req, res) => {
    if (!isOwnPath(req)) return false;
    const path = pathOf(req.url);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      sendOssError(req, res, ossError('MethodNotAllowed.notAllowed'));
      return true;
    }
    if (path === '/-/healthz') plain(req, res, 200, 'ok\n', 'text/plain; charset=utf-8');
    else if (path === '/-/readyz') {
      if (own.ready()) plain(req, res, 200, 'ready\n', 'text/plain; charset=utf-8');
      else plain(req, res, 503, 'draining\n', 'text/plain; charset=utf-8');
    } else if (own.metrics === undefined) plain(req, res, 404, 'no metrics\n', 'text/plain; charset=utf-8');
    else {
      own.metrics().then(
        (metrics) => plain(req, res, 200, metrics.body, metrics.contentType),
        () => plain(req, res, 503, 'metrics unavailable\n', 'text/plain; charset=utf-8'),
      );
    }
    return true;
  };
}
