import { createHash } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { lazyModule } from '../core/lazy';

/**
 * MD5 of a streamed body, computed either on the calling thread or in a worker thread. node:crypto's
 * MD5 is native but synchronous (~700 MiB/s, one core): on the event loop it adds its whole cost to
 * every byte the gateway relays. In a worker it overlaps with the socket I/O of the main thread.
 */
export interface Md5Hasher {
  /**
   * Adds `data`. The bytes are consumed (copied or hashed) before this returns, so the caller may pass
   * the buffer on. A promise means the worker is behind: wait for it before sending more, so that
   * memory stays bounded.
   */
  update(data: Uint8Array): Promise<void> | undefined;
  /** The digest of everything added; call once. */
  digest(): Promise<Buffer>;
  /** Drops the hash (the body was aborted); safe to call at any time, more than once. */
  dispose(): void;
}

class InlineMd5 implements Md5Hasher {
  readonly #hash = createHash('md5');

  update(data: Uint8Array): undefined {
    this.#hash.update(data);
    return undefined;
  }

  digest(): Promise<Buffer> {
    return Promise.resolve(this.#hash.digest());
  }

  dispose(): void {}
}

/** Bytes copied per message to the worker: large enough that messaging costs nothing, small enough to stay in cache. */
const SLAB_BYTES = 256 * 1024;
/**
 * Slabs per body: the bound on what a body may have copied but not yet hashed (2 MiB). The event loop
 * produces in bursts and the worker consumes steadily; 8 slabs absorb that (1 MiB measured ~15%
 * slower, 4 and 8 MiB no faster: docs/benchmarks/integrity.md).
 */
const SLABS = 8;

type ToWorker =
  | { readonly t: 'open'; readonly id: number; readonly buffer: SharedArrayBuffer }
  | { readonly t: 'data'; readonly id: number; readonly slab: number; readonly length: number }
  | { readonly t: 'end'; readonly id: number }
  | { readonly t: 'drop'; readonly id: number };

type FromWorker =
  | { readonly t: 'ready'; readonly id: 0 }
  | { readonly t: 'free'; readonly id: number; readonly slab: number }
  | { readonly t: 'digest'; readonly id: number; readonly md5: Uint8Array };

// Plain JavaScript evaluated in the worker, so that it runs the same from the sources (ts-jest), the ESM
// build and the CommonJS build: a worker file would need a path that differs in each. It needs only
// node:crypto; each body has a SharedArrayBuffer of SLABS slabs that the main thread fills and the
// worker hands back once hashed.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const SLAB = ${SLAB_BYTES};
const jobs = new Map();
parentPort.postMessage({ t: 'ready', id: 0 });
parentPort.on('message', (m) => {
  if (m.t === 'open') {
    jobs.set(m.id, { hash: createHash('md5'), bytes: new Uint8Array(m.buffer) });
  } else if (m.t === 'data') {
    const job = jobs.get(m.id);
    if (job === undefined) return;
    job.hash.update(job.bytes.subarray(m.slab * SLAB, m.slab * SLAB + m.length));
    parentPort.postMessage({ t: 'free', id: m.id, slab: m.slab });
  } else if (m.t === 'end') {
    const job = jobs.get(m.id);
    jobs.delete(m.id);
    if (job !== undefined) parentPort.postMessage({ t: 'digest', id: m.id, md5: job.hash.digest() });
  } else if (m.t === 'drop') {
    jobs.delete(m.id);
  }
});
`;

// Worker threads load with the first body hashed on one, not at import.
const workerThreads = lazyModule<typeof import('node:worker_threads')>('node:worker_threads');

class Md5Thread {
  readonly #worker: Worker;
  readonly jobs = new Map<number, WorkerMd5>();
  failure: Error | undefined;
  /** Set once the worker has started; a thread that fails before that means workers cannot run here. */
  started = false;
  stopping = false;

  constructor(onFailure: (thread: Md5Thread) => void) {
    this.#worker = new (workerThreads().Worker)(WORKER_SOURCE, { eval: true });
    // An idle hashing thread must not keep the process alive; it is ref'ed while a body is hashed.
    this.#worker.unref();
    this.#worker.on('message', (message: FromWorker) => {
      if (message.t === 'ready') this.started = true;
      else this.jobs.get(message.id)?.receive(message);
    });
    const fail = (error: Error) => {
      if (this.failure) return;
      this.failure = error;
      onFailure(this);
      for (const job of this.jobs.values()) job.fail(error);
      this.jobs.clear();
    };
    this.#worker.on('error', fail);
    this.#worker.on('exit', (code) => fail(new Error(`oss-preflight: MD5 worker exited with code ${code}`)));
  }

  post(message: ToWorker): void {
    this.#worker.postMessage(message);
  }

  attach(job: WorkerMd5): void {
    if (this.jobs.size === 0) this.#worker.ref();
    this.jobs.set(job.id, job);
  }

  detach(id: number): void {
    if (this.jobs.delete(id) && this.jobs.size === 0) this.#worker.unref();
  }

  terminate(): Promise<number> {
    this.stopping = true;
    return this.#worker.terminate();
  }
}

let nextId = 1;

class WorkerMd5 implements Md5Hasher {
  readonly id = nextId++;
  readonly #thread: Md5Thread;
  readonly #bytes: Uint8Array;
  readonly #free: number[] = [];
  #slab = -1;
  #fill = 0;
  #failure: Error | undefined;
  #onSlab: { resolve: () => void; reject: (error: Error) => void } | undefined;
  #onDigest: { resolve: (md5: Buffer) => void; reject: (error: Error) => void } | undefined;

  constructor(thread: Md5Thread) {
    this.#thread = thread;
    const buffer = new SharedArrayBuffer(SLAB_BYTES * SLABS);
    this.#bytes = new Uint8Array(buffer);
    for (let slab = SLABS - 1; slab >= 0; slab--) this.#free.push(slab);
    thread.attach(this);
    thread.post({ t: 'open', id: this.id, buffer });
  }

  update(data: Uint8Array): Promise<void> | undefined {
    let offset = 0;
    while (offset < data.length) {
      if (this.#failure) return Promise.reject(this.#failure);
      if (this.#slab === -1) {
        const slab = this.#free.pop();
        if (slab === undefined) {
          const rest = data.subarray(offset);
          return new Promise<void>((resolve, reject) => {
            this.#onSlab = { resolve, reject };
          }).then(() => this.update(rest));
        }
        this.#slab = slab;
        this.#fill = 0;
      }
      const n = Math.min(SLAB_BYTES - this.#fill, data.length - offset);
      this.#bytes.set(data.subarray(offset, offset + n), this.#slab * SLAB_BYTES + this.#fill);
      this.#fill += n;
      offset += n;
      if (this.#fill === SLAB_BYTES) this.#send();
    }
    return undefined;
  }

  #send(): void {
    this.#thread.post({ t: 'data', id: this.id, slab: this.#slab, length: this.#fill });
    this.#slab = -1;
    this.#fill = 0;
  }

  digest(): Promise<Buffer> {
    if (this.#failure) return Promise.reject(this.#failure);
    if (this.#slab !== -1 && this.#fill > 0) this.#send();
    this.#thread.post({ t: 'end', id: this.id });
    return new Promise((resolve, reject) => {
      this.#onDigest = { resolve, reject };
    });
  }

  receive(message: Exclude<FromWorker, { t: 'ready' }>): void {
    if (message.t === 'free') {
      this.#free.push(message.slab);
      const waiting = this.#onSlab;
      this.#onSlab = undefined;
      waiting?.resolve();
      return;
    }
    this.#thread.detach(this.id);
    const md5 = message.md5;
    this.#onDigest?.resolve(Buffer.from(md5.buffer, md5.byteOffset, md5.byteLength));
    this.#onDigest = undefined;
  }

  fail(error: Error): void {
    this.#failure = error;
    this.#onSlab?.reject(error);
    this.#onDigest?.reject(error);
    this.#onSlab = undefined;
    this.#onDigest = undefined;
  }

  dispose(): void {
    if (!this.#thread.jobs.has(this.id)) return;
    this.#thread.detach(this.id);
    this.#thread.post({ t: 'drop', id: this.id });
    this.fail(new Error('oss-preflight: MD5 of a dropped body'));
  }
}

/**
 * At most one hashing thread per spare core (at least one, at most four): more threads than cores
 * would only take turns with the event loop. Bodies share threads; each thread hashes bodies in the
 * order their slabs arrive.
 */
const maxThreads = (): number => Math.max(1, Math.min(4, availableParallelism() - 1));
const threads: Md5Thread[] = [];
let workersUnavailable = false;

function pickThread(): Md5Thread | undefined {
  if (workersUnavailable) return undefined;
  let best: Md5Thread | undefined;
  for (const thread of threads) if (best === undefined || thread.jobs.size < best.jobs.size) best = thread;
  if (best !== undefined && (best.jobs.size === 0 || threads.length >= maxThreads())) return best;
  try {
    const thread = new Md5Thread((failed) => {
      const index = threads.indexOf(failed);
      if (index !== -1) threads.splice(index, 1);
      // A worker that dies before starting will not start next time either: hash in line from now on.
      if (!failed.started && !failed.stopping) workersUnavailable = true;
    });
    threads.push(thread);
    return thread;
  } catch {
    // Workers can be unavailable (resource limits, a sandbox): hash on the main thread instead.
    workersUnavailable = true;
    return best;
  }
}

export type Md5Placement = 'worker' | 'inline';

/** A hasher on a worker thread, or on the calling thread when asked to or when no worker can start. */
export function createMd5Hasher(placement: Md5Placement): Md5Hasher {
  const thread = placement === 'worker' ? pickThread() : undefined;
  return thread ? new WorkerMd5(thread) : new InlineMd5();
}

/** Stops the hashing threads (they are started again on demand); for graceful shutdown and tests. */
export async function stopMd5Workers(): Promise<void> {
  const stopping = threads.splice(0);
  await Promise.all(stopping.map((thread) => thread.terminate()));
}
