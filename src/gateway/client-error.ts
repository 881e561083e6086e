import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { invalidArgument } from '../core/oss-error';
import { errorResponse } from '../core/render';

/**
 * Node's HTTP parser refuses some malformed requests (an invalid or repeated
 * Content-Length, a broken header line) before any handler runs, and would answer
 * with a bare 400. Answer them in OSS form instead, then close the connection.
 */
export function handleClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (error.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const response = errorResponse(invalidArgument('Invalid Argument. Parameter is invalid.'), {
      method: 'GET',
      hostId: '',
    });
    const head = [`HTTP/1.1 ${response.status} Bad Request`, 'connection: close'];
    for (const [name, value] of Object.entries(response.headers)) head.push(`${name}: ${value}`);
    socket.end(`${head.join('\r\n')}\r\n\r\n${response.body}`);
  });
}
