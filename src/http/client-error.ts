import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { invalidArgument, type OssError, ossError } from '../core/oss-error';
import { errorResponse } from '../core/render';
import { sendOssError } from './send-error';

const REASONS: Record<number, string> = { 400: 'Bad Request', 405: 'Method Not Allowed' };

/** Writes one OSS error straight to a socket (no ServerResponse exists here) and closes it. */
function answerOnSocket(socket: Duplex, error: OssError, method: string | undefined, hostId: string): void {
  const response = errorResponse(error, { method: method ?? 'GET', hostId });
  const head = [`HTTP/1.1 ${response.status} ${REASONS[response.status] ?? 'Error'}`, 'connection: close'];
  for (const [name, value] of Object.entries(response.headers)) head.push(`${name}: ${value}`);
  // The request line never arrived whole (a header timeout): it may have been a HEAD, so the error
  // also travels in x-oss-err; the body is harmless because the connection closes after it.
  if (method === undefined) head.push(`x-oss-err: ${Buffer.from(response.body, 'utf8').toString('base64')}`);
  socket.end(`${head.join('\r\n')}\r\n\r\n${response.body}`);
}

/**
 * Node's HTTP parser refuses some malformed requests (an invalid or repeated Content-Length, a
 * broken header line, a header section too large or too slow) before any handler runs, and would
 * answer with a bare 400, 408 or 431. Answer them in OSS form instead, then close the connection.
 */
export function handleClientErrors(server: Server): void {
  // One answer per connection: a parser that failed can report again as more bytes arrive.
  const answered = new WeakSet<Duplex>();
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (answered.has(socket)) return;
    answered.add(socket);
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    // Bytes after a request that is still being answered (pipelined garbage): an answer written now
    // would reach the client as the answer to that request. Finish it, then close.
    const inFlight = (socket as Duplex & { _httpMessage?: ServerResponse })._httpMessage;
    if (inFlight && !inFlight.writableFinished) {
      inFlight.shouldKeepAlive = false;
      inFlight.once('close', () => socket.destroy());
      const req = inFlight.req;
      if (req && !req.complete && !inFlight.headersSent) {
        // The bytes that broke are this request's own body (a transfer coding Node could not read):
        // answer it now; closing the socket then aborts whatever was forwarded of it.
        sendOssError(req, inFlight, invalidArgument('InvalidArgument.parameterInvalidDotted'));
        inFlight.once('finish', () => socket.destroy());
        return;
      }
      inFlight.once('finish', () => socket.end());
      return;
    }
    // The request line may still be readable: a HEAD request must get its error without a body.
    const raw = (error as { rawPacket?: Buffer }).rawPacket;
    const method = raw ? /^[A-Z]+/.exec(raw.subarray(0, 16).toString('latin1'))?.[0] : undefined;
    const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || error.code === 'HPE_HEADER_TIMEOUT';
    const answer = timedOut
      ? ossError('RequestTimeout.idleSocket')
      : invalidArgument('InvalidArgument.parameterInvalidDotted');
    answerOnSocket(socket, answer, method, '');
  });
  // CONNECT asks for a tunnel; no OSS API uses the method, so it is refused like any other.
  server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    answerOnSocket(socket, ossError('MethodNotAllowed.notAllowed'), 'CONNECT', req.headers.host ?? '');
  });
}
