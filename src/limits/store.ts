import type { RedisOptions } from 'ioredis';
import type * as Flexible from 'rate-limiter-flexible';
import { lazyModule } from '../core/lazy';
import type { Rate, ResolvedLimits, ResolvedStore } from './options';
import type { RedisClientLike } from './types';

// Loaded on the first limit built: importing the library costs nothing without limits.
const flexible = lazyModule<typeof Flexible>('rate-limiter-flexible');
const ioredis = lazyModule<{ Redis: new (url: string, options: RedisOptions) => RedisClientLike }>('ioredis');

/** A store's answer: how much of the current one-second window is used, and when it ends. */
export type WindowState = { readonly consumed: number; readonly msBeforeNext: number };

/** One counter (one rate of one limit): `consume` adds and returns the new total, atomically. */
export type Counter = {
  readonly points: number;
  consume(key: string, amount: number): Promise<WindowState>;
  peek(key: string): Promise<WindowState>;
};

export type Counters = {
  counter(limitName: string, rate: Rate, points: number): Counter;
  close(): Promise<void>;
};

const RATE_KEYS: Record<Rate, string> = {
  requestsPerSecond: 'req',
  uploadBytesPerSecond: 'up',
  downloadBytesPerSecond: 'down',
};

type FlexibleLimiter = Pick<InstanceType<typeof Flexible.RateLimiterMemory>, 'consume' | 'get'>;

function stateOf(result: unknown): WindowState {
  if (result instanceof flexible().RateLimiterRes) {
    return { consumed: result.consumedPoints, msBeforeNext: result.msBeforeNext };
  }
  // Not a limiter answer: the store failed (connection lost, timeout).
  throw result instanceof Error ? result : new Error(String(result));
}

/**
 * Fixed one-second windows in rate-limiter-flexible: in memory, or in Redis where each update is one
 * atomic Lua script (INCRBY + expiry), so processes sharing the store never lose a count. A consume
 * over the limit still counts (the library's semantics), which only makes the window fuller.
 */
export function createCounters(limits: ResolvedLimits): Counters {
  const store: ResolvedStore = limits.store;
  let client: RedisClientLike | undefined;
  let owned = false;
  if (store.kind === 'redis') {
    if (typeof store.redis === 'string') {
      const { Redis } = ioredis();
      client = new Redis(store.redis, {
        // A request's counters leave in one round trip; a store that is down fails them at once
        // instead of queueing them, and a silent one within commandTimeoutMs.
        enableAutoPipelining: true,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 0,
        commandTimeout: store.commandTimeoutMs,
        connectTimeout: Math.max(1000, store.commandTimeoutMs),
        retryStrategy: (times: number) => Math.min(100 * times, 2000),
      });
      owned = true;
    } else client = store.redis;
    // Without a listener ioredis prints every connection error; the hook (the command's log) gets them.
    client.on('error', (error) => limits.onStoreError?.(error));
  }
  return {
    // Called once per rate of each limit, when the limiter is built (limit names are unique).
    counter(limitName, rate, points) {
      const id = `${limitName}:${RATE_KEYS[rate]}`;
      const lib = flexible();
      const options = {
        points,
        duration: 1,
        keyPrefix: `${store.kind === 'redis' ? store.keyPrefix : ''}${id}`,
      };
      const limiter: FlexibleLimiter =
        client === undefined
          ? new lib.RateLimiterMemory(options)
          : new lib.RateLimiterRedis({ ...options, storeClient: client, rejectIfRedisNotReady: true });
      return {
        points,
        consume: (key, amount) => limiter.consume(key, amount).then(stateOf, stateOf),
        peek: (key) =>
          limiter
            .get(key)
            .then(
              (result) => (result === null ? { consumed: 0, msBeforeNext: 0 } : stateOf(result)),
              stateOf,
            ),
      };
    },
    async close() {
      if (owned && client !== undefined) await client.quit().catch(() => undefined);
    },
  };
}
