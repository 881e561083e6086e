import type { ServerResponse } from 'node:http';
import { Transform, type TransformCallback } from 'node:stream';
import type { OssError } from '../core/oss-error';
import { limitError, storeDownError } from './errors';
import { noteLimit } from './note';
import type { Rate, ResolvedLimit, ResolvedLimits } from './options';
import { type Counter, type Counters, createCounters, type WindowState } from './store';
import type { Subject } from './types';

/** One byte rate of one limit, bound to the key a request counts under. */
export type ByteBinding = {
  readonly counter: Counter;
  readonly key: string;
  readonly limit: string;
  /** Made only when the limit refuses: an OssError per rate per request would be wasted work. */
  readonly error: () => OssError;
};

export type Admission =
  | { readonly refused: true; readonly error: OssError; readonly retryAfterSeconds: number }
  | { readonly refused: false; readonly upload: ByteBinding[]; readonly download: ByteBinding[] };

type Check = {
  limit: string;
  rate: Rate;
  done: Promise<WindowState>;
  counter: Counter;
  error: () => OssError;
};

const retryAfter = (ms: number) => Math.max(1, Math.ceil(ms / 1000));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function scopeKey(limit: ResolvedLimit, subject: Subject): string | undefined {
  switch (limit.per) {
    case 'accessKey':
      return subject.identity;
    case 'bucket':
      // Service-level requests (ListBuckets) name no bucket; they share one key.
      return subject.bucket ?? '';
    case 'address':
      return subject.address;
    case 'operationClass':
      return subject.operationClass;
  }
}

/**
 * Decides, for each request, whether its limits allow it: every rate of every limit that applies is
 * one store command, all sent together (one round trip on Redis, auto-pipelined). Byte rates are
 * checked at admission (a window already used up refuses at once) and then counted as the body flows.
 */
/** A limit with its counters, made once when the limiter is built. */
type BoundLimit = {
  readonly limit: ResolvedLimit;
  readonly rates: ReadonlyArray<{ readonly rate: Rate; readonly counter: Counter }>;
};

export class RequestLimiter {
  readonly #counters: Counters;
  readonly #bound: readonly BoundLimit[];

  constructor(readonly limits: ResolvedLimits) {
    this.#counters = createCounters(limits);
    this.#bound = limits.rules.map((limit) => ({
      limit,
      rates: (Object.entries(limit.rates) as Array<[Rate, number]>).map(([rate, points]) => ({
        rate,
        counter: this.#counters.counter(limit.name, rate, points),
      })),
    }));
  }

  async admit(subject: Subject, res: ServerResponse): Promise<Admission> {
    const checks: Check[] = [];
    const upload: ByteBinding[] = [];
    const download: ByteBinding[] = [];
    const operationClass = subject.operationClass;
    for (const { limit, rates } of this.#bound) {
      if (!limit.operations.has(operationClass)) continue;
      const key = scopeKey(limit, subject);
      if (key === undefined) continue;
      for (const { rate, counter } of rates) {
        const error = () => limitError(rate, operationClass);
        if (rate === 'requestsPerSecond') {
          checks.push({ limit: limit.name, rate, counter, error, done: counter.consume(key, 1) });
          continue;
        }
        if (rate === 'uploadBytesPerSecond' && !subject.hasBody) continue;
        (rate === 'uploadBytesPerSecond' ? upload : download).push({
          counter,
          key,
          limit: limit.name,
          error,
        });
        // Throttled streams wait for room instead; only a refusing limit needs to look now.
        if (this.limits.bandwidth === 'refuse') {
          checks.push({ limit: limit.name, rate, counter, error, done: counter.peek(key) });
        }
      }
    }
    const results = await Promise.allSettled(checks.map((check) => check.done));
    let worst: { check: Check; state: WindowState } | undefined;
    for (const [index, result] of results.entries()) {
      const check = checks[index]!;
      if (result.status === 'rejected') {
        const error = result.reason instanceof Error ? result.reason : new Error(String(result.reason));
        this.limits.onStoreError?.(error);
        noteLimit(res, { decision: 'store-error', limit: check.limit, failOpen: this.limits.failOpen });
        if (!this.limits.failOpen) return { refused: true, error: storeDownError(), retryAfterSeconds: 1 };
        continue;
      }
      const state = result.value;
      // A request counts itself (consumed > points); a byte window refuses once it is full.
      const over =
        check.rate === 'requestsPerSecond'
          ? state.consumed > check.counter.points
          : state.consumed >= check.counter.points;
      if (over && (worst === undefined || state.msBeforeNext > worst.state.msBeforeNext)) {
        worst = { check, state };
      }
    }
    if (worst !== undefined) {
      noteLimit(res, { decision: 'refused', limit: worst.check.limit });
      return {
        refused: true,
        error: worst.check.error(),
        retryAfterSeconds: retryAfter(worst.state.msBeforeNext),
      };
    }
    return { refused: false, upload, download };
  }

  /**
   * Counts a body's bytes against its byte limits. An upload past a refusing limit ends with its
   * 503 (`raise`); a download is only counted (its status line is out), so the next request pays.
   */
  meter(bindings: readonly ByteBinding[], res: ServerResponse, raise: boolean): ByteMeter | undefined {
    if (bindings.length === 0) return undefined;
    return new ByteMeter(bindings, res, raise, this.limits);
  }

  close(): Promise<void> {
    return this.#counters.close();
  }
}

