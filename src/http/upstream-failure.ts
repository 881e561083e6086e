import type { IncomingMessage, ServerResponse } from 'node:http';
import { type OssError, ossError } from '../core/oss-error';
import { noteOutcome } from './outcome';
import { sendOssError } from './send-error';
import { UpstreamTimeoutError } from './upstream-timeouts';

// Fixed texts: the cause (an address, an errno) is for the operator's log, never for the client.
const UNAVAILABLE = () => ossError('UpstreamUnavailable.noAnswer');
const TIMEOUT = () => ossError('UpstreamTimeout.noAnswerInTime');
const INTERNAL = () => ossError('InternalError.contactAdministrator');

/** 504 when the upstream was too slow, 502 when it could not be reached or broke the exchange. */
export function upstreamFailureError(cause: unknown): OssError {
  return cause instanceof UpstreamTimeoutError ? TIMEOUT() : UNAVAILABLE();
}

/**
 * Answers a request whose upstream exchange failed. Before the answer began: an OSS-shaped 502/504
 * with a generic message. After: the client's connection is closed, so a truncated body is never
 * mistaken for a whole one. Never retried: the request body is gone.
 */
export function sendUpstreamFailure(req: IncomingMessage, res: ServerResponse, cause: unknown): void {
  // The client left first and the upstream request was dropped because of it: not the upstream's failure.
  if (res.destroyed || req.socket?.destroyed) {
    noteOutcome(res, { outcome: 'client-abort' });
    return;
  }
  const error = upstreamFailureError(cause);
  noteOutcome(res, { outcome: 'upstream-failure', code: error.code, detail: cause });
  if (res.headersSent || res.writableEnded) {
    res.destroy();
    return;
  }
  sendOssError(req, res, error);
}

/** 500 InternalError with OSS's generic message; the error itself goes to the log only. */
export function sendInternalError(req: IncomingMessage, res: ServerResponse, cause: unknown): void {
  const error = INTERNAL();
  noteOutcome(res, { outcome: 'internal-error', code: error.code, detail: cause });
  if (res.headersSent || res.writableEnded) {
    res.destroy();
    return;
  }
  sendOssError(req, res, error);
}
