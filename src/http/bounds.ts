import type { IncomingMessage, ServerResponse } from 'node:http';
import { MAX_SINGLE_UPLOAD_BYTES } from '../core/content-length';
import { optionError, resolveIntegers } from '../core/options';
import { Sweep } from './sweep';

/** What the gateway bounds, so no client can hold its memory, sockets or time without end. */
export type GatewayBounds = {
  /**
   * Most time for a client to send the request line and headers, in milliseconds.
   * @defaultValue 20000
   */
  readonly headersTimeoutMs?: number;
  /**
   * A request body that sends nothing for this long (ms), while the gateway is ready to read, is cut
   * off with RequestTimeout.
   * @defaultValue 30000
   */
  readonly bodyIdleTimeoutMs?: number;
  /**
   * Slowest body accepted, in bytes per second averaged over `bodyIdleTimeoutMs`; 0 turns the check
   * off. Time the upstream keeps the gateway from reading does not count.
   * @defaultValue 1024
   */
  readonly minBodyBytesPerSecond?: number;
  /**
   * Requests on one keep-alive connection before the gateway closes it.
   * @defaultValue 1000
   */
  readonly maxRequestsPerConnection?: number;
  /**
   * How long an idle keep-alive connection stays open, in milliseconds.
   * @defaultValue 5000
   */
  readonly keepAliveTimeoutMs?: number;
  /**
   * Open client connections; more are closed at once. 0: no cap.
   * @defaultValue 0
   */
  readonly maxConnections?: number;
  /**
   * Requests streaming a body at once; more are answered 503 ActiveRequestLimitExceeded. 0: no cap.
   * @defaultValue 0
   */
  readonly maxConcurrentUploads?: number;
  /**
   * Largest body of one request in bytes, whatever its framing (at most OSS's own 5 GiB).
   * @defaultValue 5 GiB (5,368,709,120 bytes)
   */
  readonly maxUploadBytes?: number;
};

export type ResolvedBounds = Required<GatewayBounds>;

export const DEFAULT_BOUNDS: ResolvedBounds = {
  headersTimeoutMs: 20_000,
  bodyIdleTimeoutMs: 30_000,
  minBodyBytesPerSecond: 1024,
  maxRequestsPerConnection: 1000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 0,
  maxConcurrentUploads: 0,
  maxUploadBytes: MAX_SINGLE_UPLOAD_BYTES,
};

export function resolveBounds(factory: string, bounds: GatewayBounds | undefined): ResolvedBounds {
  // Timeouts, the body cap and the per-connection count need at least 1; 0 turns a cap or the rate off.
  const out = resolveIntegers(factory, 'bounds', bounds, DEFAULT_BOUNDS, (name) =>
    name.endsWith('Ms') || name === 'maxUploadBytes' || name === 'maxRequestsPerConnection' ? 1 : 0,
  );
  if (out.maxUploadBytes > MAX_SINGLE_UPLOAD_BYTES) {
    throw optionError(factory, `"bounds.maxUploadBytes" cannot exceed OSS's own ${MAX_SINGLE_UPLOAD_BYTES}.`);
  }
  return out;
}

type Watched = {
  readonly req: IncomingMessage;
  readonly onTimeout: () => void;
  lastBytes: number;
  lastProgress: number;
  windowBytes: number;
  windowStart: number;
};

/**
 * Watches request bodies for idle and too-slow clients with one timer for all of them: nothing runs
 * per chunk. A body is idle when its stream is flowing (the gateway wants bytes) and no byte arrived;
 * while the upstream holds the gateway back (the stream is paused), the clock stops.
 */
export class BodyWatchdog {
  readonly #idleMs: number;
  readonly #minRate: number;
  readonly #sweep: Sweep<Watched>;

  constructor(bounds: ResolvedBounds) {
    this.#idleMs = bounds.bodyIdleTimeoutMs;
    this.#minRate = bounds.minBodyBytesPerSecond;
    this.#sweep = new Sweep(this.#idleMs, (entry, now) => this.#visit(entry, now));
  }

  /** Starts watching; stops by itself when the body has arrived or the request is gone. */
  watch(req: IncomingMessage, onTimeout: () => void): void {
    const now = Date.now();
    const bytes = req.socket.bytesRead;
    const entry: Watched = {
      req,
      onTimeout,
      lastBytes: bytes,
      lastProgress: now,
      windowBytes: bytes,
      windowStart: now,
    };
    this.#sweep.add(entry);
    const stop = () => this.#sweep.delete(entry);
    req.once('end', stop);
    req.once('close', stop);
  }

  #visit(entry: Watched, now: number): void {
    const { req } = entry;
    const bytes = req.socket?.bytesRead ?? entry.lastBytes;
    // Bytes waiting for the gateway, or Node no longer reading the socket (the stream's buffer is
    // full because the upstream is slow): the delay is the gateway's, not the client's. A paused
    // stream with nothing waiting is a client that sends nothing.
    const held = req.readableLength > 0 || req.socket?.isPaused() === true;
    if (bytes !== entry.lastBytes || held) {
      entry.lastBytes = bytes;
      entry.lastProgress = now;
    }
    if (held) {
      entry.windowBytes = bytes;
      entry.windowStart = now;
    }
    const idle = now - entry.lastProgress >= this.#idleMs;
    const windowMs = now - entry.windowStart;
    const slow =
      this.#minRate > 0 &&
      windowMs >= this.#idleMs &&
      ((bytes - entry.windowBytes) * 1000) / windowMs < this.#minRate;
    if (windowMs >= this.#idleMs) {
      entry.windowBytes = bytes;
      entry.windowStart = now;
    }
    if (idle || slow) {
      this.#sweep.delete(entry);
      entry.onTimeout();
    }
  }
}

/** Counts streaming uploads against a cap; `release` is idempotent. */
export class UploadSlots {
  #active = 0;
  constructor(readonly max: number) {}

  /** A release function, or undefined when every slot is taken. */
  take(res: ServerResponse): (() => void) | undefined {
    if (this.max > 0 && this.#active >= this.max) return undefined;
    this.#active++;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      this.#active--;
    };
    res.once('close', release);
    return release;
  }

  get active(): number {
    return this.#active;
  }
}
