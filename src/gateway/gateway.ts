import type * as http from 'node:http';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { accessesOf } from '../authorize/accesses';
import { clientOf } from '../authorize/client';
import { authorizeAll, loopbackOnly } from '../authorize/policy';
import type { Authorize } from '../authorize/types';
import { MAX_SINGLE_UPLOAD_BYTES } from '../core/content-length';
import { type Credentials, isUnknownKey } from '../core/credential';
import { optionError, rejectUnknownOptions } from '../core/options';
import { invalidArgument, isOssError, ossError } from '../core/oss-error';
import type { OssRequest, RawRequest } from '../core/request';
import {
  BodyWatchdog,
  type GatewayBounds,
  type ResolvedBounds,
  resolveBounds,
  UploadSlots,
} from '../http/bounds';
import { forward, type Upstream } from '../http/forward';
import { BODYLESS_METHODS, type BodyFraming, bodyFraming } from '../http/framing';
import { forwardableHeaders, invalidHeaderValue } from '../http/hop-by-hop';
import { toRawRequest } from '../http/raw-request';
import { DEFAULT_XML_BODY_LIMIT, discardBody, readBody } from '../http/read-body';
import { setBufferedBody, setOssRequest } from '../http/request-state';
import { sendOssError } from '../http/send-error';
import { sendInternalError } from '../http/upstream-failure';
import { upstreamTarget } from '../http/upstream-target';
import {
  createUpstreamAgent,
  resolveUpstreamTimeouts,
  type UpstreamTimeouts,
} from '../http/upstream-timeouts';
import { createBodyChecks } from '../integrity/body-checks';
import { type Admission, type ByteMeter, RequestLimiter } from '../limits/limiter';
import { resolveLimits } from '../limits/options';
import { subjectOf } from '../limits/subject';
import type { RateLimits } from '../limits/types';
import { createPostObjectHandler } from '../post/handler';
import type { PreflightOptions } from '../preflight/create-preflight';
import { createPreflight } from '../preflight/create-preflight';
import {
  checkKeyProvider,
  type KeyProvider,
  resolveCredential,
  type UnknownKeys,
} from '../preflight/credentials';
import { checkPreflightOptions } from '../preflight/options';
import { expectSigningRegion } from '../rules/auth/signing-region';
import { signatureCoversHost, withoutClientSignature } from './host-bound';
import { isSigned, type SignatureVersion, signForUpstream } from './signing';

