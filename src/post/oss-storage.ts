import type * as http from 'node:http';
import type { IncomingMessage } from 'node:http';
import { pipeline, Writable } from 'node:stream';
import { encodeQuery } from '../core/encoding';
import { optionError, rejectUnknownOptions } from '../core/options';
import { isOssError, type OssError } from '../core/oss-error';
import { normalizeHeaders } from '../core/request';
import { forwardableHeaders } from '../http/hop-by-hop';
import { getOssRequest } from '../http/request-state';
import {
  parseEndpoint,
  readCapped,
  regionFromEndpoint,
  type UpstreamTarget,
  upstreamRequest,
} from '../http/upstream';
import { signV4, v4Encode } from '../signing/sign-v4';
import type { Credentials } from '../signing/types';
import { PostInternalError, toPostError, UpstreamResponseError, UpstreamUnavailableError } from './errors';
import { NO_FILENAME } from './form-parser';
import { getPostFormState, type PostFilePart } from './form-state';
import { encodeFormHead, encodeFormTail, newBoundary } from './multipart-encoder';
import type { UpstreamResponse } from './respond';
import { markForwardsRawForm, type PostFile, type StorageEngine } from './storage-engine';
import {
  checkPlainUploadOptions,
  type ObjectAcl,
  planPlainUpload,
  resolveOption,
  type StorageOption,
} from './storage-options';
import { expandKey } from './validate-form';

export type { ObjectAcl, StorageOption } from './storage-options';

/**
 * Where and how files are stored. A PostObject form that went through `postObject()` is stored as
 * its policy signed it: the form's key, fields and bucket win, and `bucket`, `key`, `contentType`,
 * `metadata` and `acl` are not consulted. Any other multer upload is stored with a PutObject under the
 * bucket and key these options give (values, or functions of `(req, file)` as in multer-s3).
 */
export type OssStorageOptions = {
  /** OSS endpoint (`https://oss-cn-hangzhou.aliyuncs.com`) or a stand-in; objects go to `<bucket>.<host>`. */
  readonly endpoint: string | URL;
  /**
   * How a file is stored. `post` sends the PostObject form on, authenticated by its own policy and
   * signature: the client's bytes as they arrive when they are exactly the validated form, else the
   * validated fields re-encoded and the file streamed. `put` stores the file with a PutObject signed by
   * `credentials` (a PostObject form's header fields become headers).
   * @defaultValue `'post'` for forms that went through `postObject()`, `'put'` for other uploads
   */
  readonly upload?: 'post' | 'put';
  /**
   * Signs PutObject (`put`) and the DeleteObject of `_removeFile`, with V4.
   * @defaultValue none: PutObject goes unsigned (a bucket that allows anonymous writes, or a stand-in)
   */
  readonly credentials?: Credentials;
  /**
   * Region for V4 signing.
   * @defaultValue from an `oss-<region>` endpoint, else `'cn-hangzhou'`
   */
  readonly region?: string;
  /**
   * The bucket of uploads that did not go through `postObject()` (a PostObject form names its own in
   * the URL).
   * @defaultValue none: such an upload fails (a PlainUploadError for your error handler)
   */
  readonly bucket?: StorageOption<string>;
  /**
   * The object key of uploads that did not go through `postObject()`.
   * @defaultValue the form's `key` field (sent before the file; `${filename}` is replaced by the file's
   * name); without one the upload is refused with OSS's InvalidArgument for a form without a key
   */
  readonly key?: StorageOption<string>;
  /**
   * The stored object's Content-Type (uploads that did not go through `postObject()`).
   * @defaultValue the Content-Type of the file part
   */
  readonly contentType?: StorageOption<string>;
  /**
   * User metadata stored with the object, sent as `x-oss-meta-<name>` (names lower-cased; OSS refuses
   * names other than letters, digits and `-`, and 8 KB or more in all).
   * @defaultValue none
   */
  readonly metadata?: StorageOption<Readonly<Record<string, string>>>;
  /**
   * The object's ACL (`x-oss-object-acl`).
   * @defaultValue none: the bucket's ACL applies
   */
  readonly acl?: StorageOption<ObjectAcl>;
  /**
   * The agent for requests to the endpoint.
   * @defaultValue Node's global agent
   */
  readonly agent?: http.Agent;
};

