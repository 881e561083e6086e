import type { IncomingMessage, ServerResponse } from 'node:http';
import { newRequestId } from '../core/render';
import { PRESIGN_QUERY_PARAMS } from '../rules/auth/signature-params';
import { DevUpstreamError, internalError, notImplemented } from './dev-error';
import type { DevUpstreamContext } from './dev-upstream-context';
import { listObjects } from './list-objects';
import { deleteObject, getObject, headObject, putObject } from './object-handlers';
import { RESPONSE_OVERRIDE_PARAMS } from './object-headers';
import { postObject } from './post-object';
import { sendError } from './reply';
import { type RequestTarget, resolveTarget } from './request-target';

// Presigned-URL parameters: the gateway checks them, so here they carry no meaning.
const PLAIN_PARAMS = PRESIGN_QUERY_PARAMS;
const READ_PARAMS = new Set([...PRESIGN_QUERY_PARAMS, ...RESPONSE_OVERRIDE_PARAMS]);
const LIST_PARAMS = new Set([
  ...PRESIGN_QUERY_PARAMS,
  'prefix',
  'marker',
  'delimiter',
  'max-keys',
  'encoding-type',
]);

/** Never rejects: every failure becomes an OSS-style error response. */
export async function handleRequest(
  req: IncomingMessage,
  res: ServerResponse,
  context: DevUpstreamContext,
): Promise<void> {
  res.setHeader('x-oss-request-id', newRequestId());
  // So that nobody mistakes a response from the stand-in for one from OSS.
  res.setHeader('x-oss-preflight-dev-upstream', '1');
  res.setHeader('server', 'oss-preflight-dev-upstream');
  try {
    await route(req, res, resolveTarget(req, context.baseHostnames), context);
  } catch (error) {
    sendError(req, res, error instanceof DevUpstreamError ? error : internalError());
  }
}

/**
 * Anything outside the basic object operations, including every
 * sub-resource (?acl, ?uploads, ...), is answered 501 rather than
 * approximated, so a demo never silently relies on behaviour OSS would differ on.
 */
function route(
  req: IncomingMessage,
  res: ServerResponse,
  target: RequestTarget,
  context: DevUpstreamContext,
): Promise<void> {
  const { bucket, key, query } = target;
  const method = req.method ?? '';
  if (bucket === undefined) throw notImplemented();
  if (key === '') {
    if (method === 'GET' && onlyParams(query, LIST_PARAMS)) return listObjects(res, bucket, query, context);
    if (method === 'POST' && onlyParams(query, PLAIN_PARAMS))
      return postObject(req, res, { ...target, bucket }, context);
    throw notImplemented();
  }
  const request = { req, res, bucket, key, query, context };
  const readOnly = method === 'GET' || method === 'HEAD';
  if (!onlyParams(query, readOnly ? READ_PARAMS : PLAIN_PARAMS)) throw notImplemented();
  switch (method) {
    case 'PUT':
      return putObject(request);
    case 'GET':
      return getObject(request);
    case 'HEAD':
      return headObject(request);
    case 'DELETE':
      return deleteObject(request);
    default:
      throw notImplemented();
  }
}

function onlyParams(query: URLSearchParams, allowed: ReadonlySet<string>): boolean {
  for (const name of query.keys()) if (!allowed.has(name)) return false;
  return true;
}
