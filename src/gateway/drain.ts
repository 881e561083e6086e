import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export type DrainResult = {
  /** Requests still in flight when the deadline passed (their connections were closed); 0 when all finished. */
  readonly cutOff: number;
  readonly durationMs: number;
};

/**
 * Graceful shutdown for a server: stop accepting connections, let the requests in flight (uploads
 * included) finish, close keep-alive connections as soon as they fall idle, and at the deadline close
 * whatever is left. Attach before the server handles requests.
 */
export class DrainController {
  readonly #server: Server;
  readonly #inFlight = new Set<ServerResponse>();
  #draining = false;
  #onIdle: (() => void) | undefined;

  /**
   * `server` is the one to drain. Requests are reported with `begin()` and `end()`, or, with
   * `attach: true`, by a listener of its own (put first, before any handler answers).
   */
  constructor(server: Server, options: { readonly attach?: boolean } = {}) {
    this.#server = server;
    if (options.attach) {
      const track = (_req: IncomingMessage, res: ServerResponse) => {
        this.begin(res);
        res.once('close', () => this.end(res));
      };
      for (const event of ['request', 'checkContinue', 'checkExpectation'] as const)
        server.prependListener(event, track);
    }
  }

  /** A request arrived; call before any handler can answer it. */
  begin(res: ServerResponse): void {
    this.#inFlight.add(res);
    // A request that arrives on a kept-alive connection while draining is served, then the connection closes.
    if (this.#draining) res.shouldKeepAlive = false;
  }

  /** Its response is closed (answered or abandoned). */
  end(res: ServerResponse): void {
    this.#inFlight.delete(res);
    if (this.#inFlight.size === 0) this.#onIdle?.();
  }

  get draining(): boolean {
    return this.#draining;
  }

  get inFlight(): number {
    return this.#inFlight.size;
  }

  /** Starts draining (once; later calls return the same promise) and resolves when it is over. */
  drain(deadlineMs: number): Promise<DrainResult> {
    this.#draining = true;
    this.#result ??= new Promise<DrainResult>((resolve) => {
      const started = Date.now();
      const server = this.#server;
      server.close();
      for (const res of this.#inFlight) if (!res.headersSent) res.shouldKeepAlive = false;
      server.closeIdleConnections();
      // Connections whose answer went out with keep-alive before the drain began fall idle later.
      const sweep = setInterval(() => server.closeIdleConnections(), 100);
      const finish = (cutOff: number) => {
        clearInterval(sweep);
        clearTimeout(deadline);
        this.#onIdle = undefined;
        // At the deadline every connection goes; otherwise none is busy, and only idle ones are left.
        if (cutOff > 0) server.closeAllConnections();
        else server.closeIdleConnections();
        resolve({ cutOff, durationMs: Date.now() - started });
      };
      const deadline = setTimeout(() => finish(this.#inFlight.size), deadlineMs);
      this.#onIdle = () => finish(0);
      if (this.#inFlight.size === 0) finish(0);
    });
    return this.#result;
  }

  #result: Promise<DrainResult> | undefined;
}
