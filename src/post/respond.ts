import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { pipeline, type Readable } from 'node:stream';
import { isOssError } from '../core/oss-error';
import { noteOutcome } from '../http/outcome';
import { sendOssError } from '../http/send-error';
import { sendInternalError, sendUpstreamFailure } from '../http/upstream-failure';
import { toPostError, UpstreamResponseError, UpstreamUnavailableError } from './errors';

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

function requestIdOf(headers: IncomingHttpHeaders): string | undefined {
  const id = headers['x-oss-request-id'];
  return typeof id === 'string' ? id : undefined;
}

/** Sends the upstream's answer to the client as it is: status, headers and body, streamed. */
export function relayUpstream(upstream: UpstreamResponse, res: ServerResponse): void {
  noteOutcome(res, { outcome: 'forwarded', requestId: requestIdOf(upstream.headers) });
  res.writeHead(upstream.status, upstream.statusMessage, relayableHeaders(upstream.headers));
  pipeline(upstream.body, res, () => undefined);
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
    const code = /<Code>([A-Za-z0-9]{1,64})<\/Code>/.exec(mapped.body.toString('latin1', 0, 2048))?.[1];
    noteOutcome(res, { outcome: 'forwarded', code, requestId: requestIdOf(mapped.headers) });
    const headers = relayableHeaders(mapped.headers);
    headers['content-length'] = String(mapped.body.length);
    res.writeHead(mapped.status, mapped.statusMessage, headers);
    res.end(mapped.body);
  } else if (mapped instanceof UpstreamUnavailableError) {
    // A fixed 502/504 answer; the cause (addresses, errno) goes to the log only.
    sendUpstreamFailure(req, res, mapped.cause ?? mapped);
  } else {
    sendInternalError(req, res, mapped);
  }
}
