import pino from 'pino';
import type { RequestRecord } from '../gateway/observe';
import { UpstreamTimeoutError } from '../http/upstream-timeouts';
import type { LogLevel } from './settings';

export type Logger = pino.Logger;

/**
 * JSON lines on stdout, one write per line: every worker writes to the same stdout, and a line
 * written whole (under the pipe's atomic size) never interleaves with another process's line.
 */
export function createLogger(level: LogLevel): Logger {
  return pino(
    {
      level,
      base: { pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    pino.destination({ dest: 1, sync: true }),
  );
}

/** A short, bounded name for why an upstream exchange failed, for logs and metric labels. */
export function failureKind(detail: unknown): string {
  if (detail instanceof UpstreamTimeoutError) return `${detail.kind}-timeout`;
  const code = (detail as { code?: unknown } | undefined)?.code;
  if (typeof code === 'string' && /^[A-Z][A-Z0-9_]{1,40}$/.test(code)) return code;
  return 'other';
}

/**
 * One line per request. What it holds is listed here and nowhere else: no header, no query string,
 * no signature, token or key; the object key is logged as the request named it.
 */
export function logRequest(logger: Logger, record: RequestRecord): void {
  const line = {
    requestId: record.requestId,
    method: record.method,
    bucket: record.bucket,
    key: record.key,
    operation: record.operation,
    outcome: record.outcome,
    code: record.code,
    status: record.status,
    bytesIn: record.bytesIn,
    bytesOut: record.bytesOut,
    durationMs: Math.round(record.durationMs * 10) / 10,
    remoteAddress: record.remoteAddress,
    ...(record.limit
      ? {
          limit: record.limit.limit,
          limitDecision: record.limit.decision,
          ...(record.limit.waitedMs !== undefined ? { throttledMs: record.limit.waitedMs } : {}),
          ...(record.limit.failOpen !== undefined ? { failOpen: record.limit.failOpen } : {}),
        }
      : {}),
  };
  if (record.outcome === 'upstream-failure') {
    logger.warn({ ...line, failure: failureKind(record.detail), err: record.detail }, 'upstream failure');
  } else if (record.outcome === 'internal-error') {
    logger.error({ ...line, err: record.detail }, 'internal error');
  } else logger.info(line, 'request');
}
