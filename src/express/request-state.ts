import type { IncomingMessage } from 'node:http';
import type { OssRequest } from '../core/request';

const OSS_REQUEST = Symbol.for('oss-preflight.request');
const OSS_BODY = Symbol.for('oss-preflight.body');

type WithState = IncomingMessage & { [OSS_REQUEST]?: OssRequest; [OSS_BODY]?: Buffer };

/** The parsed request, once any pre-flight middleware has run on `req`. */
export function getOssRequest(req: IncomingMessage): OssRequest | undefined {
  return (req as WithState)[OSS_REQUEST];
}

export function setOssRequest(req: IncomingMessage, request: OssRequest): void {
  (req as WithState)[OSS_REQUEST] = request;
}

/** A body the pre-flight had to read (XML documents); forward this instead of `req`. */
export function getBufferedBody(req: IncomingMessage): Buffer | undefined {
  return (req as WithState)[OSS_BODY];
}

export function setBufferedBody(req: IncomingMessage, body: Buffer): void {
  (req as WithState)[OSS_BODY] = body;
}
