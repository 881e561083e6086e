import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { pipeline, type Readable } from 'node:stream';
import { isOssError } from '../core/oss-error';
import { newRequestId, type RenderableError, renderErrorXml } from '../core/render';
import { sendOssError } from '../http/send-error';
import { PostInternalError, toPostError, UpstreamResponseError, UpstreamUnavailableError } from './errors';

/** An upstream response as the upload engine received it; the body has not been read yet. */
export type UpstreamResponse = {
  readonly status: number;
  readonly statusMessage: string | undefined;
  readonly headers: IncomingHttpHeaders;
  readonly body: Readable;
};

const RESPONSE_HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection']);

function relayableHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !RESPONSE_HOP_BY_HOP.has(name)) out[name] = value;
  }
  return out;
}

/** Sends the upstream's answer to the client as it is: status, headers and body, streamed. */
export function relayUpstream(upstream: UpstreamResponse, res: ServerResponse): void {
  res.writeHead(upstream.status, upstream.statusMessage, relayableHeaders(upstream.headers));
  pipeline(upstream.body, res, () => undefined);
}

function sendGatewayError(
  req: IncomingMessage,
  res: ServerResponse,
  status: number,
  error: RenderableError,
): void {
  const requestId = newRequestId();
  const xml = renderErrorXml(error, { requestId, hostId: req.headers.host ?? '' });
  res.writeHead(status, {
    'content-type': 'application/xml',
    'x-oss-request-id': requestId,
    'content-length': String(Buffer.byteLength(xml)),
    connection: 'close',
  });
  res.end(xml);
}

/**
 * Answers a failed PostObject: an OSS error as OSS renders it, an upstream error response
 * relayed unchanged, 502 when the upstream could not be reached (no OSS answer exists), 500 for
 * a failure on this server's side.
 */
export function sendPostError(req: IncomingMessage, res: ServerResponse, error: unknown): void {
  // Nothing can be said on a response already started or a connection already gone.
  if (res.headersSent || res.destroyed || req.socket.destroyed) {
    res.destroy();
    return;
  }
  const mapped = toPostError(error);
  if (isOssError(mapped)) {
    sendOssError(req, res, mapped);
  } else if (mapped instanceof UpstreamResponseError) {
    const headers = relayableHeaders(mapped.headers);
    headers['content-length'] = String(mapped.body.length);
    res.writeHead(mapped.status, mapped.statusMessage, headers);
    res.end(mapped.body);
  } else if (mapped instanceof UpstreamUnavailableError) {
    sendGatewayError(req, res, 502, {
      code: 'UpstreamUnavailable',
      message: mapped.message,
      details: [],
      ec: undefined,
    });
  } else {
    const message =
      mapped instanceof PostInternalError ? 'We encountered an internal error. Please try again.' : '';
    sendGatewayError(req, res, 500, { code: 'InternalError', message, details: [], ec: undefined });
  }
}
