import type { IncomingMessage, OutgoingHttpHeaders, ServerResponse } from 'node:http';
import type { DevUpstreamError } from './dev-error';
import { errorXml } from './xml';

export function sendEmpty(res: ServerResponse, status: number, headers: OutgoingHttpHeaders = {}): void {
  res.writeHead(status, status === 204 ? headers : { ...headers, 'content-length': 0 });
  res.end();
}

export function sendXml(
  res: ServerResponse,
  status: number,
  xml: string,
  headers: OutgoingHttpHeaders = {},
): void {
  res.writeHead(status, {
    ...headers,
    'content-type': 'application/xml',
    'content-length': Buffer.byteLength(xml),
  });
  res.end(xml);
}

/**
 * Answers with the OSS error XML; for HEAD, which has no body, the XML goes
 * base64-encoded into `x-oss-err` as OSS does. Once the response has begun
 * the only honest signal left is to cut the connection.
 */
export function sendError(req: IncomingMessage, res: ServerResponse, error: DevUpstreamError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  if (res.destroyed || req.socket.destroyed) return;
  const requestId = String(res.getHeader('x-oss-request-id') ?? '');
  const xml = errorXml(error, { requestId, hostId: req.headers.host ?? '' });
  const headers: OutgoingHttpHeaders = {};
  if (hasUnreadBody(req)) {
    // The rest of a rejected upload may be gigabytes; closing beats reading it to keep the connection.
    headers.connection = 'close';
    req.unpipe();
    req.resume();
  }
  if (req.method === 'HEAD') {
    res.writeHead(error.status, {
      ...headers,
      'content-type': 'application/xml',
      'content-length': 0,
      'x-oss-err': Buffer.from(xml).toString('base64'),
    });
    res.end();
    return;
  }
  sendXml(res, error.status, xml, headers);
}

function hasUnreadBody(req: IncomingMessage): boolean {
  const declaresBody =
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
  return declaresBody && !req.complete;
}
