import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { type Outcome, outcomeNote } from '../http/outcome';
import { getOssRequest } from '../http/request-state';
import { type LimitNote, limitNote } from '../limits/note';

/** One finished request, as the gateway's log line and metrics see it. Holds no header, query or secret. */
export type RequestRecord = {
  /** The x-oss-request-id the client saw (the upstream's, or the gateway's own); undefined if none was sent. */
  readonly requestId: string | undefined;
  readonly method: string;
  readonly bucket: string | undefined;
  readonly key: string | undefined;
  readonly operation: string | undefined;
  readonly outcome: Outcome;
  /** The OSS error code the client saw, when it saw one. */
  readonly code: string | undefined;
  /** The status sent, or 0 when nothing was sent. */
  readonly status: number;
  /** Bytes read from the client's connection for this request, head included. */
  readonly bytesIn: number;
  /** Bytes written to the client's connection for this request, head included. */
  readonly bytesOut: number;
  readonly durationMs: number;
  readonly remoteAddress: string | undefined;
  /** Why it failed (an upstream failure or an internal error), for the log only. */
  readonly detail: unknown;
  /** What the rate limits decided, when they did more than let it through. */
  readonly limit: LimitNote | undefined;
};

export type RequestObserver = {
  /** A request has arrived, before any handler sees it; `upload` when it carries a body. */
  readonly onStart?: (req: IncomingMessage, res: ServerResponse, upload: boolean) => void;
  /** Its connection is done with it (answered, failed or abandoned). */
  readonly onEnd: (record: RequestRecord, req: IncomingMessage, res: ServerResponse, upload: boolean) => void;
};

type Counted = { read: number; written: number };

function carriesBody(req: IncomingMessage): boolean {
  const length = req.headers['content-length'];
  return req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/**
 * Reports every request the server handles, once, when it is over, without touching the bytes: the
 * byte counts are differences of the connection's own counters between two requests, so a stream
 * is never given an extra listener. Attach before the server handles requests.
 */
export function observeRequests(server: Server, observer: RequestObserver): void {
  const counted = new WeakMap<Socket, Counted>();
  const track = (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const socket = req.socket;
    const upload = carriesBody(req);
    observer.onStart?.(req, res, upload);
    res.once('close', () => {
      const before = counted.get(socket) ?? { read: 0, written: 0 };
      const now = { read: socket.bytesRead, written: socket.bytesWritten };
      counted.set(socket, now);
      const note = outcomeNote(res);
      const request = getOssRequest(req);
      const answered = res.writableFinished;
      let outcome: Outcome;
      if (note?.outcome === 'upstream-failure' || note?.outcome === 'internal-error') outcome = note.outcome;
      else if (!answered) outcome = 'client-abort';
      else outcome = note?.outcome ?? (res.statusCode >= 400 ? 'rejected' : 'forwarded');
      observer.onEnd(
        {
          requestId: res.headersSent ? note?.requestId : undefined,
          method: req.method ?? '',
          bucket: request?.bucket,
          key: request?.key,
          operation: request?.operation,
          outcome,
          code: note?.code,
          status: res.headersSent ? res.statusCode : 0,
          bytesIn: now.read - before.read,
          bytesOut: now.written - before.written,
          durationMs: performance.now() - started,
          remoteAddress: socket.remoteAddress,
          detail: note?.detail,
          limit: limitNote(res),
        },
        req,
        res,
        upload,
      );
    });
  };
  // First in line, so a request is tracked before any handler can answer it.
  for (const event of ['request', 'checkContinue', 'checkExpectation'] as const)
    server.prependListener(event, track);
}
