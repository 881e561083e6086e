import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { invalidArgument, type OssError, ossError } from '../core/oss-error';
import { errorResponse } from '../core/render';

const REASONS: Record<number, string> = { 400: 'Bad Request', 405: 'Method Not Allowed' };

/** Writes one OSS error straight to a socket (no ServerResponse exists here) and closes it. */
function answerOnSocket(socket: Duplex, error: OssError, method: string, hostId: string): void {
  const response = errorResponse(error, { method, hostId });
  const head = [`HTTP/1.1 ${response.status} ${REASONS[response.status] ?? 'Error'}`, 'connection: close'];
  for (const [name, value] of Object.entries(response.headers)) head.push(`${name}: ${value}`);
  socket.end(`${head.join('\r\n')}\r\n\r\n${response.body}`);
}

/**
 * Node's HTTP parser refuses some malformed requests (an invalid or repeated Content-Length, a
 * broken header line, a header section too large or too slow) before any handler runs, and would
 * answer with a bare 400, 408 or 431. Answer them in OSS form instead, then close the connection.
 */
export function handleClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    // The request line may still be readable: a HEAD request must get its error without a body.
    const raw = (error as { rawPacket?: Buffer }).rawPacket;
    const method = raw ? /^[A-Z]+/.exec(raw.subarray(0, 16).toString('latin1'))?.[0] : undefined;
    const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || error.code === 'HPE_HEADER_TIMEOUT';
    const answer = timedOut
      ? ossError(
          'RequestTimeout',
          'Your socket connection to the server was not read from or written to within the timeout period. Idle connections will be closed.',
        )
      : invalidArgument('Invalid Argument. Parameter is invalid.');
    answerOnSocket(socket, answer, method ?? 'GET', '');
  });
  // CONNECT asks for a tunnel; no OSS API uses the method, so it is refused like any other.
  server.on('connect', (req: IncomingMessage, socket: Duplex) => {
    socket.on('error', () => socket.destroy());
    answerOnSocket(
      socket,
      ossError('MethodNotAllowed', 'The specified method is not allowed against this resource.'),
      'CONNECT',
      req.headers.host ?? '',
    );
  });
}