/** What the engine adds to multer's `req.file`. */
export type OssUploadInfo = {
  readonly bucket: string;
  readonly key: string;
  /** The object's URL, virtual-hosted on the endpoint: `https://<bucket>.<endpoint host>/<key>`. */
  readonly location: string;
  /** File bytes sent upstream. */
  readonly size: number;
  readonly etag: string | undefined;
  readonly requestId: string | undefined;
  /**
   * The upstream's answer. For a PostObject form its body is unread: relay it (createPostObjectHandler
   * does) or call `body.resume()`. For other uploads the engine has read it already.
   */
  readonly upstream: UpstreamResponse;
};

const OPTION_NAMES = [
  'endpoint',
  'upload',
  'credentials',
  'region',
  'bucket',
  'key',
  'contentType',
  'metadata',
  'acl',
  'agent',
] as const;
/** OSS error documents are a few hundred bytes; an upstream error body is relayed up to this. */
const ERROR_BODY_LIMIT = 1024 * 1024;
const POST_FORM_ONLY = new Set(['content-length', 'content-type', 'transfer-encoding', 'content-md5']);
// Authentication fields of the form: a PutObject is signed by the engine's own key instead.
const FORM_AUTH_FIELDS = new Set([
  'x-oss-signature-version',
  'x-oss-credential',
  'x-oss-date',
  'x-oss-signature',
  'x-oss-security-token',
  'x-oss-access-key-id',
  'x-oss-content-type',
]);
const PUT_HEADER_FIELDS = new Set(['cache-control', 'content-disposition', 'content-encoding', 'expires']);

type Plan = { method: string; path: string; headers: Record<string, string>; head: Buffer; tail: Buffer };

/**
 * The form as the client sent it: its own Content-Type (boundary) and framing. Only used once
 * RawFormTap.forward() has found its bytes identical to the re-encoded form's up to the file data.
 */
function rawPostPlan(input: UploadInput, contentType: string): Plan {
  const headers = forwardableHeaders(input.requestHeaders);
  const length = input.requestHeaders['content-length'];
  for (const name of POST_FORM_ONLY) delete headers[name];
  headers['content-type'] = contentType;
  if (length !== undefined) headers['content-length'] = length;
  else headers['transfer-encoding'] = 'chunked';
  return {
    method: 'POST',
    path: input.rawQuery === '' ? '/' : `/?${input.rawQuery}`,
    headers,
    head: Buffer.alloc(0),
    tail: Buffer.alloc(0),
  };
}

type UploadInput = {
  readonly bucket: string;
  readonly key: string;
  /** A PostObject form's fields (its header fields become PutObject headers with `put`). */
  readonly fields: ReadonlyArray<readonly [string, string]>;
  /** PutObject headers decided by the options (uploads that did not go through postObject()). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The upstream's answer is read by the engine: nobody relays it. */
  readonly consumeAnswer?: boolean;
  readonly file: PostFilePart;
  readonly requestHeaders: Readonly<Record<string, string | undefined>>;
  readonly rawQuery: string;
};

function postPlan(input: UploadInput): Plan {
  const boundary = newBoundary();
  const headers = forwardableHeaders(input.requestHeaders);
  for (const name of POST_FORM_ONLY) delete headers[name];
  headers['content-type'] = `multipart/form-data; boundary=${boundary}`;
  headers['transfer-encoding'] = 'chunked';
  return {
    method: 'POST',
    path: input.rawQuery === '' ? '/' : `/?${input.rawQuery}`,
    headers,
    head: encodeFormHead(boundary, input.fields, input.file),
    tail: encodeFormTail(boundary),
  };
}

/** Header values travel as bytes; Node takes them as latin1, so UTF-8 text is passed byte for byte. */
function headerValue(value: string): string {
  if (/[\r\n\u0000]/.test(value))
    throw new PostInternalError(`a form value cannot become a PutObject header`);
  return Buffer.from(value, 'utf8').toString('latin1');
}

