import type { ClientRequest, IncomingMessage } from 'node:http';
import * as http from 'node:http';
import type * as https from 'node:https';
import type { Socket } from 'node:net';
import { lazyModule } from '../core/lazy';
import { resolveIntegers } from '../core/options';
import { Sweep } from './sweep';

const httpsModule = lazyModule<typeof https>('node:https');

/** How long the gateway waits on the upstream (OSS) before it gives up on a request. */
export type UpstreamTimeouts = {
  /** TCP connect (and TLS handshake) to the upstream (default 10 000 ms). Past it: 504 UpstreamTimeout. */
  readonly connectTimeoutMs?: number;
  /**
   * Longest the upstream may keep the gateway waiting (default 60 000 ms): for the response to begin
   * once the request is sent, for more of a response the client is ready to take, or to read more of a
   * body it stopped reading. Before the answer began: 504 UpstreamTimeout; after: the client's
   * connection is closed, so a truncated body cannot pass for a whole one.
   */
  readonly responseTimeoutMs?: number;
  /** How long an unused keep-alive connection to the upstream stays open (default 4 000 ms). */
  readonly idleSocketTimeoutMs?: number;
};

export type ResolvedUpstreamTimeouts = Required<UpstreamTimeouts>;

export const DEFAULT_UPSTREAM_TIMEOUTS: ResolvedUpstreamTimeouts = {
  connectTimeoutMs: 10_000,
  responseTimeoutMs: 60_000,
  idleSocketTimeoutMs: 4_000,
};

export function resolveUpstreamTimeouts(
  factory: string,
  timeouts: UpstreamTimeouts | undefined,
): ResolvedUpstreamTimeouts {
  return resolveIntegers(factory, 'upstreamTimeouts', timeouts, DEFAULT_UPSTREAM_TIMEOUTS, () => 1);
}

export type UpstreamTimeoutKind = 'connect' | 'response';

/** Destroys an upstream request the upstream kept waiting too long; `kind` says which wait. */
export class UpstreamTimeoutError extends Error {
  readonly code = 'UPSTREAM_TIMEOUT';
  constructor(readonly kind: UpstreamTimeoutKind) {
    super(kind === 'connect' ? 'upstream connect timeout' : 'upstream response timeout');
    this.name = 'UpstreamTimeoutError';
  }
}

type Watched = {
  readonly req: ClientRequest;
  readonly tls: boolean;
  phase: 'connecting' | 'sending' | 'waiting' | 'receiving';
  since: number;
  socket: Socket | undefined;
  res: IncomingMessage | undefined;
  lastBytes: number;
};

/**
 * Watches upstream requests with one timer for all of them, nothing per chunk: a request is late when
 * its connection does not open in time, or when the gateway is waiting on the upstream (the request
 * is sent and no answer came, the gateway has bytes for it that it does not read, or the client wants
 * bytes the upstream does not send) and nothing moves on the connection for the response timeout.
 * Time spent waiting on the client (a slow upload, a slow reader) is never counted against the upstream.
 */
export class UpstreamWatchdog {
  readonly #sweep: Sweep<Watched>;

  constructor(readonly timeouts: ResolvedUpstreamTimeouts) {
    const shortest = Math.min(timeouts.connectTimeoutMs, timeouts.responseTimeoutMs);
    this.#sweep = new Sweep(shortest, (entry, now) => this.#visit(entry, now));
  }

  watch(req: ClientRequest, tls: boolean): void {
    const entry: Watched = {
      req,
      tls,
      phase: 'connecting',
      since: Date.now(),
      socket: undefined,
      res: undefined,
      lastBytes: 0,
    };
    this.#sweep.add(entry);
    const progress = (phase: Watched['phase']) => {
      entry.phase = phase;
      entry.since = Date.now();
      entry.lastBytes = this.#bytes(entry);
    };
    req.once('socket', (socket: Socket) => {
      entry.socket = socket;
      // A pooled keep-alive connection is open already; a new one is still connecting.
      if (!socket.connecting) progress('sending');
      else socket.once(tls ? 'secureConnect' : 'connect', () => progress('sending'));
    });
    // The whole request is on the wire: from now on the gateway waits for the answer.
    req.once('finish', () => {
      if (entry.phase === 'sending') progress('waiting');
    });
    req.once('response', (res: IncomingMessage) => {
      entry.res = res;
      progress('receiving');
      res.once('end', () => this.#sweep.delete(entry));
    });
    req.once('close', () => this.#sweep.delete(entry));
  }

  #bytes(entry: Watched): number {
    const socket = entry.socket;
    if (socket === undefined) return 0;
    return socket.bytesRead + (socket.bytesWritten ?? 0);
  }

  /** True while the delay is the upstream's: the gateway has something for it, or wants something from it. */
  #waitingOnUpstream(entry: Watched): boolean {
    if (entry.phase === 'waiting') return true;
    if (entry.phase === 'sending') return entry.req.writableNeedDrain;
    const res = entry.res;
    // Bytes the client has not taken yet, or a paused stream: the client is the slow side.
    return res !== undefined && res.readableLength === 0 && !res.isPaused();
  }

  #visit(entry: Watched, now: number): void {
    const { connectTimeoutMs, responseTimeoutMs } = this.timeouts;
    if (entry.req.destroyed) {
      this.#sweep.delete(entry);
      return;
    }
    if (entry.phase === 'connecting') {
      if (now - entry.since >= connectTimeoutMs) this.#fail(entry, 'connect');
      return;
    }
    const bytes = this.#bytes(entry);
    if (bytes !== entry.lastBytes || !this.#waitingOnUpstream(entry)) {
      entry.lastBytes = bytes;
      entry.since = now;
      return;
    }
    if (now - entry.since >= responseTimeoutMs) this.#fail(entry, 'response');
  }

  #fail(entry: Watched, kind: UpstreamTimeoutKind): void {
    this.#sweep.delete(entry);
    entry.req.destroy(new UpstreamTimeoutError(kind));
  }
}

type AgentWithHook = http.Agent & { addRequest(req: ClientRequest, options: object): void };

/**
 * The keep-alive agent the gateway sends upstream requests with: unused connections close after
 * `idleSocketTimeoutMs` (or earlier when the upstream's Keep-Alive header says so), and every request
 * it carries, forwarded or PostObject, is watched for the connect and response timeouts.
 */
export function createUpstreamAgent(endpoint: string | URL, upstreamTimeouts?: UpstreamTimeouts): http.Agent {
  const timeouts = resolveUpstreamTimeouts('createUpstreamAgent()', upstreamTimeouts);
  const tls = new URL(String(endpoint)).protocol === 'https:';
  const watchdog = new UpstreamWatchdog(timeouts);
  const options = { keepAlive: true, scheduling: 'lifo' as const, timeout: timeouts.idleSocketTimeoutMs };
  const agent = (tls ? new (httpsModule().Agent)(options) : new http.Agent(options)) as AgentWithHook;
  // Every request through an agent passes addRequest (Node's ClientRequest calls it for each one).
  const addRequest = agent.addRequest.bind(agent);
  agent.addRequest = (req, requestOptions) => {
    watchdog.watch(req, tls);
    addRequest(req, requestOptions);
  };
  return agent;
}
