import { describe, optionError, rejectUnknownOptions } from '../core/options';
import { isOssError } from '../core/oss-error';
import { sendOssError } from '../http/send-error';
import type { ErrorMiddleware } from '../http/types';

const FACTORY = 'ossErrorHandler()';

export type ErrorHandlerOptions = {
  /**
   * The HostId reported in error bodies.
   * @defaultValue the request's Host
   */
  readonly hostId?: string;
};

/**
 * Renders oss-preflight errors as OSS does (XML body, x-oss-request-id, x-oss-err
 * for HEAD) and passes every other error on. Never writes after headers were sent.
 */
export function ossErrorHandler(options: ErrorHandlerOptions = {}): ErrorMiddleware {
  rejectUnknownOptions(FACTORY, options, ['hostId']);
  if (options.hostId !== undefined && typeof options.hostId !== 'string')
    throw optionError(FACTORY, `"hostId" must be a string, got ${describe(options.hostId)}.`);
  return function ossErrorRenderer(error, req, res, next) {
    if (!isOssError(error) || res.headersSent) {
      next(error);
      return;
    }
    sendOssError(req, res, error, options.hostId);
  };
}
