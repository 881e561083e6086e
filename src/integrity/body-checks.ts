import { availableParallelism } from 'node:os';
import { Transform, type TransformCallback } from 'node:stream';
import { declaredContentLength, isChunked } from '../core/content-length';
import { type OssError, ossError } from '../core/oss-error';
import type { OssRequest } from '../core/request';
import {
  crc64Applies,
  EC_MD5_MISMATCH,
  hasBody,
  headerValue,
  INCOMPLETE_BODY,
  INVALID_CRC64,
  INVALID_DIGEST,
  parseContentMd5,
  parseCrc64,
} from '../rules/integrity/digest-headers';
import { Crc64 } from './crc64';
import { createMd5Hasher, type Md5Hasher, type Md5Placement } from './md5-hasher';

export type BodyCheckOptions = {
  /**
   * Where MD5 is computed. `auto` (default): on a worker thread for a body of `workerMinBytes` or more
   * and for a chunked body, on the event loop for a small one (a round trip to a worker costs more than
   * hashing a few KiB) or on a machine with fewer than three cores. CRC-64 always runs on the event loop (see
   * docs/benchmarks/integrity.md for why this split).
   */
  readonly md5?: 'auto' | Md5Placement;
  /** Smallest declared Content-Length hashed on a worker in `auto` mode (default 1 MiB). */
  readonly workerMinBytes?: number;
};

/** What one body must satisfy; `null` digests are headers that cannot match any body. */
type Plan = {
  /** Content-Length, or undefined for a chunked body (nothing to count against). */
  readonly declared: number | undefined;
  readonly md5: Buffer | null | undefined;
  readonly crc64: bigint | null | undefined;
  readonly md5Placement: Md5Placement;
};

const DEFAULT_WORKER_MIN_BYTES = 1024 * 1024;
/**
 * A hashing thread pays off only with a core nobody else needs. On two cores the client, the upstream
 * connection and the event loop already share them: measured there, MD5 on a worker cost ~0.7 CPU-s/GiB
 * more than in line (copying chunks to the worker) and bought no throughput (docs/benchmarks.md).
 */
const spareCore = (): boolean => availableParallelism() > 2;

/**
 * The checks a streamed body needs: an empty array when there is nothing to verify (no Content-MD5,
 * no applicable x-oss-hash-crc64ecma, or a method whose body is not forwarded), so that a plain upload
 * pays nothing. Otherwise one Transform that hashes the body as it passes and holds back its last
 * chunk until the body has ended and the digests match. On a mismatch, or a body shorter than its
 * Content-Length, it fails with the OssError instead, so `pipeline()` destroys the upstream request
 * before its last byte: OSS never receives a complete body and stores nothing.
 *
 * Content-Length itself is enforced by Node's HTTP parser, which never ends a request early (a short
 * body ends with the connection, an error). Counting here guards other sources and truncates a
 * longer one to Content-Length, which is what OSS stores (research §6.1 L4).
 */
export function createBodyChecks(request: OssRequest, options: BodyCheckOptions = {}): Transform[] {
  if (request.method === 'GET' || request.method === 'HEAD' || !hasBody(request)) return [];
  // A PostObject Content-MD5 header would cover the whole multipart form; whether OSS checks that,
  // or the file, is undocumented, so neither is verified here.
  const md5Header = request.operation === 'PostObject' ? undefined : headerValue(request, 'content-md5');
  const crcHeader = crc64Applies(request) ? headerValue(request, 'x-oss-hash-crc64ecma') : undefined;
  if (md5Header === undefined && crcHeader === undefined) return [];

  const length = declaredContentLength(request.headers['content-length']);
  // No Content-Length and no chunking means no body (HTTP/1.1); a malformed one was refused by the
  // framing rules, and if they are disabled there is nothing reliable to count against.
  const declared = isChunked(request.headers['transfer-encoding'])
    ? undefined
    : length === undefined
      ? 0
      : (length ?? undefined);
  const mode = options.md5 ?? 'auto';
  if (mode !== 'auto' && mode !== 'worker' && mode !== 'inline') {
    throw new TypeError(`oss-preflight: createBodyChecks() option "md5" must be auto, worker or inline.`);
  }
  const md5Placement: Md5Placement =
    mode !== 'auto'
      ? mode
      : spareCore() &&
          (declared === undefined || declared >= (options.workerMinBytes ?? DEFAULT_WORKER_MIN_BYTES))
        ? 'worker'
        : 'inline';
  return [
    new BodyCheck({
      declared,
      md5: md5Header === undefined ? undefined : (parseContentMd5(md5Header) ?? null),
      crc64: crcHeader === undefined ? undefined : (parseCrc64(crcHeader) ?? null),
      md5Placement,
    }),
  ];
}

/** Bytes buffered on each side of the transform: one socket read (64 KiB), so chunks are not held long. */
const HIGH_WATER_MARK = 64 * 1024;

class BodyCheck extends Transform {
  readonly #plan: Plan;
  readonly #crc: Crc64 | undefined;
  readonly #md5: Md5Hasher | undefined;
  #received = 0;
  /** The newest chunk, sent only once the next one arrives or, for the last one, once the body checks out. */
  #held: Buffer | undefined;

  constructor(plan: Plan) {
    super({ readableHighWaterMark: HIGH_WATER_MARK, writableHighWaterMark: HIGH_WATER_MARK });
    this.#plan = plan;
    this.#crc = plan.crc64 === undefined ? undefined : new Crc64();
    this.#md5 = plan.md5 === undefined ? undefined : createMd5Hasher(plan.md5Placement);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    let data = chunk;
    const { declared } = this.#plan;
    const room = declared === undefined ? data.length : declared - this.#received;
    // An empty chunk must not replace the held one, which would then leave before the check.
    if (data.length === 0 || room <= 0) {
      callback();
      return;
    }
    if (data.length > room) data = data.subarray(0, room);
    this.#received += data.length;
    let waiting: Promise<void> | undefined;
    try {
      waiting = this.#md5?.update(data);
    } catch (error) {
      callback(error as Error);
      return;
    }
    this.#crc?.update(data);
    const ready = this.#held;
    this.#held = data;
    if (ready !== undefined) this.push(ready);
    if (waiting === undefined) callback();
    else waiting.then(() => callback(), callback);
  }

  override _flush(callback: TransformCallback): void {
    const { declared } = this.#plan;
    if (declared !== undefined && this.#received < declared) {
      callback(ossError(INCOMPLETE_BODY));
      return;
    }
    const crcError = this.#crcError();
    const release = (md5Error: OssError | undefined) => {
      const error = md5Error ?? crcError;
      if (error) {
        this.#held = undefined;
        callback(error);
        return;
      }
      const last = this.#held;
      this.#held = undefined;
      callback(null, last);
    };
    if (this.#md5 === undefined) {
      release(undefined);
      return;
    }
    const expected = this.#plan.md5;
    this.#md5.digest().then(
      (md5) => release(expected?.equals(md5) ? undefined : ossError(INVALID_DIGEST, [], EC_MD5_MISMATCH)),
      (error: Error) => callback(error),
    );
  }

  #crcError(): OssError | undefined {
    if (this.#crc === undefined) return undefined;
    return this.#crc.digest() === this.#plan.crc64 ? undefined : ossError(INVALID_CRC64);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#held = undefined;
    this.#md5?.dispose();
    callback(error);
  }
}
