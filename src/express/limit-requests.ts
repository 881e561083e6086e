import type { AddressingOptions } from '../core/addressing';
import { optionError } from '../core/options';
import { createRequestParser } from '../core/request';
import { toRawRequest } from '../http/raw-request';
import { getOssRequest, setOssRequest } from '../http/request-state';
import type { Middleware } from '../http/types';
import { RequestLimiter } from '../limits/limiter';
import { resolveLimits } from '../limits/options';
import { subjectOf } from '../limits/subject';
import type { RateLimits } from '../limits/types';

export type LimitRequestsOptions = RateLimits & AddressingOptions;

export type LimitRequestsMiddleware = Middleware & {
  /** Closes the Redis connection the middleware opened from a URL (yours, if you passed a client, stays open). */
  close(): Promise<void>;
};

/**
 * Rate limits for an app that mounts the rules itself: past a limit, `next(ossError)` with OSS's own
 * 503 (render it with `ossErrorHandler()`) and a Retry-After header, before any later middleware
 * runs. Bytes are counted from the connection once each request is over (the app reads the body
 * itself), so a bandwidth limit refuses the requests after the one that filled the window;
 * `bandwidth: 'throttle'` needs the gateway, which owns the streams.
 */
export function limitRequests(options: LimitRequestsOptions): LimitRequestsMiddleware {
  const factory = 'limitRequests()';
  if (typeof options !== 'object' || options === null) {
    throw optionError(factory, 'expects { rules: [...] }.');
  }
  const { virtualHostSuffixes, customDomains, ...limitOptions } = options;
  const limits = resolveLimits(factory, limitOptions);
  if (limits === undefined) throw optionError(factory, 'expects { rules: [...] }.');
  if (limits.bandwidth === 'throttle') {
    throw optionError(
      factory,
      '"bandwidth: throttle" paces the body stream, which the app reads itself here: use "refuse", or the gateway.',
    );
  }
  const parse = createRequestParser({
    ...(virtualHostSuffixes ? { virtualHostSuffixes } : {}),
    ...(customDomains ? { customDomains } : {}),
  });
  const limiter = new RequestLimiter(limits);
  const decide: Middleware = async (req, res, next) => {
    let request = getOssRequest(req);
    if (!request) {
      request = parse(toRawRequest(req));
      setOssRequest(req, request);
    }
    let admission: Awaited<ReturnType<RequestLimiter['admit']>>;
    try {
      admission = await limiter.admit(subjectOf(limits, req, request, undefined), res);
    } catch (error) {
      next(error);
      return;
    }
    if (admission.refused) {
      if (!res.headersSent) res.setHeader('retry-after', String(admission.retryAfterSeconds));
      next(admission.error);
      return;
    }
    const upload = limiter.meter(admission.upload, res, false);
    const download = limiter.meter(admission.download, res, false);
    if (upload !== undefined || download !== undefined) {
      const socket = req.socket;
      const read = socket.bytesRead;
      const written = socket.bytesWritten;
      res.once('close', () => {
        void upload?.take(socket.bytesRead - read);
        void download?.take(socket.bytesWritten - written);
      });
    }
    next();
  };
  return Object.assign(decide, { close: () => limiter.close() });
}
