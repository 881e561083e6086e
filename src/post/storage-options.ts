// What ossStorage() stores a plain multer upload as (one that did not go through postObject()): the
// bucket, key, Content-Type, user metadata and ACL, each a value or a function of the request and the
// file, as multer-s3 takes them. A PostObject form is stored as its policy signed it; these are not
// consulted for it.
import type { IncomingMessage } from 'node:http';
import { once } from '../core/lazy';
import { describe, optionError } from '../core/options';
import { invalidArgument, type OssError, ossError } from '../core/oss-error';
import { invalidHeaderValue } from '../http/hop-by-hop';
import { createPreflight } from '../preflight/create-preflight';
import { bucketNameError, objectNameError } from '../rules/names';
import { objectAclError } from '../rules/shared/object-acl';
import { v4Encode } from '../signing/sign-v4';
import type { PostFile } from './storage-engine';

/**
 * A value, or a function of the request and the file that returns it (or a promise of it), or that
 * takes a third parameter and calls it back, as multer-s3's options do: `(req, file, cb) => cb(null, value)`.
 * A function is called once per file, before its bytes move.
 */
export type StorageOption<T> =
  | T
  | ((
      req: IncomingMessage,
      file: PostFile,
      callback: (error: unknown, value?: T) => void,
      // biome-ignore lint/suspicious/noConfusingVoidType: multer-s3 style functions call back and return nothing
    ) => T | Promise<T> | undefined | void);

/** The object ACL (`x-oss-object-acl`); `default` inherits the bucket's. */
export type ObjectAcl = 'private' | 'public-read' | 'public-read-write' | 'default';

export type PlainUploadOptions = {
  readonly bucket?: StorageOption<string> | undefined;
  readonly key?: StorageOption<string> | undefined;
  readonly contentType?: StorageOption<string> | undefined;
  readonly metadata?: StorageOption<Readonly<Record<string, string>>> | undefined;
  readonly acl?: StorageOption<ObjectAcl> | undefined;
};

/** Where a plain upload goes and the headers of its PutObject. */
export type PlainUpload = {
  readonly bucket: string;
  readonly key: string;
  readonly headers: Record<string, string>;
};

const INVALID = 'InvalidArgument.parameterInvalidDotted';
// The rules OSS applies to a PutObject's names and headers (ACL, user metadata and its 8 KB...).
const putChecks = once(() => createPreflight({ families: ['names', 'headers'] }));
// RFC 9110 token: what a header name may hold.
const TOKEN = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** The value an option gives for this file: itself, or what its function answers. */
export function resolveOption<T>(
  option: StorageOption<T> | undefined,
  req: IncomingMessage,
  file: PostFile,
): Promise<T | undefined> {
  if (typeof option !== 'function') return Promise.resolve(option);
  const fn = option as (...args: unknown[]) => unknown;
  if (fn.length >= 3) {
    return new Promise<T | undefined>((done, fail) =>
      fn(req, file, (error: unknown, value?: T) => (error ? fail(error) : done(value))),
    );
  }
  return Promise.resolve().then(() => fn(req, file) as T | Promise<T>);
}

/** Static values are checked when ossStorage() is called; a function's results when it answers. */
export function checkPlainUploadOptions(factory: string, options: PlainUploadOptions): void {
  const fail = (message: string): never => {
    throw optionError(factory, message);
  };
  for (const name of ['bucket', 'key', 'contentType'] as const) {
    const value = options[name];
    if (value !== undefined && typeof value !== 'function' && (typeof value !== 'string' || value === ''))
      fail(`"${name}" must be a non-empty string or a function (req, file), got ${describe(value)}.`);
  }
  if (typeof options.bucket === 'string' && bucketNameError(options.bucket))
    fail(`"bucket" ${JSON.stringify(options.bucket)} is not a valid bucket name.`);
  if (typeof options.key === 'string') {
    const error = objectNameError(Buffer.from(options.key, 'utf8'));
    if (error) fail(`"key" is refused by OSS: ${error.code}: ${error.message}`);
  }
  const { metadata, acl } = options;
  if (metadata !== undefined && typeof metadata !== 'function') {
    const problem = metadataProblem(metadata);
    if (problem !== undefined) fail(`"metadata" ${problem}`);
  }
  if (acl !== undefined && typeof acl !== 'function' && objectAclError(acl) !== undefined)
    fail(`"acl" must be "private", "public-read", "public-read-write" or "default", got ${describe(acl)}.`);
}

