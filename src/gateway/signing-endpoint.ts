import type { IncomingMessage, ServerResponse } from 'node:http';
import { isIP } from 'node:net';
import { accessesOf } from '../authorize/accesses';
import { clientOf } from '../authorize/client';
import { authorizeAll } from '../authorize/policy';
import type { Authorize } from '../authorize/types';
import { optionError, rejectUnknownOptions } from '../core/options';
import { OssError, ossError } from '../core/oss-error';
import { sendOssError } from '../http/send-error';
import type { PreflightOptions } from '../preflight/create-preflight';
import { createPreflight } from '../preflight/create-preflight';
import { checkKeyProvider } from '../preflight/credentials';
import { checkPreflightOptions } from '../preflight/options';
import { V4_MAX_PRESIGN_SECONDS, v4Encode } from '../signing/sign-v4';
import type { Credentials } from '../signing/types';
import { regionFromEndpoint } from './gateway';
import { parseDescription, type SigningDescription } from './signing-endpoint/description';
import { readJson } from './signing-endpoint/read-json';
import { signedHeaders, signedUrl, type UrlStyle } from './signing-endpoint/sign';

export type { SigningDescription } from './signing-endpoint/description';

export type SigningEndpointOptions = {
  /** The key to sign with, or a function returning the current (e.g. STS) credentials. */
  readonly credentials: Credentials | (() => Credentials | Promise<Credentials>);
  /** OSS (or gateway) base URL the signed URLs point at, e.g. `https://oss-cn-hangzhou.aliyuncs.com`. */
  readonly endpoint: string | URL;
  /**
   * V4 region.
   * @defaultValue taken from an `oss-<region>` endpoint, else `'cn-hangzhou'`
   */
  readonly region?: string;
  /**
   * Required: who may have what signed, asked for every object the described request touches (its
   * target, a copy source, a symlink target...). The same function the gateway takes; an endpoint
   * that signs anything for anyone gives the key away.
   */
  readonly authorize: Authorize;
  /**
   * Longest URL validity a caller may ask for, in seconds (V4 allows at most 604800).
   * @defaultValue 3600
   */
  readonly maxExpires?: number;
  /**
   * URL validity in seconds when the caller names none, capped by `maxExpires`.
   * @defaultValue 900
   */
  readonly defaultExpires?: number;
  /**
   * The signature version when the caller names none.
   * @defaultValue `'v4'`
   */
  readonly signatureVersion?: 'v1' | 'v4';
  /**
   * How signed URLs address the bucket: `virtual-hosted` (`bucket.endpoint`) or `path` (`endpoint/bucket`).
   * @defaultValue virtual-hosted, except path style for an IP address or `localhost` endpoint
   */
  readonly urlStyle?: UrlStyle;
  /**
   * Rule and addressing options for the pre-flight of described requests.
   * @defaultValue every rule
   */
  readonly preflight?: PreflightOptions;
  /**
   * Cap on the JSON request body, in bytes.
   * @defaultValue 16 KiB (16,384 bytes)
   */
  readonly maxBodyBytes?: number;
  /**
   * Clock in milliseconds since the epoch: the signing time.
   * @defaultValue `Date.now`
   */
  readonly now?: () => number;
};

export type SigningHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

const OPTION_NAMES = [
  'credentials',
  'endpoint',
  'region',
  'authorize',
  'maxExpires',
  'defaultExpires',
  'signatureVersion',
  'urlStyle',
  'preflight',
  'maxBodyBytes',
  'now',
] as const;

function positiveInteger(
  factory: string,
  name: string,
  value: number | undefined,
  fallback: number,
  max = Infinity,
) {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw optionError(factory, `"${name}" must be an integer from 1 to ${max}, got ${value}.`);
  }
  return value;
}

/** The URL the described request would use, for the pre-flight: path style, RFC 3986 encoded. */
function describedUrl(d: SigningDescription): string {
  const path =
    d.bucket === undefined
      ? '/'
      : `/${d.bucket}/${d.key === undefined ? '' : v4Encode(d.key).replaceAll('%2F', '/')}`;
  const query = d.query.map(([k, v]) => (v === '' ? v4Encode(k) : `${v4Encode(k)}=${v4Encode(v)}`)).join('&');
  return query === '' ? path : `${path}?${query}`;
}