export type GatewayOptions = {
  /** Upstream base URL: `https://oss-cn-hangzhou.aliyuncs.com`, or a local stand-in. */
  readonly endpoint: string | URL;
  /**
   * Region for V4 signatures.
   * @defaultValue taken from an `oss-<region>` endpoint, else `'cn-hangzhou'`
   */
  readonly region?: string;
  /**
   * The key the gateway signs unsigned requests with.
   * @defaultValue none: unsigned requests are forwarded anonymously
   */
  readonly credentials?: Credentials | undefined;
  /**
   * Signature for unsigned requests.
   * @defaultValue `'v4'`
   */
  readonly signatureVersion?: SignatureVersion;
  /**
   * Rule and addressing options, as for `preflight()`.
   * @defaultValue every rule; the endpoint's host is added to `virtualHostSuffixes`
   */
  readonly preflight?: PreflightOptions;
  /**
   * Cap on XML bodies read for validation, in bytes (the batch-delete limit + framing).
   * @defaultValue 2 MiB + 64 KiB (2,162,688 bytes)
   */
  readonly maxXmlBodyBytes?: number;
  /**
   * The agent for upstream requests.
   * @defaultValue Node's global agent
   */
  readonly agent?: http.Agent;
  /**
   * Keys whose signatures the gateway verifies on signed requests.
   * @defaultValue `credentials`
   */
  readonly knownKeys?: KeyProvider;
  /**
   * A signed request naming a key the gateway does not know: refuse it with InvalidAccessKeyId
   * (`reject`) or forward it for OSS to judge (`forward`, for a validating proxy that holds no keys).
   * @defaultValue `'reject'`
   */
  readonly unknownKeys?: UnknownKeys;
  /**
   * Who may have an unsigned request signed with `credentials`, asked for every object the request
   * touches (its target, a copy source, a symlink target...). `accessPolicy({ clients })` maps bearer
   * tokens to buckets, prefixes and operations.
   * @defaultValue `loopbackOnly`: loopback clients only
   */
  readonly authorize?: Authorize;
  /**
   * Timeouts, rates and caps that bound what one client can hold (see GatewayBounds).
   * @defaultValue `DEFAULT_BOUNDS`
   */
  readonly bounds?: GatewayBounds;
  /**
   * Connect, response and idle-socket timeouts towards the upstream (see UpstreamTimeouts for the
   * defaults). They live in the gateway's own keep-alive agent: with your own `agent`, build it with
   * `createUpstreamAgent()` instead.
   * @defaultValue `DEFAULT_UPSTREAM_TIMEOUTS`
   */
  readonly upstreamTimeouts?: UpstreamTimeouts;
  /**
   * Requests and bytes per second per access key, bucket, client address or operation class, in
   * memory or in Redis shared by every instance (docs/limits.md). Past a limit the client gets OSS's
   * own 503 with Retry-After and nothing reaches the upstream.
   * @defaultValue none: no limits
   */
  readonly limits?: RateLimits;
};

const OPTION_NAMES = [
  'endpoint',
  'region',
  'credentials',
  'signatureVersion',
  'preflight',
  'maxXmlBodyBytes',
  'agent',
  'knownKeys',
  'unknownKeys',
  'authorize',
  'bounds',
  'upstreamTimeouts',
  'limits',
] as const;

const INVALID = 'InvalidArgument.parameterInvalidDotted';
const SIGNATURE_MISMATCH = 'SignatureDoesNotMatch.mismatch';
/** Signature headers of a client's request that the gateway replaces when it signs it again. */
const CLIENT_SIGNATURE_HEADERS = [
  'authorization',
  'x-oss-date',
  'x-oss-content-sha256',
  'x-oss-security-token',
];
const REQUEST_TIMEOUT = ossError('RequestTimeout.idleSocket');

function withoutAuthorization(req: IncomingMessage): RawRequest {
  const { authorization: _token, ...headers } = req.headers;
  return { method: req.method ?? 'GET', url: req.url ?? '/', headers };
}
/** Operations whose body is the object: OSS takes at most 5 GB in one request, however it is framed. */
const SIZE_LIMITED: ReadonlySet<string> = new Set(['PutObject', 'AppendObject', 'UploadPart']);

