import { createHash, type Hash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Readable, Writable } from 'node:stream';
import { MAX_POST_BODY_BYTES } from '../rules/post-object';
import {
  bodyTooLarge,
  digestInvalid,
  fieldTooLong,
  malformedPost,
  PostInternalError,
  preDataTooLarge,
  toPostError,
  wrongFileCount,
} from './errors';
import { getPostFormState, type PostFormState } from './form-state';
import type { ResolvedLimits } from './limits';
import { forwardableBoundary, RawFormTap } from './raw-form';

type FieldInfo = { readonly valueTruncated: boolean; readonly mimeType: string };
type FileInfo = {
  readonly filename: string | undefined;
  readonly encoding: string;
  readonly mimeType: string;
};

/** multer drops file parts without a filename; OSS does not, so such a part reaches multer under this name. */
export const NO_FILENAME = '\u0000no-filename';

/**
 * multer's `streamHandler`: it sees every busboy event before multer does, so the form's order
 * and limits are decided here with OSS's errors, and a rejected request never reaches multer's
 * own handling. Fields reach multer with brackets escaped: PostObject names are flat, and
 * multer would otherwise nest `x-oss-meta-a[b]` or refuse it under fieldNestingDepth 0.
 */
export function createStreamHandler(limits: ResolvedLimits, tapRawForm = false) {
  // The fields before the file and a few chunks of slack; a form with more is re-encoded instead.
  const rawLimit = 2 * limits.preDataBytes + (1 << 20);
  return function postStreamHandler(req: IncomingMessage, busboy: Writable): void {
    const state = getPostFormState(req);
    if (state === undefined) {
      req.pipe(busboy);
      return;
    }
    state.parsing = true;
    const boundary = tapRawForm ? forwardableBoundary(req.headers['content-type']) : undefined;
    const tap = boundary === undefined ? undefined : new RawFormTap(boundary, rawLimit);
    state.rawForm = tap;
    const fail = (error: Error) => state.fail(error);
    state.settled((error) => {
      if (error) tap?.close();
      // Outside busboy's own call stack: destroying it mid-parse would leave its loop half-run.
      if (error) process.nextTick(() => busboy.destroy(error));
    });

    const emit = busboy.emit.bind(busboy);
    busboy.emit = (event: string | symbol, ...args: unknown[]): boolean => {
      try {
        if (event === 'field') return onField(state, limits, emit, args);
        if (event === 'file') return onFile(state, emit, args);
      } catch (error) {
        // Thrown here it would unwind through busboy and the socket's data handler and take the process down.
        fail(new PostInternalError(error));
        return false;
      }
      // busboy stops announcing file parts after the first (limits.files 1); the next one is a part after the file.
      if (event === 'filesLimit') {
        if (state.file !== undefined) misplacedPart(state);
        else fail(wrongFileCount());
      } else if (event === 'fieldsLimit' || event === 'partsLimit') fail(preDataTooLarge());
      return emit(event, ...args);
    };
    busboy.on('error', (error: unknown) => fail(toPostError(error)));

    const digest = contentMd5Check(req);
    req.on('data', (chunk: Buffer) => {
      tap?.push(chunk);
      state.bodyBytes += chunk.length;
      digest?.hash.update(chunk);
      if (state.bodyBytes > MAX_POST_BODY_BYTES) fail(bodyTooLarge());
    });
    req.on('close', () => {
      if (!req.complete) fail(malformedPost());
    });
    busboy.on('finish', () => {
      if (digest && digest.hash.digest('base64') !== digest.expected) fail(digestInvalid());
      else state.finish();
    });
    req.pipe(busboy);
  };
}

/**
 * A Content-MD5 header covers the multipart body as sent (PostObject FAQ). The form may be
 * re-encoded for the upstream, so the header does not travel with it: the digest is checked here.
 */
function contentMd5Check(req: IncomingMessage): { hash: Hash; expected: string } | undefined {
  const expected = req.headers['content-md5'];
  return typeof expected === 'string' ? { hash: createHash('md5'), expected: expected.trim() } : undefined;
}

function escapeBrackets(name: string): string {
  return name.includes('[') || name.includes(']') ? name.replaceAll('[', '%5B').replaceAll(']', '%5D') : name;
}

function onField(
  state: PostFormState,
  limits: ResolvedLimits,
  emit: (event: string, ...args: unknown[]) => boolean,
  args: unknown[],
): boolean {
  const [name, value, info] = args as [string | undefined, string, FieldInfo];
  if (state.error !== undefined) return false;
  if (name === undefined) return rejectPart(state, malformedPost());
  if (info.valueTruncated || Buffer.byteLength(name) > limits.fieldNameBytes)
    return rejectPart(state, fieldTooLong());
  // OSS requires the file to be the last part.
  if (state.file !== undefined) {
    misplacedPart(state);
    return false;
  }
  if (state.preDataBytes + Buffer.byteLength(value) > limits.preDataBytes)
    return rejectPart(state, preDataTooLarge());
  state.preDataBytes += Buffer.byteLength(value);
  state.fields.push([name, value]);
  return emit('field', escapeBrackets(name), value, info);
}

function rejectPart(state: PostFormState, error: Error): false {
  state.fail(error);
  return false;
}

/**
 * A part after the file fails the request, but a small body can deliver it before the fileFilter
 * has judged the fields; the form's own error is the better answer then (for a key placed after
 * the file, OSS's message says to check the order), so the verdict waits for the filter.
 */
function misplacedPart(state: PostFormState): void {
  if (state.accepted) state.fail(wrongFileCount());
  else state.partAfterFile = true;
}

function onFile(
  state: PostFormState,
  emit: (event: string, ...args: unknown[]) => boolean,
  args: unknown[],
): boolean {
  const [name, stream, info] = args as [string | undefined, Readable, FileInfo];
  // busboy destroys the part's stream with the parse error when the form breaks mid-file; that error
  // already reaches the form through busboy's own 'error'. Without a listener here, a part nobody
  // reads yet (the form still being decided) would take the process down with it.
  stream.on('error', () => undefined);
  if (state.error === undefined) {
    if (name === undefined) state.fail(malformedPost());
    else if (state.file !== undefined) misplacedPart(state);
    // OSS's file is the part named "file"; a file part under any other name breaks "exactly one".
    else if (name.toLowerCase() !== 'file') state.fail(wrongFileCount());
    else {
      state.file = {
        fieldName: name,
        filename: info.filename,
        mimeType: info.mimeType,
        encoding: info.encoding,
      };
      const filename = info.filename === undefined || info.filename === '' ? NO_FILENAME : info.filename;
      return emit('file', 'file', stream, { ...info, filename });
    }
  }
  stream.resume();
  return false;
}
