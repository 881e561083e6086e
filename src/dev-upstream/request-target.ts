import type { IncomingHttpHeaders } from 'node:http';
import { isIP } from 'node:net';
import { invalidBucketName, invalidObjectName } from './dev-error';

export type RequestTarget = {
  /** Undefined for a service-level request such as ListBuckets. */
  readonly bucket: string | undefined;
  /** Empty for a bucket-level request. */
  readonly key: string;
  readonly query: URLSearchParams;
  readonly virtualHosted: boolean;
  /** The Host header as sent; OSS echoes it as HostId. */
  readonly host: string;
};

const BUCKET_NAME = /^[a-z0-9][a-z0-9-]{1,61}[a-z0-9]$/;

/**
 * Works out bucket and key the way OSS does for both addressing styles: the
 * gateway forwards `Host: <bucket>.127.0.0.1:<port>`, while hand-written
 * requests tend to use `/<bucket>/<key>` against the bare address.
 */
export function resolveTarget(
  request: { url?: string | undefined; headers: IncomingHttpHeaders },
  baseHostnames: ReadonlySet<string>,
): RequestTarget {
  const host = request.headers.host ?? '';
  const url = stripAbsoluteForm(request.url ?? '/');
  const queryStart = url.indexOf('?');
  const rawPath = queryStart < 0 ? url : url.slice(0, queryStart);
  const query = new URLSearchParams(queryStart < 0 ? '' : url.slice(queryStart + 1));
  const path = rawPath.startsWith('/') ? rawPath.slice(1) : rawPath;

  const hostBucket = bucketFromHostname(hostnameOf(host), baseHostnames);
  if (hostBucket !== undefined) {
    return { bucket: validBucket(hostBucket), key: decodeKey(path), query, virtualHosted: true, host };
  }
  const slash = path.indexOf('/');
  const pathBucket = decodeKey(slash < 0 ? path : path.slice(0, slash));
  const key = slash < 0 ? '' : decodeKey(path.slice(slash + 1));
  const bucket = pathBucket === '' ? undefined : validBucket(pathBucket);
  return { bucket, key, query, virtualHosted: false, host };
}

function stripAbsoluteForm(url: string): string {
  const match = /^[a-z][a-z0-9+.-]*:\/\/[^/?]*/i.exec(url);
  return match ? url.slice(match[0].length) || '/' : url;
}

function hostnameOf(host: string): string {
  if (host.startsWith('[')) return host.slice(0, host.indexOf(']') + 1).toLowerCase();
  const colon = host.lastIndexOf(':');
  return (colon < 0 ? host : host.slice(0, colon)).toLowerCase();
}

function bucketFromHostname(hostname: string, baseHostnames: ReadonlySet<string>): string | undefined {
  if (hostname === '' || hostname.startsWith('[') || isIP(hostname) !== 0 || baseHostnames.has(hostname)) {
    return undefined;
  }
  for (const base of baseHostnames) {
    if (hostname.endsWith(`.${base}`)) return hostname.slice(0, -base.length - 1);
  }
  // A dotted name such as bucket.oss-cn-hangzhou.aliyuncs.com is virtual-hosted, as on OSS.
  const dot = hostname.indexOf('.');
  return dot < 0 ? undefined : hostname.slice(0, dot);
}

function validBucket(name: string): string {
  if (!BUCKET_NAME.test(name)) throw invalidBucketName(name);
  return name;
}

function decodeKey(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw invalidObjectName();
  }
}
