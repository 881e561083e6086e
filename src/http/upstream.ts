import type { IncomingMessage } from 'node:http';
import * as http from 'node:http';
import type * as https from 'node:https';
import { lazyModule } from '../core/lazy';

// TLS loads only for an https upstream.
const httpsModule = lazyModule<typeof https>('node:https');

export type UpstreamTarget = {
  readonly url: URL;
  readonly agent?: http.Agent | undefined;
};

export function parseEndpoint(endpoint: string | URL, factory: string): URL {
  let url: URL;
  try {
    url = new URL(String(endpoint));
  } catch {
    throw new TypeError(
      `oss-preflight: ${factory}: "endpoint" must be an absolute URL such as https://oss-cn-hangzhou.aliyuncs.com.`,
    );
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TypeError(
      `oss-preflight: ${factory}: "endpoint" must use http: or https:, got ${url.protocol}`,
    );
  }
  return url;
}

/** `cn-hangzhou` from `oss-cn-hangzhou[-internal].aliyuncs.com`; the same rule as the gateway's. */
export function regionFromEndpoint(endpoint: URL): string | undefined {
  return /^oss-([a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com$/.exec(endpoint.hostname)?.[1];
}

/** A request to `<bucket>.<endpoint host>`, virtual-hosted as OSS prefers; `path` starts with `/`. */
export function upstreamRequest(
  target: UpstreamTarget,
  options: { method: string; bucket: string; path: string; headers: Record<string, string> },
): http.ClientRequest {
  const { url } = target;
  const base = url.pathname.replace(/\/$/, '');
  const client = url.protocol === 'https:' ? httpsModule() : http;
  return client.request({
    protocol: url.protocol,
    hostname: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port || undefined,
    method: options.method,
    path: `${base}${options.path}`,
    headers: { ...options.headers, host: `${options.bucket}.${url.host}` },
    agent: target.agent,
    setHost: false,
  });
}

/** Reads a (small) response body, keeping at most `limit` bytes: error documents, never files. */
export function readCapped(res: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const done = () => resolve(Buffer.concat(chunks));
    res.on('data', (chunk: Buffer) => {
      if (size >= limit) return;
      chunks.push(chunk.subarray(0, limit - size));
      size += Math.min(chunk.length, limit - size);
    });
    res.once('end', done);
    res.once('error', done);
    res.once('close', done);
  });
}