function putPlan(input: UploadInput, credentials: Credentials | undefined, region: string): Plan {
  const headers: Record<string, string> = { ...input.headers };
  const callbackVars: Record<string, string> = {};
  let contentType = input.file.mimeType;
  let ossContentType: string | undefined;
  const seen = new Set<string>();
  for (const [name, value] of input.fields) {
    const lower = name.toLowerCase();
    if (seen.has(lower)) continue;
    seen.add(lower);
    if (lower === 'content-type') contentType = value;
    else if (lower === 'x-oss-content-type') ossContentType = value;
    else if (lower === 'callback') headers['x-oss-callback'] = headerValue(value);
    else if (lower.startsWith('x:')) callbackVars[name] = value;
    else if (PUT_HEADER_FIELDS.has(lower) || (lower.startsWith('x-oss-') && !FORM_AUTH_FIELDS.has(lower))) {
      headers[lower] = headerValue(value);
    }
  }
  // PostObject precedence: x-oss-content-type, then the Content-Type field, then the file part's type.
  const type = ossContentType ?? contentType;
  // Options that set the Content-Type (uploads that did not go through postObject()) have the last word.
  if (type !== undefined && input.headers?.['content-type'] === undefined)
    headers['content-type'] = headerValue(type);
  if (Object.keys(callbackVars).length > 0) {
    headers['x-oss-callback-var'] = Buffer.from(JSON.stringify(callbackVars), 'utf8').toString('base64');
  }
  if (credentials) {
    const signable = { method: 'PUT', bucket: input.bucket, key: input.key, query: [], headers };
    Object.assign(headers, signV4(signable, credentials, { region }));
  }
  headers['transfer-encoding'] = 'chunked';
  return {
    method: 'PUT',
    path: `/${v4Encode(input.key).replaceAll('%2F', '/')}`,
    headers,
    head: Buffer.alloc(0),
    tail: Buffer.alloc(0),
  };
}

function filePartOf(file: PostFile): PostFilePart {
  return {
    fieldName: file.fieldname,
    filename: file.originalname === '' || file.originalname === NO_FILENAME ? undefined : file.originalname,
    mimeType: file.mimetype,
    encoding: file.encoding,
  };
}

/** The object's address, virtual-hosted on the endpoint as the engine sends its requests. */
function locationOf(endpoint: URL, bucket: string, key: string): string {
  const base = endpoint.pathname.replace(/\/$/, '');
  return `${endpoint.protocol}//${bucket}.${endpoint.host}${base}/${v4Encode(key).replaceAll('%2F', '/')}`;
}

function fieldsOfBody(body: unknown): Array<[string, string]> {
  if (typeof body !== 'object' || body === null) return [];
  return Object.entries(body).flatMap(([name, value]) =>
    (Array.isArray(value) ? value : [value])
      .filter((v) => typeof v === 'string')
      .map((v) => [name, v] as [string, string]),
  );
}

/**
 * A multer storage engine that streams each file on to OSS with constant memory: the file's
 * bytes pass through with backpressure and are never collected. The request body is chunked, and
 * its final chunk (which is what makes OSS store the object) is sent only once the whole form has
 * been read and accepted; any failure before that destroys the upstream request, so OSS never
 * keeps a truncated or rejected upload.
 */
