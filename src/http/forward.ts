import type { IncomingMessage, ServerResponse } from 'node:http';
import * as http from 'node:http';
import type * as https from 'node:https';
import { pipeline, type Transform } from 'node:stream';
import { lazyModule } from '../core/lazy';
import { isOssError, type OssError } from '../core/oss-error';
import type { OssRequest } from '../core/request';
import { expectsContinue } from './continue';
import type { BodyFraming } from './framing';
import { noteOutcome } from './outcome';
import { sendOssError } from './send-error';
import { readUpstreamCode } from './upstream-code';
import { sendUpstreamFailure } from './upstream-failure';
import type { UpstreamTarget } from './upstream-target';

const httpsModule = lazyModule<typeof https>('node:https');

export type Upstream = {
  readonly url: URL;
  readonly agent?: http.Agent | undefined;
};

export type ForwardInput = {
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly request: OssRequest;
  /** Where the request goes, built from the parsed request (upstreamTarget). */
  readonly target: UpstreamTarget;
  /** Final end-to-end headers, signature included; Host and the framing headers are set here. */
  readonly headers: Record<string, string>;
  /** The body as the client framed it; `none` sends no body even if the client sent one. */
  readonly framing: BodyFraming;
  /** A body already read for validation; otherwise `req` is streamed. */
  readonly body?: Buffer | undefined;
  /** Checks that run on the body as it streams (digests, length); an OssError aborts the upstream request. */
  readonly transforms?: readonly Transform[];
  /** Most bytes a chunked body may carry; more aborts the upstream request with `oversize`. */
  readonly maxChunkedBytes?: number | undefined;
  readonly oversize?: OssError | undefined;
  /** A stage the upstream's answer body passes through (a download limit's meter). */
  readonly responseTransform?: Transform | undefined;
};

const RESPONSE_HOP_BY_HOP = new Set(['connection', 'keep-alive', 'transfer-encoding', 'proxy-connection']);

/**
 * Sends the request upstream with the framing the gateway chose: the buffered body with its counted
 * length, the streamed body with the declared length (Node's parser delivers exactly that many bytes
 * or fails), or plain `chunked` re-chunked by Node. A client abort or a failed body check destroys
 * the upstream request before it completes, so OSS stores nothing.
 */
export function forward(upstream: Upstream, input: ForwardInput): void {
  const { req, res, request, framing } = input;
  // Answered already (a parse error or a timeout while the checks awaited): nothing goes upstream.
  if (res.headersSent || res.writableEnded || res.destroyed) return;
  const headers: Record<string, string> = { ...input.headers, host: input.target.host };
  const bodyLength = input.body?.length ?? (framing.kind === 'length' ? framing.length : undefined);
  if (bodyLength !== undefined) headers['content-length'] = String(bodyLength);
  else if (framing.kind === 'chunked') headers['transfer-encoding'] = 'chunked';
  const client = upstream.url.protocol === 'https:' ? httpsModule() : http;
  const upstreamReq = client.request({
    protocol: upstream.url.protocol,
    hostname: upstream.url.hostname.replace(/^\[|\]$/g, ''),
    port: upstream.url.port || undefined,
    method: request.method,
    path: input.target.path,
    headers,
    agent: upstream.agent,
    setHost: false,
  });

  let relayed = false;
  upstreamReq.on('response', (upstreamRes) => {
    // The gateway already answered (a timed-out or refused body): this answer has nowhere to go.
    if (res.headersSent) {
      upstreamRes.resume();
      return;
    }
    relayed = true;
    const out: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(upstreamRes.headers)) {
      if (value !== undefined && !RESPONSE_HOP_BY_HOP.has(name)) out[name] = value;
    }
    const requestId = upstreamRes.headers['x-oss-request-id'];
    noteOutcome(res, {
      outcome: 'forwarded',
      requestId: typeof requestId === 'string' ? requestId : undefined,
    });
    readUpstreamCode(upstreamRes, res);
    res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.statusMessage, out);
    // An upstream that dies mid-answer (or stalls past the response timeout) is not retried: the
    // pipeline closes the client's connection, so a truncated body cannot pass for a whole one.
    upstreamRes.once('aborted', () =>
      sendUpstreamFailure(req, res, new Error('upstream closed mid-response')),
    );
    if (input.responseTransform) pipeline(upstreamRes, input.responseTransform, res, () => undefined);
    else pipeline(upstreamRes, res, () => undefined);
  });
  upstreamReq.on('error', (error) => {
    if (!res.writableEnded && !res.destroyed) sendUpstreamFailure(req, res, error);
  });
  // The client's answer is over: either the upstream's, relayed whole, or one the gateway made itself
  // (a refused or timed-out body, a parse error). In every other case the upstream request is dropped,
  // so no upstream connection outlives the client's request.
  res.on('close', () => {
    if (!relayed || !res.writableFinished) upstreamReq.destroy();
  });

  if (input.body !== undefined || framing.kind === 'none') {
    // write() then end(): Node re-reads a Content-Disposition value as UTF-8 when end() is given the
    // body (it then knows the length), which can turn the bytes C4 8D into CR. Written this way the
    // header goes out as the bytes that arrived.
    if (input.body !== undefined && input.body.length > 0) upstreamReq.write(input.body);
    upstreamReq.end();
    return;
  }
  if (expectsContinue(req)) res.writeContinue();
  // The client's stream is piped, not put in a pipeline: a failed check must be able to answer the
  // client before its connection closes, and a pipeline would destroy the request (and its socket).
  const stages = [...(input.transforms ?? []), upstreamReq];
  const first = stages[0]!;
  const refuse = (error: OssError) => {
    req.unpipe(first);
    // Answer first (with `connection: close` while the body is unread), then drop the upstream.
    if (!res.headersSent) sendOssError(req, res, error);
    upstreamReq.destroy();
  };
  if (stages.length > 1) {
    pipeline(stages as unknown as [Transform, http.ClientRequest], (error) => {
      if (!error) return;
      if (isOssError(error)) refuse(error);
      else upstreamReq.destroy();
    });
  }
  if (framing.kind === 'chunked' && input.maxChunkedBytes !== undefined && input.oversize !== undefined) {
    const { maxChunkedBytes: limit, oversize } = input;
    let received = 0;
    const count = (chunk: Buffer) => {
      received += chunk.length;
      if (received <= limit) return;
      req.off('data', count);
      refuse(oversize);
    };
    req.on('data', count);
  }
  req.on('close', () => {
    if (!req.complete) upstreamReq.destroy();
  });
  req.pipe(first);
}