/**
 * A handler for `POST` JSON `{ method, bucket, key, headers, query, expires, type, signatureVersion }`
 * answering `{ url }` or `{ headers }`. The described request goes through the pre-flight first,
 * so a request OSS would refuse is refused here with OSS's error, and is never signed.
 */
export function signingEndpoint(options: SigningEndpointOptions): SigningHandler {
  const factory = 'signingEndpoint()';
  rejectUnknownOptions(factory, options, OPTION_NAMES);
  if (typeof options.authorize !== 'function') {
    throw optionError(factory, '"authorize" is required: (access, client) => boolean | Promise<boolean>.');
  }
  if (typeof options.credentials !== 'function')
    checkKeyProvider(factory, 'credentials', options.credentials);
  let endpoint: URL;
  try {
    endpoint = new URL(String(options.endpoint));
  } catch {
    throw optionError(
      factory,
      '"endpoint" must be an absolute URL such as https://oss-cn-hangzhou.aliyuncs.com.',
    );
  }
  const maxExpires = positiveInteger(factory, 'maxExpires', options.maxExpires, 3600);
  const defaultExpires = positiveInteger(factory, 'defaultExpires', options.defaultExpires, 900);
  const maxBodyBytes = positiveInteger(factory, 'maxBodyBytes', options.maxBodyBytes, 16 * 1024);
  const signatureVersion = options.signatureVersion ?? 'v4';
  if (signatureVersion !== 'v1' && signatureVersion !== 'v4')
    throw optionError(factory, '"signatureVersion" must be "v1" or "v4".');
  const hostname = endpoint.hostname.replace(/^\[|\]$/g, '');
  const urlStyle =
    options.urlStyle ?? (isIP(hostname) || hostname === 'localhost' ? 'path' : 'virtual-hosted');
  const region = options.region ?? regionFromEndpoint(endpoint) ?? 'cn-hangzhou';
  checkPreflightOptions(`${factory} preflight`, options.preflight ?? {});
  const core = createPreflight(options.preflight ?? {});
  const now = options.now ?? Date.now;
  const { authorize, credentials } = options;

  const answer = async (
    req: IncomingMessage,
  ): Promise<{ url: string } | { headers: Record<string, string> } | OssError> => {
    if (req.method !== 'POST') return ossError('MethodNotAllowed.notAllowed');
    const json = await readJson(req, maxBodyBytes);
    if (json instanceof OssError) return json;
    const cap = Math.min(maxExpires, V4_MAX_PRESIGN_SECONDS);
    const description = parseDescription(json, {
      expires: defaultExpires,
      maxExpires: cap,
      signatureVersion,
    });
    if (description instanceof OssError) return description;
    const headers: Record<string, string> = { ...description.headers, host: 'signing-endpoint.invalid' };
    // The client will send the body; without a declared length the framing rules would refuse the upload.
    if (headers['content-length'] === undefined && headers['transfer-encoding'] === undefined)
      headers['content-length'] = '0';
    const request = core.parse({ method: description.method, url: describedUrl(description), headers });
    const error = core.check(request);
    if (error) return error;
    const declared = Number(headers['content-length']);
    const accesses = accessesOf(request, 'signing-endpoint', {
      // A presigned URL can be used with any body; a headers signature covers the declared one.
      maxBytes: description.type === 'headers' && Number.isInteger(declared) ? declared : undefined,
      expires: description.type === 'url' ? description.expires : undefined,
    });
    if (!(await authorizeAll(authorize, accesses, clientOf(req))))
      return ossError('AccessDenied.accessDenied');
    const key = typeof credentials === 'function' ? await credentials() : credentials;
    const target = { endpoint, region, urlStyle, now: now() };
    return description.type === 'url'
      ? { url: signedUrl(description, key, target) }
      : { headers: signedHeaders(description, key, target) };
  };

  return (req, res, next) => {
    answer(req).then(
      (result) => {
        if (result instanceof OssError) {
          sendOssError(req, res, result);
          return;
        }
        const body = JSON.stringify(result);
        res.writeHead(200, {
          'content-type': 'application/json; charset=utf-8',
          'content-length': String(Buffer.byteLength(body)),
          'cache-control': 'no-store',
        });
        res.end(body);
      },
      (error: unknown) => {
        // A failing authorize hook or credential source: the application decides; without one, fail closed.
        if (next) next(error);
        else if (!res.headersSent) sendOssError(req, res, ossError('AccessDenied.accessDenied'));
      },
    );
  };
}
