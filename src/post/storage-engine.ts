import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';

/** What multer hands a storage engine (typed on node:http so no Express types are needed). */
export type PostFile = {
  fieldname: string;
  originalname: string;
  encoding: string;
  mimetype: string;
  /** The file's bytes; present while `_handleFile` runs. */
  stream: Readable;
  size?: number;
};

/** multer's StorageEngine contract (multer StorageEngine.md), without @types/multer's Express dependency. */
export type StorageEngine = {
  _handleFile(req: IncomingMessage, file: PostFile, callback: (error?: unknown, info?: object) => void): void;
  _removeFile(req: IncomingMessage, file: PostFile, callback: (error: Error | null) => void): void;
};

const FORWARDS_RAW_FORM = Symbol.for('oss-preflight.forwards-raw-form');

/** Marks an engine that forwards the form's original bytes, so the parser keeps them for it. */
export function markForwardsRawForm<T extends StorageEngine>(engine: T): T {
  return Object.assign(engine, { [FORWARDS_RAW_FORM]: true });
}

export function forwardsRawForm(engine: StorageEngine): boolean {
  return (engine as StorageEngine & { [FORWARDS_RAW_FORM]?: boolean })[FORWARDS_RAW_FORM] === true;
}