export function regionFromEndpoint(endpoint: URL): string | undefined {
  return /^oss-([a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com$/.exec(endpoint.hostname)?.[1];
}

export type Gateway = {
  /** A plain request handler; mount it with `http.createServer(gateway.handle)` or `app.use`. */
  readonly handle: (req: IncomingMessage, res: ServerResponse) => void;
  readonly upstream: URL;
  readonly region: string;
  /** The bounds in force, defaults filled in. */
  readonly bounds: ResolvedBounds;
  /** Closes what the gateway opened itself (the Redis connection of its limits). */
  readonly close: () => Promise<void>;
};

/**
 * The forwarding gateway: every request is validated first, a rejected one
 * never reaches the upstream; an accepted unsigned one is signed; bodies stream
 * through unchanged.
 */
export function createGateway(options: GatewayOptions): Gateway {
  return buildGateway(options, 'createGateway()');
}

/** createGateway() for a factory built on it, whose option errors name that factory. */
export function buildGateway(options: GatewayOptions, factory: string): Gateway {
  rejectUnknownOptions(factory, options, OPTION_NAMES);
  let url: URL;
  try {
    url = new URL(String(options.endpoint));
  } catch {
    throw optionError(
      factory,
      `"endpoint" must be an absolute URL such as https://oss-cn-hangzhou.aliyuncs.com.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw optionError(factory, `"endpoint" must use http: or https:, got ${url.protocol}`);
  }
  const signatureVersion = options.signatureVersion ?? 'v4';
  if (signatureVersion !== 'v1' && signatureVersion !== 'v4') {
    throw optionError(factory, `"signatureVersion" must be "v1" or "v4".`);
  }
  const credentials = options.credentials;
  if (credentials && (!credentials.accessKeyId || !credentials.accessKeySecret)) {
    throw optionError(factory, '"credentials" needs both accessKeyId and accessKeySecret.');
  }
  if (options.knownKeys !== undefined) checkKeyProvider(factory, 'knownKeys', options.knownKeys);
  const unknownKeys = options.unknownKeys ?? 'reject';
  if (unknownKeys !== 'forward' && unknownKeys !== 'reject') {
    throw optionError(factory, `"unknownKeys" must be "forward" or "reject".`);
  }
  // Only a region that was stated or read from an OSS endpoint is enforced on signatures: a defaulted
  // one in front of a custom domain would refuse requests signed for the real region.
  const statedRegion = options.region ?? regionFromEndpoint(url);
  const region = statedRegion ?? 'cn-hangzhou';
  const preflightOptions: PreflightOptions = {
    ...options.preflight,
    virtualHostSuffixes: [url.host, ...(options.preflight?.virtualHostSuffixes ?? [])],
    extraRules: [
      ...(options.preflight?.extraRules ?? []),
      ...(statedRegion ? [expectSigningRegion(statedRegion)] : []),
    ],
  };
  // With `reject`, a gateway that knows no key at all still refuses every signed request.
  const verifyWith = options.knownKeys ?? credentials ?? (unknownKeys === 'reject' ? [] : undefined);
  if (options.authorize !== undefined && typeof options.authorize !== 'function') {
    throw optionError(
      factory,
      '"authorize" must be a function (access, client) => boolean | Promise<boolean>.',
    );
  }
  const authorize = options.authorize ?? loopbackOnly;
  const bounds = resolveBounds(factory, options.bounds);
  const limits = resolveLimits(factory, options.limits);
  const limiter = limits ? new RequestLimiter(limits) : undefined;
  /** The limits' decision; undefined when the request was refused (the 503 is sent). */
  const admit = async (
    limiter: RequestLimiter,
    req: IncomingMessage,
    res: ServerResponse,
    request: OssRequest,
    signingKey: string | undefined,
  ): Promise<Extract<Admission, { refused: false }> | undefined> => {
    const admission = await limiter.admit(subjectOf(limiter.limits, req, request, signingKey), res);
    if (!admission.refused) return admission;
    res.setHeader('retry-after', String(admission.retryAfterSeconds));
    sendOssError(req, res, admission.error);
    return undefined;
  };
  const watchdog = new BodyWatchdog(bounds);
  const uploads = new UploadSlots(bounds.maxConcurrentUploads);
  const requestsOnSocket = new WeakMap<object, number>();
  // Past an operator's own cap the answer is EntityTooLarge; at OSS's 5 GiB it is OSS's own answer.
  const oversize =
    bounds.maxUploadBytes < MAX_SINGLE_UPLOAD_BYTES
      ? ossError('EntityTooLarge.aboveMaximum')
      : ossError('InvalidArgument.postBodyTooLarge', [], '0017-00000102');
  /** A body that stalls or crawls: answer RequestTimeout, stop reading, and drop the connection. */
  const timeOut = (req: IncomingMessage, res: ServerResponse) => () => {
    req.unpipe();
    if (!res.headersSent) sendOssError(req, res, REQUEST_TIMEOUT);
    const drop = () => req.socket?.destroy();
    if (res.writableFinished) drop();
    else {
      res.once('finish', drop);
      setTimeout(drop, 1000).unref();
    }
  };
  checkPreflightOptions(`${factory} preflight`, preflightOptions);
  const core = createPreflight(preflightOptions);
  // The streamed-body checks belong to the integrity family: off when it is disabled.
  const checkBodies = core.rules.some((rule) => rule.family === 'integrity');
  const maxXmlBodyBytes = options.maxXmlBodyBytes ?? DEFAULT_XML_BODY_LIMIT;
  if (options.agent !== undefined && options.upstreamTimeouts !== undefined) {
    throw optionError(
      factory,
      '"upstreamTimeouts" apply to the gateway\'s own agent: give them to createUpstreamAgent() for yours.',
    );
  }
  const agent =
    options.agent ?? createUpstreamAgent(url, resolveUpstreamTimeouts(factory, options.upstreamTimeouts));
  const upstream: Upstream = { url, agent };
  // Browser form uploads: validated field by field before the file streams, then re-sent as a form.
  // Only a stated region is enforced; the cn-hangzhou fallback would refuse forms signed elsewhere.
  const postObject = createPostObjectHandler({
    endpoint: url,
    preflight: core,
    agent,
    ...(verifyWith !== undefined ? { knownKeys: verifyWith } : {}),
    credentials,
    unknownKeys,
    ...(statedRegion ? { region: statedRegion } : {}),
  });

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const served = (requestsOnSocket.get(req.socket) ?? 0) + 1;
    requestsOnSocket.set(req.socket, served);
    // Node answers requests past its own per-socket cap with a bare 503; this closes the connection instead.
    if (served >= bounds.maxRequestsPerConnection) res.shouldKeepAlive = false;
    const client = clientOf(req);
    // A bearer token is the client's credential for the gateway, not an OSS signature: it is neither
    // validated as one nor forwarded.
    let request = core.parse(client.token === undefined ? toRawRequest(req) : withoutAuthorization(req));
    setOssRequest(req, request);
    const framing = bodyFraming(req, request.headers);
    if (isOssError(framing)) {
      sendOssError(req, res, framing);
      return;
    }
    // Every body is watched and counted against the upload cap, forms included.
    if (framing.kind !== 'none' && !req.complete) {
      const release = uploads.take(res);
      if (release === undefined) {
        sendOssError(req, res, ossError('ActiveRequestLimitExceeded.maxActiveRequestLimitExceeded'));
        return;
      }
      watchdog.watch(req, timeOut(req, res));
    }
    // A form's key and signature are fields of its body: the POST handler runs the head rules and,
    // once the fields before the file are read, every rule with the form's credential.
    if (request.operation === 'PostObject') {
      // A form's key is in its body: only its bucket, address and class limits apply here.
      if (limiter !== undefined && (await admit(limiter, req, res, request, undefined)) === undefined) return;
      postObject(req, res);
      return;
    }
    if (
      SIZE_LIMITED.has(request.operation) &&
      framing.kind === 'length' &&
      framing.length > bounds.maxUploadBytes &&
      bounds.maxUploadBytes < MAX_SINGLE_UPLOAD_BYTES
    ) {
      sendOssError(req, res, oversize);
      return;
    }
    const signing = credentials !== undefined && !isSigned(request) && request.method !== 'OPTIONS';
    if (signing) {
      const accesses = accessesOf(request, 'gateway', {
        maxBytes: framing.kind === 'length' ? framing.length : framing.kind === 'none' ? 0 : undefined,
      });
      // A hook that throws (a policy store down) refuses: the gateway fails closed.
      if (!(await authorizeAll(authorize, accesses, client).catch(() => false))) {
        sendOssError(req, res, ossError('AccessDenied.accessDenied'));
        return;
      }
    }
    const credential = verifyWith ? await resolveCredential(request, verifyWith, { unknownKeys }) : undefined;
    const headError = core.check(request, { credential });
    if (headError) {
      sendOssError(req, res, headError);
      return;
    }
    // Counted once the signature is verified: a request naming someone else's key cannot spend
    // that key's budget.
    // Without limits nothing is counted, and the request does not wait a turn for a decision.
    let uploadMeter: ByteMeter | undefined;
    let downloadMeter: ByteMeter | undefined;
    if (limiter !== undefined) {
      const signingKey = signing ? credentials.accessKeyId : undefined;
      const admission = await admit(limiter, req, res, request, signingKey);
      if (admission === undefined) return;
      uploadMeter = limiter.meter(admission.upload, res, true);
      downloadMeter = limiter.meter(admission.download, res, false);
    }
    // A signature over Host verifies here but never at OSS (which sees the upstream Host). A known
    // key's request has just been verified, so it is signed again for the upstream with the same key;
    // one the gateway cannot verify would only fail there, so it is refused here.
    let resignWith: Credentials | undefined;
    if (signatureCoversHost(request)) {
      if (credential === undefined || isUnknownKey(credential)) {
        sendOssError(req, res, ossError(SIGNATURE_MISMATCH));
        return;
      }
      resignWith = credential;
      request = withoutClientSignature(request);
    }
    const target = upstreamTarget(url, request);
    if (isOssError(target)) {
      sendOssError(req, res, target);
      return;
    }
    let body: Buffer | undefined;
    let forwardFraming: BodyFraming = framing;
    if (BODYLESS_METHODS.has(request.method)) {
      // OSS ignores a body on these methods; it is read and dropped (bounded), never forwarded.
      if (framing.kind !== 'none' && !discardBody(req, res, maxXmlBodyBytes)) {
        sendOssError(req, res, invalidArgument(INVALID, 'Content-Length', request.headers['content-length']));
        return;
      }
      forwardFraming = { kind: 'none' };
    } else if (core.needsBody(request.operation)) {
      body = await readBody(req, res, maxXmlBodyBytes);
      setBufferedBody(req, body);
      request = { ...request, body };
      const bodyError = core.check(request, { credential }, 'body') ?? (await uploadMeter?.take(body.length));
      if (bodyError) {
        sendOssError(req, res, bodyError);
        return;
      }
    }
    const headers = forwardableHeaders(request.headers);
    delete headers['content-length'];
    delete headers['transfer-encoding'];
    const signWith = signing ? credentials : resignWith;
    if (signWith !== undefined) {
      for (const name of CLIENT_SIGNATURE_HEADERS) delete headers[name];
      Object.assign(headers, signForUpstream(request, headers, signWith, signatureVersion, region));
    }
    const badHeader = invalidHeaderValue(headers);
    if (badHeader !== undefined) {
      sendOssError(req, res, invalidArgument(INVALID, badHeader));
      return;
    }
    forward(upstream, {
      req,
      res,
      request,
      target,
      headers,
      framing: forwardFraming,
      body,
      // A buffered body was checked by the body rules; a streamed one is checked as it passes.
      transforms:
        body === undefined
          ? [
              ...(uploadMeter ? [uploadMeter.transform()] : []),
              ...(checkBodies ? createBodyChecks(request) : []),
            ]
          : undefined,
      responseTransform: downloadMeter?.transform(),
      maxChunkedBytes: SIZE_LIMITED.has(request.operation) ? bounds.maxUploadBytes : undefined,
      oversize,
    });
  };

  return {
    upstream: url,
    region,
    bounds,
    close: async () => {
      await limiter?.close();
    },
    handle: (req, res) => {
      handle(req, res).catch((error: unknown) => {
        if (isOssError(error) && !res.headersSent) sendOssError(req, res, error);
        // A bug, not the client's doing: OSS's generic 500, the error itself only in the log.
        else sendInternalError(req, res, error);
      });
    },
  };
}
