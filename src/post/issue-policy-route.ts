import type { IncomingMessage, ServerResponse } from 'node:http';
import { clientOf } from '../authorize/client';
import { authorizeAll, loopbackOnly } from '../authorize/policy';
import type { Access, Authorize } from '../authorize/types';
import { optionError, rejectUnknownOptions } from '../core/options';
import { MAX_POST_OBJECT_BYTES } from '../rules/post-object/limits';
import { buildPostPolicy, ISSUE_OPTION_NAMES } from './issue-policy';
import { withFactoryName } from './issue-policy-checks';
import type { IssuePostPolicyOptions, PostPolicyCredentials } from './issue-policy-types';

const FACTORY = 'postPolicyRoute()';

/** The options of `issuePostPolicy()`, some of which may come per request from `perRequest`. */
export interface PostPolicyRouteOptions extends Partial<IssuePostPolicyOptions> {
  /**
   * The bucket the browser uploads to.
   * @defaultValue none: required, here or from `perRequest`
   */
  readonly bucket?: string;
  /**
   * The key that signs the policy (an STS key with its `securityToken`).
   * @defaultValue none: required, here or from `perRequest`
   */
  readonly credentials?: PostPolicyCredentials;
  /**
   * Options for one request, merged over the others: a key prefix per user, STS credentials per
   * session... May be async. A thrown error goes to `next(error)` (your error handler decides).
   * @defaultValue none: every request gets a policy of the same options (checked once, here)
   */
  readonly perRequest?: (
    req: IncomingMessage,
  ) => Partial<IssuePostPolicyOptions> | undefined | Promise<Partial<IssuePostPolicyOptions> | undefined>;
  /**
   * Who may have a policy issued, asked with the upload it allows (PostObject on the bucket, the key
   * or key prefix, the size limit and the validity) as the gateway and the signing endpoint ask.
   * A refusal answers 403 AccessDenied.
   * @defaultValue `loopbackOnly`: loopback clients only
   */
  readonly authorize?: Authorize;
}

/**
 * What the route answers: where to post, the fields to send before the file, when they expire, and
 * the largest file the policy accepts (for the page to tell its user before the upload starts). The
 * same names as issuePostPolicy()'s result.
 */
export type PostPolicyResponse = {
  /** Where the browser posts the form. */
  readonly url: string;
  /** The form fields, in the order to send them; the file goes after them, last. */
  readonly fields: Record<string, string>;
  /** The policy's expiration, ISO 8601. */
  readonly expiration: string;
  /** The largest file in bytes the policy accepts: `maxSize`, else OSS's own PostObject limit (5 GiB). */
  readonly maxSize: number;
};

export type PostPolicyHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

function issueFor(options: Partial<IssuePostPolicyOptions>): PostPolicyResponse {
  const issued = withFactoryName(FACTORY, () => buildPostPolicy(options as IssuePostPolicyOptions));
  if (issued.url === undefined) {
    throw optionError(FACTORY, 'the browser needs to know where to post: set "url" or "region".');
  }
  return {
    url: issued.url,
    fields: issued.fields,
    expiration: issued.expiration,
    maxSize: options.maxSize ?? MAX_POST_OBJECT_BYTES,
  };
}

/** The upload a policy allows, as the authorize hook sees it. */
function accessOf(options: Partial<IssuePostPolicyOptions>, issued: PostPolicyResponse, now: number): Access {
  return {
    operation: 'PostObject',
    method: 'POST',
    role: 'target',
    bucket: options.bucket,
    key: options.key ?? options.keyPrefix,
    keyIsPrefix: options.key === undefined,
    maxBytes: options.maxSize ?? MAX_POST_OBJECT_BYTES,
    expires: Math.ceil((Date.parse(issued.expiration) - now) / 1000),
    via: 'post-policy',
  };
}

function refuse(res: ServerResponse): void {
  const body = JSON.stringify({ error: 'AccessDenied' });
  res.writeHead(403, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': String(Buffer.byteLength(body)),
    'cache-control': 'no-store',
  });
  res.end(body);
}

/**
 * A request handler (Express or plain node:http) that issues a fresh policy per request and
 * answers JSON `{ url, fields, expiration, maxSize }`. Without `perRequest` the options are checked once
 * here, so a mistake fails at startup rather than on the first upload.
 */
export function postPolicyRoute(options: PostPolicyRouteOptions): PostPolicyHandler {
  rejectUnknownOptions(FACTORY, options, [...ISSUE_OPTION_NAMES, 'perRequest', 'authorize']);
  const { perRequest, authorize = loopbackOnly, ...base } = options;
  if (typeof authorize !== 'function') {
    throw optionError(
      FACTORY,
      '"authorize" must be a function (access, client) => boolean | Promise<boolean>.',
    );
  }
  if (perRequest !== undefined && typeof perRequest !== 'function') {
    throw optionError(FACTORY, '"perRequest" must be a function (req) => options.');
  }
  if (perRequest === undefined) issueFor(base);

  const respond = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const extra = perRequest === undefined ? undefined : await perRequest(req);
    if (extra !== undefined && (typeof extra !== 'object' || extra === null)) {
      throw optionError(FACTORY, '"perRequest" must return an options object or undefined.');
    }
    const merged = { ...base, ...extra };
    const issued = issueFor(merged);
    const now =
      typeof merged.now === 'function'
        ? merged.now()
        : merged.now === undefined
          ? Date.now()
          : Number(merged.now);
    if (!(await authorizeAll(authorize, [accessOf(merged, issued, now)], clientOf(req)))) {
      refuse(res);
      return;
    }
    const body = JSON.stringify(issued);
    res.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(body)),
      // A signed policy is a credential for its lifetime: no shared cache may keep or replay it.
      'cache-control': 'no-store',
    });
    res.end(body);
  };

  return (req, res, next) => {
    respond(req, res).catch((error: unknown) => {
      if (next) {
        next(error);
        return;
      }
      if (res.headersSent) {
        res.destroy();
        return;
      }
      res.writeHead(500, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify({ error: 'policy could not be issued' }));
    });
  };
}
