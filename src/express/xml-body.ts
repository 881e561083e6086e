import type { IncomingMessage } from 'node:http';
import { optionError, rejectUnknownOptions } from '../core/options';
import type { OssRequest } from '../core/request';
import { toRawRequest } from '../http/raw-request';
import { DEFAULT_XML_BODY_LIMIT, readBody } from '../http/read-body';

export { DEFAULT_XML_BODY_LIMIT } from '../http/read-body';

import { getBufferedBody, getOssRequest, setBufferedBody, setOssRequest } from '../http/request-state';
import type { Middleware } from '../http/types';
import type { PreflightOptions } from '../preflight/create-preflight';
import { createPreflight } from '../preflight/create-preflight';
import { checkPreflightOptions, PREFLIGHT_OPTION_NAMES } from '../preflight/options';

/** The rule options of `preflight()` and the cap on what is read. */
export interface XmlBodyOptions extends PreflightOptions {
  /**
   * Largest XML body read for validation, in bytes; a longer one is refused with
   * MalformedXML, as OSS refuses an oversized batch delete.
   * @defaultValue `DEFAULT_XML_BODY_LIMIT`, 2 MiB + 64 KiB (2,162,688 bytes)
   */
  readonly maxBytes?: number;
}

const FACTORY = 'checkXmlBody()';

/** A body that an earlier body parser (express.raw) already read, when its bytes survive. */
function alreadyRead(req: IncomingMessage): Buffer | undefined {
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  return Buffer.isBuffer(parsed) ? parsed : undefined;
}

/**
 * For operations whose XML body OSS validates (CompleteMultipartUpload,
 * DeleteMultipleObjects, bucket configurations), reads the body up to
 * `maxBytes`, runs the body rules and keeps the bytes for forwarding
 * (`getBufferedBody(req)`). Every other request, uploads included, passes
 * through unread. Mount it after `preflight()` and before any body parser.
 */
export function checkXmlBody(options: XmlBodyOptions = {}): Middleware {
  rejectUnknownOptions(FACTORY, options, [...PREFLIGHT_OPTION_NAMES, 'maxBytes']);
  const { maxBytes = DEFAULT_XML_BODY_LIMIT, ...preflightOptions } = options;
  if (typeof maxBytes !== 'number' || !Number.isSafeInteger(maxBytes) || maxBytes < 1) {
    throw optionError(
      FACTORY,
      `option "maxBytes" must be a positive integer number of bytes, got ${String(maxBytes)}.`,
    );
  }
  checkPreflightOptions(FACTORY, preflightOptions);
  const core = createPreflight(preflightOptions);

  /** The body phase's verdict; a throwing rule becomes an error for `next` rather than an unhandled rejection. */
  const checkBody = (req: IncomingMessage, request: OssRequest, body: Buffer): unknown => {
    setBufferedBody(req, body);
    const withBody = { ...request, body };
    setOssRequest(req, withBody);
    try {
      return core.check(withBody, {}, 'body');
    } catch (error) {
      return error;
    }
  };

  return function ossXmlBody(req, res, next) {
    let request = getOssRequest(req);
    if (!request) {
      request = core.parse(toRawRequest(req));
      setOssRequest(req, request);
    }
    if (!core.needsBody(request.operation)) {
      next();
      return;
    }
    const body = getBufferedBody(req) ?? alreadyRead(req);
    if (body !== undefined) {
      next(checkBody(req, request, body));
      return;
    }
    if (req.readableEnded) {
      // The bytes are gone; validating nothing and forwarding nothing would both be wrong.
      next(
        optionError(
          FACTORY,
          'the request body was already read by another middleware; mount checkXmlBody() first.',
        ),
      );
      return;
    }
    const parsed = request;
    readBody(req, res, maxBytes).then(
      (read) => next(checkBody(req, parsed, read)),
      (error: unknown) => next(error),
    );
  };
}
