import type { OssRequest } from '../core/request';
import { PRESIGN_QUERY_PARAMS } from '../rules/auth/signature-params';
import { requestAuth } from '../rules/auth/verify-parse';

/**
 * True when the client's signature covers `host` (V4 or V2 AdditionalHeaders, header or URL). It
 * verifies here, against the Host the client used, and could never verify at OSS, which receives the
 * upstream's Host.
 */
export function signatureCoversHost(request: OssRequest): boolean {
  const auth = requestAuth(request);
  if (auth.kind !== 'header' && auth.kind !== 'query') return false;
  return 'additionalHeaders' in auth.auth && auth.auth.additionalHeaders.includes('host');
}

/** The request without the client's signature (Authorization, URL signature parameters), to be signed again. */
export function withoutClientSignature(request: OssRequest): OssRequest {
  const { authorization: _authorization, ...headers } = request.headers;
  const queryPairs = request.queryPairs.filter(([name]) => !PRESIGN_QUERY_PARAMS.has(name));
  const query = new Map<string, string>();
  for (const [name, value] of queryPairs) if (!query.has(name)) query.set(name, value);
  return { ...request, headers, queryPairs, query };
}
