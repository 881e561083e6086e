import type { IncomingMessage, ServerResponse } from 'node:http';
import { optionError, rejectUnknownOptions } from '../express/options';
import { ISSUE_OPTION_NAMES, issuePostPolicy } from './issue-policy';
import type { IssuePostPolicyOptions } from './issue-policy-types';

const FACTORY = 'postPolicyRoute()';

export type PostPolicyRouteOptions = Partial<IssuePostPolicyOptions> & {
  /**
   * Options for one request, merged over the others: a key prefix per user, STS credentials per
   * session... May be async. A thrown error goes to `next(error)` (your error handler decides).
   */
  readonly perRequest?: (
    req: IncomingMessage,
  ) => Partial<IssuePostPolicyOptions> | undefined | Promise<Partial<IssuePostPolicyOptions> | undefined>;
};

/** What the route answers: the URL to post to, the fields to send before the file, and when they expire. */
export type PostPolicyResponse = {
  readonly host: string;
  readonly fields: Record<string, string>;
  readonly expiration: string;
};

export type PostPolicyHandler = (
  req: IncomingMessage,
  res: ServerResponse,
  next?: (error?: unknown) => void,
) => void;

function issueFor(options: Partial<IssuePostPolicyOptions>): PostPolicyResponse {
  const issued = issuePostPolicy(options as IssuePostPolicyOptions);
  if (issued.url === undefined) {
    throw optionError(FACTORY, 'the browser needs to know where to post: set "url" or "region".');
  }
  return { host: issued.url, fields: issued.fields, expiration: issued.expiration };
}

/**
 * A request handler (Express or plain node:http) that issues a fresh policy per request and
 * answers JSON `{ host, fields, expiration }`. Without `perRequest` the options are checked once
 * here, so a mistake fails at startup rather than on the first upload.
 */
export function postPolicyRoute(options: PostPolicyRouteOptions): PostPolicyHandler {
  if (typeof options !== 'object' || options === null)
    throw optionError(FACTORY, 'options must be an object.');
  rejectUnknownOptions(FACTORY, options, [...ISSUE_OPTION_NAMES, 'perRequest']);
  const { perRequest, ...base } = options;
  if (perRequest !== undefined && typeof perRequest !== 'function') {
    throw optionError(FACTORY, '"perRequest" must be a function (req) => options.');
  }
  if (perRequest === undefined) issueFor(base);

  const respond = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const extra = perRequest === undefined ? undefined : await perRequest(req);
    if (extra !== undefined && (typeof extra !== 'object' || extra === null)) {
      throw optionError(FACTORY, '"perRequest" must return an options object or undefined.');
    }
    const body = JSON.stringify(issueFor({ ...base, ...extra }));
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