export function ossStorage(options: OssStorageOptions): StorageEngine {
  const factory = 'ossStorage()';
  rejectUnknownOptions(factory, options, OPTION_NAMES);
  const url = parseEndpoint(options.endpoint, factory);
  // Unset: a PostObject form goes on as a form, any other upload as a PutObject.
  const mode = options.upload;
  if (mode !== undefined && mode !== 'post' && mode !== 'put')
    throw optionError(factory, '"upload" must be "post" or "put".');
  checkPlainUploadOptions(factory, options);
  const credentials = options.credentials;
  if (credentials !== undefined && (!credentials.accessKeyId || !credentials.accessKeySecret)) {
    throw optionError(factory, '"credentials" needs both accessKeyId and accessKeySecret.');
  }
  const region = options.region ?? regionFromEndpoint(url) ?? 'cn-hangzhou';
  const target: UpstreamTarget = { url, agent: options.agent };

  /** The form's own bucket, key and fields: a PostObject form, or a form relayed with `upload: 'post'`. */
  function formInput(req: IncomingMessage, file: PostFile, bucket: string): UploadInput {
    const state = getPostFormState(req);
    const request = state?.request ?? getOssRequest(req);
    const filePart = state?.file ?? filePartOf(file);
    const fields = state?.fields ?? fieldsOfBody((req as IncomingMessage & { body?: unknown }).body);
    const rawKey = fields.find(([name]) => name.toLowerCase() === 'key')?.[1] ?? '';
    return {
      bucket,
      key: state?.key ?? expandKey(rawKey, filePart.filename),
      fields,
      file: filePart,
      requestHeaders: request?.headers ?? normalizeHeaders(req.headers),
      // Written back from the parsed pairs: the upstream gets the query that was validated.
      rawQuery: request === undefined ? '' : encodeQuery(request.queryPairs),
    };
  }

  /** Any other upload: stored with a PutObject where the options say, with the headers they give. */
  async function plainInput(req: IncomingMessage, file: PostFile): Promise<UploadInput | OssError> {
    const filePart = filePartOf(file);
    const fields = fieldsOfBody((req as IncomingMessage & { body?: unknown }).body);
    const formKey = fields.find(([name]) => name.toLowerCase() === 'key')?.[1];
    const plan = await planPlainUpload(
      options,
      req,
      file,
      formKey === undefined ? undefined : expandKey(formKey, filePart.filename),
    );
    if (isOssError(plan)) return plan;
    return {
      bucket: plan.bucket,
      key: plan.key,
      fields: [],
      headers: plan.headers,
      consumeAnswer: true,
      file: filePart,
      requestHeaders: normalizeHeaders(req.headers),
      rawQuery: '',
    };
  }

  const engine: StorageEngine = {
    _handleFile(req, file, callback) {
      const state = getPostFormState(req);
      const bucket = state?.request.bucket;
      if (state !== undefined && bucket !== undefined) {
        store(req, file, formInput(req, file, bucket), mode ?? 'post', callback);
        return;
      }
      const input =
        mode === 'post'
          ? resolveOption(options.bucket, req, file).then((named) => {
              const relayTo = getOssRequest(req)?.bucket ?? named;
              if (typeof relayTo !== 'string')
                throw new PostInternalError('ossStorage() found no bucket: use postObject() or set "bucket"');
              return formInput(req, file, relayTo);
            })
          : plainInput(req, file);
      input.then(
        (ready) => (isOssError(ready) ? callback(ready) : store(req, file, ready, mode ?? 'put', callback)),
        (error: unknown) => callback(error),
      );
    },

    _removeFile(req, file, callback) {
      removeFile(req, file, callback);
    },
  };

  function store(
    req: IncomingMessage,
    file: PostFile,
    input: UploadInput,
    mode: 'post' | 'put',
    callback: (error?: unknown, info?: object) => void,
  ): void {
    const state = getPostFormState(req);
    let plan: Plan;
    // The original bytes, when they can go as they are: the last chunk is held back until the whole
    // form is accepted, which keeps OSS from completing the upload (the body is short by it).
    let raw: { held: Buffer | undefined } | undefined;
    const tap = mode === 'post' && state !== undefined ? state.rawForm : undefined;
    const contentType = input.requestHeaders['content-type'];
    const captured =
      tap === undefined || contentType === undefined
        ? undefined
        : tap.forward(input.fields, input.file, (chunk) => {
            if (raw === undefined || upstreamReq.destroyed) return;
            if (raw.held !== undefined) upstreamReq.write(raw.held);
            raw.held = chunk;
          });
    try {
      if (captured !== undefined && contentType !== undefined) {
        plan = rawPostPlan(input, contentType);
        raw = { held: captured };
      } else {
        tap?.close();
        plan = mode === 'post' ? postPlan(input) : putPlan(input, credentials, region);
      }
    } catch (error) {
      tap?.close();
      callback(error instanceof PostInternalError ? error : new PostInternalError(error));
      return;
    }

    let settled = false;
    let responded = false;
    let requestEnded = false;
    let size = 0;
    let success: OssUploadInfo | undefined;
    const upstreamReq = upstreamRequest(target, {
      method: plan.method,
      bucket: input.bucket,
      path: plan.path,
      headers: plan.headers,
    });

    const finish = (error: Error | null, info?: OssUploadInfo) => {
      if (settled) return;
      settled = true;
      if (error) callback(error);
      else callback(null, { ...info, originalname: input.file.filename ?? '' });
    };
    const writer = new Writable({
      write(chunk: Buffer, _encoding, next) {
        size += chunk.length;
        // Forwarding the original bytes, the file's bytes are only counted; the upstream's
        // backpressure still holds busboy, and through it the client.
        if (raw !== undefined) {
          if (upstreamReq.writableNeedDrain) upstreamReq.once('drain', () => next());
          else next();
        } else if (upstreamReq.write(chunk)) next();
        else upstreamReq.once('drain', () => next());
      },
      final(next) {
        const commit = () =>
          upstreamReq.end(raw === undefined ? plan.tail : raw.held, () => {
            tap?.close();
            requestEnded = true;
            if (success !== undefined) finish(null, success);
            next();
          });
        // The final chunk waits for the whole form: a field after the file or a bad digest still fails it.
        if (state === undefined) commit();
        else state.settled((error) => (error ? next(error) : commit()));
      },
    });
    let readingErrorBody = false;
    // Stops the upload for good: destroying the unfinished chunked request is what keeps OSS from storing.
    const abort = (error: Error) => {
      tap?.close();
      // An error answer is still being read; its reader destroys the request when done.
      if (!readingErrorBody) upstreamReq.destroy();
      writer.destroy();
      finish(error);
    };

    upstreamReq.on('error', (error) => {
      if (!responded) abort(state?.error ?? new UpstreamUnavailableError(error.message, error));
    });
    upstreamReq.on('response', (res) => {
      responded = true;
      const status = res.statusCode ?? 502;
      if (status >= 400) {
        // OSS may answer before the body is complete; read its answer, then drop the unfinished request.
        readingErrorBody = true;
        void readCapped(res, ERROR_BODY_LIMIT).then((body) => {
          readingErrorBody = false;
          const error = new UpstreamResponseError(status, res.statusMessage, res.headers, body);
          state?.fail(error);
          upstreamReq.destroy();
          writer.destroy();
          finish(state?.error ?? error);
        });
        return;
      }
      const etag = res.headers.etag;
      const requestId = res.headers['x-oss-request-id'];
      // Nobody relays the answer to an upload made for the application: read it, so the socket is free.
      if (input.consumeAnswer) res.resume();
      success = {
        bucket: input.bucket,
        key: input.key,
        location: locationOf(url, input.bucket, input.key),
        size,
        etag: typeof etag === 'string' ? etag : undefined,
        requestId: typeof requestId === 'string' ? requestId : undefined,
        upstream: { status, statusMessage: res.statusMessage, headers: res.headers, body: res },
      };
      if (requestEnded) finish(null, success);
    });
    state?.settled((error) => {
      if (error) abort(error);
    });
    // A client that leaves (or is cut off by the gateway's own deadline) after its form was
    // accepted: the form can never be complete, so the upstream request is dropped rather than
    // left open. The socket's close, not the request's: a request the server already answered
    // is detached from its socket and never closes on its own.
    const socket = req.socket;
    const onSocketClose = () => {
      if (!req.complete) abort(state?.error ?? toPostError(new Error('client closed the connection')));
    };
    socket?.once('close', onSocketClose);
    upstreamReq.once('close', () => socket?.off('close', onSocketClose));

    upstreamReq.write(plan.head);
    pipeline(file.stream, writer, (error) => {
      if (!error) return;
      if (isOssError(error)) state?.fail(error);
      abort(state?.error ?? toPostError(error));
    });
  }

  function removeFile(_req: IncomingMessage, file: PostFile, callback: (error: Error | null) => void): void {
    const info = file as PostFile & Partial<OssUploadInfo>;
    info.upstream?.body.resume();
    if (info.bucket === undefined || info.key === undefined || credentials === undefined) {
      callback(null);
      return;
    }
    const signable = { method: 'DELETE', bucket: info.bucket, key: info.key, query: [], headers: {} };
    const request = upstreamRequest(target, {
      method: 'DELETE',
      bucket: info.bucket,
      path: `/${v4Encode(info.key).replaceAll('%2F', '/')}`,
      headers: signV4(signable, credentials, { region }),
    });
    request.on('response', (res) => {
      res.resume();
      const status = res.statusCode ?? 0;
      callback(status < 300 || status === 404 ? null : new Error(`DeleteObject answered ${status}`));
    });
    request.on('error', (error) => callback(error));
    request.end();
  }

  // A PostObject form goes on as a form unless `put` was asked for: the parser then keeps the form's
  // original bytes, which are forwarded when they are the form it validated (RawFormTap).
  return mode === 'put' ? engine : markForwardsRawForm(engine);
}
