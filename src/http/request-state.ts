import type { IncomingMessage } from 'node:http';
import type { OssRequest } from '../core/request';

// A WeakMap rather than a property on `req`: adding a property changes the shape of every
// IncomingMessage, which measured slower on the request path than the map lookup.
const parsed = new WeakMap<IncomingMessage, OssRequest>();
const OSS_BODY = Symbol.for('oss-preflight.body');

type WithState = IncomingMessage & { [OSS_BODY]?: Buffer };

/** The parsed request, once any pre-flight middleware has run on `req`. */
export function getOssRequest(req: IncomingMessage): OssRequest | undefined {
  return parsed.get(req);
}

export function setOssRequest(req: IncomingMessage, request: OssRequest): void {
  parsed.set(req, request);
}

/** A body the pre-flight had to read (XML documents); forward this instead of `req`. */
export function getBufferedBody(req: IncomingMessage): Buffer | undefined {
  return (req as WithState)[OSS_BODY];
}

export function setBufferedBody(req: IncomingMessage, body: Buffer): void {
  (req as WithState)[OSS_BODY] = body;
}
