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
    // The request line may still be readable: a HEAD request must get its error without a body.
    const raw = (error as { rawPacket?: Buffer }).rawPacket;
    const method = raw ? /^[A-Z]+/.exec(raw.subarray(0, 16).toString('latin1'))?.[0] : undefined;
    const response = errorResponse(invalidArgument('Invalid Argument. Parameter is invalid.'), {
      method: method ?? 'GET',
      hostId: '',
    });
    const head = [`HTTP/1.1 ${response.status} Bad Request`, 'connection: close'];
    for (const [name, value] of Object.entries(response.headers)) head.push(`${name}: ${value}`);
    socket.end(`${head.join('\r\n')}\r\n\r\n${response.body}`);
  });
}
