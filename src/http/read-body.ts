import type { IncomingMessage, ServerResponse } from 'node:http';
import { ossError } from '../core/oss-error';
import { expectsContinue } from './continue';

/**
 * The largest document OSS takes is a DeleteMultipleObjects body (up to 2 MB,
 * 1000 keys). Whether OSS means 2,000,000 or 2,097,152 bytes is not documented,
 * so the cap is the larger plus room for framing: a cap below OSS's own limit
 * would refuse requests OSS accepts. It is also the gateway's default.
 */
export const DEFAULT_XML_BODY_LIMIT = 2 * 1024 * 1024 + 64 * 1024;

export const MALFORMED_XML = 'MalformedXML.notWellFormed';

/**
 * Reads a request body that must be validated before forwarding (XML documents),
 * refusing more than `limit` bytes without buffering them.
 */
export function readBody(req: IncomingMessage, res: ServerResponse, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? Number.NaN);
    if (declared > limit) {
      reject(ossError(MALFORMED_XML));
      return;
    }
    if (expectsContinue(req)) res.writeContinue();
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        cleanup();
        req.resume();
        reject(ossError(MALFORMED_XML));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, size));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

/**
 * Drops a body the upstream will not receive (a GET or DELETE that carries one). Returns false,
 * reading nothing, when its declared length is over `limit`; a chunked one that grows past the
 * limit loses its connection.
 */
export function discardBody(req: IncomingMessage, res: ServerResponse, limit: number): boolean {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) return false;
  if (expectsContinue(req)) res.writeContinue();
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > limit) req.destroy();
  });
  req.resume();
  return true;
}
