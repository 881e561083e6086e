import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import type multer from 'multer';
import { createValidator } from '../core/engine';
import { lazyModule, once } from '../core/lazy';
import { optionError, rejectUnknownOptions } from '../core/options';
import { expectsContinue } from '../http/continue';
import { toRawRequest } from '../http/raw-request';
import { getOssRequest, setOssRequest } from '../http/request-state';
import { DRAIN_LIMIT_BYTES } from '../http/send-error';
import type { Middleware } from '../http/types';
import type { PreflightOptions } from '../preflight/create-preflight';
import { createPreflight, type Preflight } from '../preflight/create-preflight';
import { checkKeyProvider, type KeyProvider, keyLookup, type UnknownKeys } from '../preflight/credentials';
import { checkPreflightOptions } from '../preflight/options';
import { isMultipartFormData, POST_PRE_AUTH_RULE_IDS } from '../rules/post-object';
import { malformedPost, notMultipart, PostInternalError, toPostError, wrongFileCount } from './errors';
import { createStreamHandler, NO_FILENAME } from './form-parser';
import { getPostFormState, PostFormState, setPostFormState } from './form-state';
import { multerLimits, type PostLimits, resolveLimits } from './limits';
import { sendPostError } from './respond';
import { meteredStorage } from './size-meter';
import { forwardsRawForm, type PostFile, type StorageEngine } from './storage-engine';
import { type FormValidation, validateForm } from './validate-form';

const multerModule = lazyModule<typeof multer>('multer');

export type PostObjectOptions = {
  /** Where accepted files go: `ossStorage()` to stream them on to OSS, or any multer storage engine. */
  readonly storage: StorageEngine;
  /**
   * Verifies V1/V4 form signatures: a lookup `(accessKeyId) => secret | { accessKeyId, accessKeySecret }`,
   * one key pair, or a list.
   * @defaultValue none: no signature can be verified, so with `unknownKeys: 'reject'` every signed
   * form is refused; with `'forward'` signatures are left to OSS (the policy is still checked)
   */
  readonly knownKeys?: KeyProvider;
  /**
   * A form signed by a key `knownKeys` does not know (any key, without `knownKeys`): `reject`
   * answers InvalidAccessKeyId, as the gateway does; `forward` lets it through unverified for OSS to
   * judge.
   * @defaultValue `'reject'`
   */
  readonly unknownKeys?: UnknownKeys;
  /**
   * The bucket's region (`cn-hangzhou`): a V4 credential for another region is refused.
   * @defaultValue the region of the Host when it is an OSS endpoint, else none (any region is accepted)
   */
  readonly region?: string;
  /**
   * Rule and addressing options, or a `createPreflight()` instance to share (the gateway passes its own).
   * @defaultValue every rule, path-style and OSS-endpoint addressing
   */
  readonly preflight?: PreflightOptions | Preflight;
  /**
   * A form rejected while the client is still sending: `drain` reads the rest first, then answers
   * (multer's way: clean, but the client uploads everything); `close` answers at once and closes the
   * connection (saves the bandwidth, some clients report a reset); `auto` drains small bodies and
   * closes large or chunked ones.
   * @defaultValue `'drain'`
   */
  readonly onReject?: 'drain' | 'close' | 'auto';
  /**
   * Limits on the form's fields (see PostLimits).
   * @defaultValue `DEFAULT_LIMITS`
   */
  readonly limits?: PostLimits;
  /**
   * Clock in milliseconds for policy expiration and x-oss-date.
   * @defaultValue the preflight's clock (`preflight.now`, else `Date.now`)
   */
  readonly now?: () => number;
};

const OPTION_NAMES = [
  'storage',
  'knownKeys',
  'unknownKeys',
  'region',
  'preflight',
  'onReject',
  'limits',
  'now',
] as const;

function isPreflight(option: PreflightOptions | Preflight | undefined): option is Preflight {
  return option !== undefined && typeof (option as Preflight).check === 'function';
}

export function toPreflight(option: PreflightOptions | Preflight | undefined, factory: string): Preflight {
  if (isPreflight(option)) return option;
  const options = (option ?? {}) as PreflightOptions;
  checkPreflightOptions(`${factory} preflight`, options);
  return createPreflight(options);
}

function hasLargeUnreadBody(req: IncomingMessage): boolean {
  if (req.complete) return false;
  return (
    req.headers['transfer-encoding'] !== undefined ||
    Number(req.headers['content-length'] ?? 0) > DRAIN_LIMIT_BYTES
  );
}

type WithFile = IncomingMessage & { file?: PostFile & Record<string, unknown> };

/**
 * PostObject as Express middleware on multer. Everything OSS checks before storing is decided in
 * multer's fileFilter, where the fields before the file are known and busboy's backpressure holds
 * the file back; a bad form is refused before a byte of the file moves. Sizes are enforced on the
 * bytes as they stream. Calls `next(ossError)` on rejection, `next()` with `req.file` set (and the
 * storage engine's results) on success, and passes requests that are not PostObject straight on.
 */
