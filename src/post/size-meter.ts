import type { IncomingMessage } from 'node:http';
import { pipeline, Transform, type TransformCallback } from 'node:stream';
import { isOssError } from '../core/oss-error';
import { entityTooLarge, entityTooSmall } from './errors';
import { getPostFormState, type SizeRange } from './form-state';
import type { PostFile, StorageEngine } from './storage-engine';

/**
 * Counts the file's bytes as they pass. Too many fail the first byte over the maximum; too few
 * fail in flush, so the stream errors instead of ending and whatever consumes it never sees a
 * normal end (ecosystem research §4.4: the upstream then aborts instead of committing).
 */
export class SizeMeter extends Transform {
  bytes = 0;

  constructor(private readonly range: SizeRange) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytes += chunk.length;
    if (this.bytes > this.range.max) callback(entityTooLarge());
    else callback(null, chunk);
  }

  override _flush(callback: TransformCallback): void {
    callback(this.bytes < this.range.min ? entityTooSmall() : null);
  }
}

/**
 * Wraps any storage engine so that content-length-range and the 5 GB cap hold whatever the engine
 * does with the bytes. busboy ends a file normally when its fileSize limit hits, so its 'limit'
 * event fails the request as well: a truncated file must never look complete.
 */
export function meteredStorage(inner: StorageEngine): StorageEngine {
  return {
    _handleFile(req: IncomingMessage, file: PostFile, callback) {
      const state = getPostFormState(req);
      if (state === undefined) {
        inner._handleFile(req, file, callback);
        return;
      }
      file.stream.once('limit', () => state.fail(entityTooLarge()));
      const meter = new SizeMeter(state.sizeRange);
      const metered = pipeline(file.stream, meter, (error) => {
        // Only the meter's own verdict is news; other errors are consequences reported elsewhere.
        if (isOssError(error)) state.fail(error);
      });
      const view: PostFile = { ...file, stream: metered };
      inner._handleFile(req, view, callback);
    },
    _removeFile(req, file, callback) {
      inner._removeFile(req, file, callback);
    },
  };
}