function metadataProblem(metadata: unknown): string | undefined {
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
    return `must be an object of strings, got ${describe(metadata)}.`;
  for (const [name, value] of Object.entries(metadata)) {
    if (!TOKEN.test(name)) return `names ${JSON.stringify(name)}, which cannot be a header name.`;
    if (typeof value !== 'string') return `value of ${JSON.stringify(name)} must be a string.`;
  }
  return undefined;
}

/** Header values travel as bytes; Node takes them as latin1, so UTF-8 text is passed byte for byte. */
const asBytes = (value: string) => Buffer.from(value, 'utf8').toString('latin1');

/**
 * The bucket, key and headers for a plain upload, or the OSS error OSS would answer for them: no key
 * (from the option or the form's `key` field) is PostObject's missing-key error; a bad bucket or key
 * name, ACL or user metadata get the errors OSS gives a PutObject with them. A function that throws
 * fails the upload with its error; one that answers something unusable throws PlainUploadError.
 */
export async function planPlainUpload(
  options: PlainUploadOptions,
  req: IncomingMessage,
  file: PostFile,
  formKey: string | undefined,
): Promise<PlainUpload | OssError> {
  const [bucket, chosenKey, contentType, metadata, acl] = await Promise.all([
    resolveOption(options.bucket, req, file),
    resolveOption(options.key, req, file),
    resolveOption(options.contentType, req, file),
    resolveOption(options.metadata, req, file),
    resolveOption(options.acl, req, file),
  ]);
  if (bucket === undefined) throw new PlainUploadError('no bucket for the upload: set "bucket"');
  if (typeof bucket !== 'string') throw new PlainUploadError(`"bucket" gave ${describe(bucket)}`);
  const key = chosenKey ?? formKey;
  if (key === undefined || key === '') return ossError('InvalidArgument.postKeyMissing');
  if (typeof key !== 'string') throw new PlainUploadError(`"key" gave ${describe(key)}`);

  const headers: Record<string, string> = {};
  const type = contentType ?? file.mimetype;
  if (typeof type === 'string' && type !== '') headers['content-type'] = asBytes(type);
  if (acl !== undefined) headers['x-oss-object-acl'] = String(acl);
  if (metadata !== undefined) {
    const problem = metadataProblem(metadata);
    if (problem !== undefined) throw new PlainUploadError(`"metadata" ${problem}`);
    for (const [name, value] of Object.entries(metadata))
      headers[`x-oss-meta-${name.toLowerCase()}`] = asBytes(value);
  }
  // A value from the request (a file name, say) with CR, LF or NUL cannot become a header.
  const bad = invalidHeaderValue(headers);
  if (bad !== undefined) return invalidArgument(INVALID, bad);
  const checks = putChecks();
  const path = `/${bucket}/${v4Encode(key).replaceAll('%2F', '/')}`;
  const request = checks.parse({
    method: 'PUT',
    url: path,
    headers: { ...headers, host: 'plain-upload.invalid', 'transfer-encoding': 'chunked' },
  });
  const error = checks.check(request);
  return error ?? { bucket, key, headers };
}

/** A function option answered something that cannot be used: the application's mistake, not the client's. */
export class PlainUploadError extends TypeError {
  constructor(message: string) {
    super(`oss-preflight: ossStorage(): ${message}`);
    this.name = 'PlainUploadError';
  }
}
