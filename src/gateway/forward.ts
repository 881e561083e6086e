import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type https from 'node:https';
import { pipeline, type Transform } from 'node:stream';
import { lazyModule } from '../core/lazy';
import { isOssError } from '../core/oss-error';
import { newRequestId, renderErrorXml } from '../core/render';
import type { OssRequest } from '../core/request';
import { sendOssError } from '../express/send-error';
import { expectsContinue } from './continue';

// TLS loads only for an https upstream.
const httpsModule = lazyModule<typeof https>('node:https');

export type Upstream = {
  readonly url: URL;
  readonly agent?: http.Agent | undefined;
};

export type ForwardInput = {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly request: OssRequest;
  /** Final outgoing headers, signature included; Host is set here. */
  readonly headers: Record<string, string>;
  /** A body already read for validation; otherwise `req` is streamed. */
  readonly body?: Buffer | undefined;
  /** Checks that run on the body as it streams (digests, length); an OssError aborts the upstream request. */
  readonly transforms?: readonly Transform[];
};

const RESPONSE_HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection']);

/** The upstream request line and Host, virtual-hosted as OSS prefers: `bucket.<endpoint host>`. */
export function upstreamTarget(upstream: URL, request: OssRequest): { host: string; path: string } {
  const base = upstream.pathname.replace(/\/$/, '');
  const host = request.bucket === undefined ? upstream.host : `${request.bucket}.${upstream.host}`;
  const query = request.rawQuery === '' ? '' : `?${request.rawQuery}`;
  return { host, path: `${base}/${request.rawKeyPath}${query}` };
}

function sendGatewayFailure(req: IncomingMessage, res: ServerResponse, message: string): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  // Not an OSS code: the upstream could not be reached, so there is no OSS answer to relay.
  const requestId = newRequestId();
  const xml = renderErrorXml(
    { code: 'UpstreamUnavailable', message, details: [], ec: undefined },
    { requestId, hostId: req.headers.host ?? '' },
  );
  res.writeHead(502, {
    'content-type': 'application/xml',
    'x-oss-request-id': requestId,
    'content-length': String(Buffer.byteLength(xml)),
  });
  res.end(req.method === 'HEAD' ? undefined : xml);
}

/**
 * Sends the request upstream with its body streamed unchanged (or the buffered
 * body), and relays the upstream response as it is. A client abort or a failed
 * body check destroys the upstream request before it completes, so OSS stores nothing.
 */
export function forward(upstream: Upstream, input: ForwardInput): void {
  const { req, res, request } = input;
  const { host, path } = upstreamTarget(upstream.url, request);
  const headers: Record<string, string> = { ...input.headers, host };
  if (input.body !== undefined) {
    headers['content-length'] = String(input.body.length);
    delete headers['transfer-encoding'];
  }
  const client = upstream.url.protocol === 'https:' ? httpsModule() : http;
  const upstreamReq = client.request({
    protocol: upstream.url.protocol,
    hostname: upstream.url.hostname.replace(/^\[|\]$/g, ''),
    port: upstream.url.port || undefined,
    method: request.method,
    path,
    headers,
    agent: upstream.agent,
    setHost: false,
  });

  upstreamReq.on('response', (upstreamRes) => {
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(upstreamRes.headers)) {
      if (value !== undefined && !RESPONSE_HOP_BY_HOP.has(name)) out[name] = value;
    }
    res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, out);
    pipeline(upstreamRes, res, () => undefined);
  });
  upstreamReq.on('error', (error) => {
    if (!res.headersSent && !res.writableEnded)
      sendGatewayFailure(req, res, `upstream request failed: ${error.message}`);
  });
  res.on('close', () => {
    if (!res.writableFinished) upstreamReq.destroy();
  });

  if (input.body !== undefined || request.method === 'GET' || request.method === 'HEAD') {
    upstreamReq.end(input.body);
    if (input.body === undefined) req.resume();
    return;
  }
  if (expectsContinue(req)) res.writeContinue();
  const stages = [req, ...(input.transforms ?? []), upstreamReq] as const;
  pipeline(stages as unknown as [IncomingMessage, http.ClientRequest], (error) => {
    if (!error) return;
    upstreamReq.destroy();
    if (isOssError(error) && !res.headersSent) sendOssError(req, res, error);
    else if (!res.headersSent && !res.writableEnded) res.destroy();
  });
}