export class ByteMeter {
  /** Bytes counted per store command: an eighth of the smallest rate, so a window overshoots little. */
  readonly quota: number;
  readonly #smallest: number;

  constructor(
    readonly bindings: readonly ByteBinding[],
    readonly res: ServerResponse,
    readonly raise: boolean,
    readonly limits: ResolvedLimits,
  ) {
    this.#smallest = Math.min(...bindings.map((b) => b.counter.points));
    this.quota = Math.max(1, Math.min(this.#smallest, Math.max(16 * 1024, Math.floor(this.#smallest / 8))));
  }

  /** Counts `bytes`; an OssError when the upload must end (refused, or a store down with failOpen off). */
  async take(bytes: number): Promise<OssError | undefined> {
    let left = bytes;
    while (left > 0) {
      // A piece never exceeds a whole window, or it could never fit.
      const piece = Math.min(left, this.#smallest);
      const error = await this.#takePiece(piece);
      if (error !== undefined) return error;
      left -= piece;
    }
    return undefined;
  }

  async #takePiece(piece: number): Promise<OssError | undefined> {
    for (;;) {
      const results = await Promise.allSettled(this.bindings.map((b) => b.counter.consume(b.key, piece)));
      let over: { binding: ByteBinding; state: WindowState } | undefined;
      for (const [index, result] of results.entries()) {
        const binding = this.bindings[index]!;
        if (result.status === 'rejected') {
          const error = result.reason instanceof Error ? result.reason : new Error(String(result.reason));
          this.limits.onStoreError?.(error);
          noteLimit(this.res, {
            decision: 'store-error',
            limit: binding.limit,
            failOpen: this.limits.failOpen,
          });
          if (!this.limits.failOpen && this.raise) return storeDownError();
          continue;
        }
        const state = result.value;
        if (
          state.consumed > binding.counter.points &&
          (over === undefined || state.msBeforeNext > over.state.msBeforeNext)
        ) {
          over = { binding, state };
        }
      }
      if (over === undefined) return undefined;
      if (this.limits.bandwidth === 'refuse') {
        if (!this.raise) return undefined;
        noteLimit(this.res, { decision: 'refused', limit: over.binding.limit });
        if (!this.res.headersSent)
          this.res.setHeader('retry-after', String(retryAfter(over.state.msBeforeNext)));
        return over.binding.error();
      }
      // Throttle: wait for the next window and count the piece there.
      const waitMs = Math.max(1, over.state.msBeforeNext);
      noteLimit(this.res, { decision: 'throttled', limit: over.binding.limit, waitedMs: waitMs });
      await sleep(waitMs);
      if (this.res.destroyed) return undefined;
    }
  }

  /** A stream stage that counts what passes and holds it back while a throttled window is full. */
  transform(): Transform {
    return new MeterTransform(this);
  }
}

class MeterTransform extends Transform {
  #pending = 0;
  constructor(readonly meter: ByteMeter) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.#pending += chunk.length;
    if (this.#pending < this.meter.quota) {
      callback(null, chunk);
      return;
    }
    const bytes = this.#pending;
    this.#pending = 0;
    this.meter.take(bytes).then(
      (error) => (error ? callback(error) : callback(null, chunk)),
      () => callback(null, chunk),
    );
  }

  override _flush(callback: TransformCallback): void {
    // The last bytes are counted, never refused: the body is complete, the next request pays.
    if (this.#pending > 0) void this.meter.take(this.#pending).catch(() => undefined);
    callback();
  }
}
