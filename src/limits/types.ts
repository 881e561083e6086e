import type { IncomingMessage } from 'node:http';
import type { OssRequest } from '../core/request';

/**
 * The classes OSS's own limits speak of: `meta` operations as the error page lists them (the
 * service, bucket configuration, CORS and LiveChannel operations), object `read`s and object `write`s.
 */
export type OperationClass = 'meta' | 'read' | 'write';

/** What one limit is counted per. `operationClass` counts every client together, per class. */
export type LimitScope = 'accessKey' | 'bucket' | 'address' | 'operationClass';

/** One limit: a scope, the operation classes it covers, and at least one rate. */
export type Limit = {
  /** For logs, metrics and store keys (default `<per>`, then `<per>-2`...); unique. */
  readonly name?: string;
  readonly per: LimitScope;
  /** Default: every class. */
  readonly operations?: readonly OperationClass[];
  /** Requests per second; more answer 503 MetaOperationQpsLimitExceeded (meta) or TotalQpsLimitExceeded. */
  readonly requestsPerSecond?: number;
  /** Request-body bytes per second; more answer 503 UploadTrafficRateLimitExceeded, or are slowed down. */
  readonly uploadBytesPerSecond?: number;
  /** Response-body bytes per second; more answer 503 DownloadTrafficRateLimitExceeded, or are slowed down. */
  readonly downloadBytesPerSecond?: number;
};

/** The smallest part of an ioredis client the store uses; pass your own to share its connection. */
export type RedisClientLike = {
  readonly status: string;
  defineCommand(name: string, definition: { numberOfKeys: number; lua: string }): void;
  on(event: 'error', listener: (error: Error) => void): unknown;
  quit(): Promise<unknown>;
};

export type LimitStore =
  | 'memory'
  | {
      /** A `redis://` URL (the gateway opens and closes the connection), or your own ioredis client. */
      readonly redis: string | RedisClientLike;
      /** Prefix of every key the limits write (default `oss-preflight:limit:`). */
      readonly keyPrefix?: string;
      /** Longest wait for one Redis answer before the store counts as down (default 500 ms). */
      readonly commandTimeoutMs?: number;
    };

export type RateLimits = {
  /** The limits, each checked on every request it covers (at least one). */
  readonly rules: readonly Limit[];
  /**
   * `memory` (one process) or Redis (shared by every process and machine using it).
   * @defaultValue `'memory'`
   */
  readonly store?: LimitStore;
  /**
   * A store that does not answer: let requests through (`true`: OSS still enforces its own limits)
   * or answer 503 ServiceUnavailable (`false`). Counted in metrics and logged either way.
   * @defaultValue `true`
   */
  readonly failOpen?: boolean;
  /**
   * Past a bandwidth limit: answer the 503 (`refuse`) or slow the stream down (`throttle`).
   * @defaultValue `'refuse'`
   */
  readonly bandwidth?: 'refuse' | 'throttle';
  /**
   * The identity `accessKey` limits count per. Return a client's name (from your session, the
   * policy...).
   * @defaultValue the AccessKeyId the request names, or for a request the gateway signs, its own key
   */
  readonly identify?: (req: IncomingMessage, request: OssRequest) => string | undefined;
  /**
   * Told of every store failure (the gateway command logs them).
   * @defaultValue none
   */
  readonly onStoreError?: (error: Error) => void;
};

/** What a limit is checked against for one request. */
export type Subject = {
  readonly operation: string;
  readonly operationClass: OperationClass;
  readonly bucket: string | undefined;
  /** Undefined: `accessKey` limits do not apply (a browser form, whose key is in its body). */
  readonly identity: string | undefined;
  readonly address: string;
  readonly hasBody: boolean;
};
