import { toRawRequest } from '../http/raw-request';
import { getOssRequest, setOssRequest } from '../http/request-state';
import type { Middleware } from '../http/types';
import { createPreflight, type PreflightOptions } from '../preflight/create-preflight';
import { checkPreflightOptions } from '../preflight/options';

export type { PreflightOptions };

/**
 * Validates method, URL and headers against every rule OSS applies without
 * server state, and calls `next(ossError)` for the first violation. Reads no
 * body, so it can sit in front of a streaming proxy.
 */
export function preflight(options: PreflightOptions = {}): Middleware {
  return createPreflightMiddleware('preflight()', options);
}

export function createPreflightMiddleware(factory: string, options: PreflightOptions): Middleware {
  checkPreflightOptions(factory, options);
  const core = createPreflight(options);
  return function ossPreflight(req, _res, next) {
    let request = getOssRequest(req);
    if (!request) {
      request = core.parse(toRawRequest(req));
      setOssRequest(req, request);
    }
    const error = core.check(request);
    if (error) next(error);
    else next();
  };
}