export function postObject(options: PostObjectOptions): Middleware {
  const factory = 'postObject()';
  rejectUnknownOptions(factory, options, OPTION_NAMES);
  const storage = options.storage;
  if (typeof storage?._handleFile !== 'function' || typeof storage._removeFile !== 'function') {
    throw optionError(factory, '"storage" must be a multer storage engine, e.g. ossStorage({ endpoint }).');
  }
  const onReject = options.onReject ?? 'drain';
  if (!['drain', 'close', 'auto'].includes(onReject)) {
    throw optionError(factory, '"onReject" must be "drain", "close" or "auto".');
  }
  if (options.knownKeys !== undefined) checkKeyProvider(factory, 'knownKeys', options.knownKeys);
  const unknownKeys = options.unknownKeys ?? 'reject';
  if (unknownKeys !== 'reject' && unknownKeys !== 'forward') {
    throw optionError(factory, '"unknownKeys" must be "reject" or "forward".');
  }
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw optionError(factory, '"now" must be a function returning milliseconds since the epoch.');
  }
  const core = toPreflight(options.preflight, factory);
  const limits = resolveLimits(options.limits, factory);
  const config: FormValidation = {
    core,
    preAuth: createValidator({ rules: core.rules.filter((rule) => POST_PRE_AUTH_RULE_IDS.has(rule.id)) }),
    knownKeys: options.knownKeys === undefined ? undefined : keyLookup(options.knownKeys),
    unknownKeys,
    region: options.region,
    // A clock given to the preflight options governs the form checks too.
    now: options.now ?? (isPreflight(options.preflight) ? undefined : options.preflight?.now),
  };
  const metered = meteredStorage(storage);

  const decide = (state: PostFormState, accept: (error: Error | null) => void) => {
    if (state.error !== undefined) {
      accept(state.error);
      return;
    }
    validateForm(config, state).then(
      (error) => {
        if (error) state.fail(error);
        else if (state.partAfterFile) state.fail(wrongFileCount());
        state.accepted = state.error === undefined;
        accept(state.error ?? null);
      },
      (thrown: unknown) => {
        state.fail(new PostInternalError(thrown));
        accept(state.error ?? null);
      },
    );
  };

  // multer (and busboy under it) load with the first form, not when the handler is made.
  const upload = once(
    () =>
      multerModule()({
        storage: metered,
        limits: multerLimits(limits),
        // OSS expands ${filename} with the name as sent, so neither strip its path nor guess its charset.
        preservePath: true,
        defParamCharset: 'utf8',
        defCharset: 'utf8',
        fileFilter: (req, _file, callback) => {
          const state = getPostFormState(req);
          if (state === undefined) return callback(null, true);
          decide(state, (error) => (error ? callback(error) : callback(null, true)));
        },
        streamHandler: createStreamHandler(limits, forwardsRawForm(storage)),
      } as multer.Options).single('file') as unknown as Middleware,
  );

  /** A last text field named `file` is OSS's "text content" form of the file (PostObject: file or text content). */
  const uploadTextFile = (req: WithFile, state: PostFormState, done: (error?: unknown) => void) => {
    const [name, value] = state.fields.pop()!;
    state.file = { fieldName: name, filename: undefined, mimeType: undefined, encoding: '7bit' };
    decide(state, (error) => {
      if (error) return done(error);
      const bytes = Buffer.from(value, 'utf8');
      const file: PostFile = {
        fieldname: 'file',
        originalname: '',
        encoding: '7bit',
        mimetype: 'application/octet-stream',
        stream: Readable.from([bytes], { objectMode: false }),
      };
      metered._handleFile(req, file, (uploadError, info) => {
        if (uploadError) return done(state.error ?? uploadError);
        const { stream: _stream, ...rest } = file;
        req.file = { ...rest, ...(info as object) } as WithFile['file'];
        done();
      });
    });
  };

  return function ossPostObject(req, res, next) {
    let request = getOssRequest(req);
    if (request === undefined) {
      request = core.parse(toRawRequest(req));
      setOssRequest(req, request);
    }
    if (request.operation !== 'PostObject') return next();
    // Also the post-content-type rule's verdict; repeated so a preflight with post-object disabled still never parses a non-form.
    if (!isMultipartFormData(request.headers['content-type'])) return next(notMultipart());
    const headError = core.check(request, config.now === undefined ? {} : { now: config.now() });
    if (headError) return next(headError);

    const state = new PostFormState(request);
    setPostFormState(req, state);
    let answered = false;
    if (onReject !== 'drain') {
      state.settled((error) => {
        if (error === undefined || res.headersSent) return;
        if (onReject === 'close' || hasLargeUnreadBody(req)) {
          answered = true;
          sendPostError(req, res as ServerResponse, error);
        }
      });
    }
    // The gateway routes Expect: 100-continue here without answering it; the body is wanted now.
    if (expectsContinue(req)) res.writeContinue();

    upload()(req, res, (error?: unknown) => {
      if (answered) return;
      const finish = (failure?: unknown) => {
        if (answered) return;
        if (failure === undefined) return next();
        const mapped = toPostError(failure);
        state.fail(mapped);
        next(state.error ?? mapped);
      };
      if (error !== undefined || state.error !== undefined) return finish(state.error ?? error);
      // multer reads no body it cannot recognise (none at all, for instance).
      if (!state.parsing) return finish(malformedPost());
      const withFile = req as WithFile;
      if (withFile.file !== undefined) {
        if (withFile.file.originalname === NO_FILENAME) withFile.file.originalname = '';
        return finish();
      }
      const last = state.fields.at(-1);
      if (last !== undefined && last[0].toLowerCase() === 'file')
        return uploadTextFile(withFile, state, finish);
      finish(wrongFileCount());
    });
  };
}
