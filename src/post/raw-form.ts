import type { PostFilePart } from './form-part';
import { encodeFormHead } from './multipart-encoder';

/**
 * The form's bytes as the client sent them, tapped while busboy parses them, so that the upload can
 * forward them unchanged instead of re-encoding the form: busboy has to look at every byte for the
 * boundary; nothing else should. Until the upload starts the bytes are kept (the fields and a few
 * chunks: busboy's backpressure holds the body while the fields are judged); past `limit` the tap
 * gives up and the upload re-encodes as before.
 */
export class RawFormTap {
  #chunks: Buffer[] | undefined = [];
  #bytes = 0;
  #sink: ((chunk: Buffer) => void) | undefined;
  readonly boundary: string;
  readonly #limit: number;

  constructor(boundary: string, limit: number) {
    this.boundary = boundary;
    this.#limit = limit;
  }

  /** Every body chunk, in order, before busboy sees it. */
  push(chunk: Buffer): void {
    if (this.#sink !== undefined) {
      this.#sink(chunk);
      return;
    }
    if (this.#chunks === undefined) return;
    this.#bytes += chunk.length;
    if (this.#bytes > this.#limit) this.#chunks = undefined;
    else this.#chunks.push(chunk);
  }

  /**
   * The bytes so far when they begin exactly as the re-encoded form would (same fields, same file
   * part headers, the client's boundary instead of a fresh one), then every later chunk to `sink`.
   * Undefined otherwise (a preamble, extra part headers, an RFC 2231 filename, a capture given
   * up): the caller re-encodes, so what reaches OSS is always the form that was validated.
   */
  forward(
    fields: ReadonlyArray<readonly [string, string]>,
    file: PostFilePart,
    sink: (chunk: Buffer) => void,
  ): Buffer | undefined {
    const chunks = this.#chunks;
    this.#chunks = undefined;
    if (chunks === undefined) return undefined;
    const captured = Buffer.concat(chunks);
    const canonical = encodeFormHead(this.boundary, fields, file);
    if (captured.length < canonical.length || !captured.subarray(0, canonical.length).equals(canonical))
      return undefined;
    this.#sink = sink;
    return captured;
  }

  /** Stops tapping (the upload ended or re-encodes). */
  close(): void {
    this.#chunks = undefined;
    this.#sink = undefined;
  }
}

// The one form of Content-Type whose boundary every multipart parser reads the same way: no quotes,
// no other parameters, only the characters RFC 2046 allows in a bare token. Anything else is re-encoded.
const PLAIN_MULTIPART = /^multipart\/form-data; ?boundary=([0-9A-Za-z'()+_,\-./:=?]{1,70})$/i;

/** The boundary of a Content-Type that can be forwarded as is, else undefined. */
export function forwardableBoundary(contentType: string | undefined): string | undefined {
  return contentType === undefined ? undefined : PLAIN_MULTIPART.exec(contentType.trim())?.[1];
}
