import type { IncomingMessage, ServerResponse } from 'node:http';
import type { OssError } from '../core/oss-error';
import { errorResponse } from '../core/render';
import { noteRejection } from './outcome';

/** Bodies up to this size are drained after a rejection so the connection stays usable. */
export const DRAIN_LIMIT_BYTES = 1024 * 1024;

function hasLargeUnreadBody(req: IncomingMessage): boolean {
  if (req.complete) return false;
  const length = Number(req.headers['content-length'] ?? 0);
  return req.headers['transfer-encoding'] !== undefined || length > DRAIN_LIMIT_BYTES;
}

/**
 * Writes the OSS error response. A large body that was never read is not
 * drained (that would upload gigabytes only to discard them): the connection
 * is closed after the response instead, as multer's `onReject: close` does.
 */
export function sendOssError(
  req: IncomingMessage,
  res: ServerResponse,
  error: OssError,
  hostId?: string,
): void {
  const response = errorResponse(error, {
    method: req.method ?? 'GET',
    hostId: req.headers.host ?? hostId ?? '',
  });
  const headers = { ...response.headers };
  if (hasLargeUnreadBody(req)) headers.connection = 'close';
  // For the gateway's logs and metrics; nothing of it reaches the client.
  noteRejection(res, error.code, response.headers['x-oss-request-id'] ?? '');
  res.writeHead(response.status, headers);
  res.end(response.body);
}
