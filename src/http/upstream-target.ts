import { encodeKeyPath, encodeQuery } from '../core/encoding';
import { invalidArgument, type OssError, ossError } from '../core/oss-error';
import type { OssRequest } from '../core/request';

// A bucket is the first label of the upstream Host: only what a DNS label can carry may go there.
const HOST_LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export type UpstreamTarget = { readonly host: string; readonly path: string };

/**
 * The upstream request line and Host, rebuilt from the parsed request only (never from the raw
 * path), virtual-hosted as OSS prefers: `bucket.<endpoint host>` and the canonically encoded key and
 * query. A request that cannot be written this way is refused here, whatever rules are enabled.
 */
export function upstreamTarget(upstream: URL, request: OssRequest): UpstreamTarget | OssError {
  const base = upstream.pathname.replace(/\/$/, '');
  const query = request.queryPairs.length === 0 ? '' : `?${encodeQuery(request.queryPairs)}`;
  if (request.bucket === undefined) {
    if (request.keyBytes !== undefined) return invalidArgument('InvalidArgument.parameterInvalidDotted');
    return { host: upstream.host, path: `${base}/${query}` };
  }
  if (!HOST_LABEL.test(request.bucket)) return ossError('InvalidBucketName.invalid');
  const key = request.keyBytes === undefined ? '' : encodeKeyPath(request.keyBytes);
  return { host: `${request.bucket}.${upstream.host}`, path: `${base}/${key}${query}` };
}
