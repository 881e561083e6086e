import type { RawRequest } from '../core/request';

export function toRawRequest(req: {
  method?: string | undefined;
  url?: string | undefined;
  headers: RawRequest['headers'];
}): RawRequest {
  // A server's request already has the shape; copying it would allocate on every request.
  if (req.method !== undefined && req.url !== undefined) return req as RawRequest;
  return { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers };
}
