import type { IncomingMessage } from 'node:http';
import { invalidArgument, type OssError } from '../../core/oss-error';
import { GENERIC_INVALID } from '../../rules/auth/presigned';

const tooLarge = (): OssError => invalidArgument(GENERIC_INVALID, 'body');

function parse(text: string): unknown | OssError {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return invalidArgument(GENERIC_INVALID, 'body');
  }
}

/** A body an earlier middleware (express.json()) already consumed, if any. */
function parsedEarlier(req: IncomingMessage): { value: unknown } | undefined {
  const body = (req as IncomingMessage & { body?: unknown }).body;
  if (body === undefined || !(req.complete || req.readableEnded)) return undefined;
  if (Buffer.isBuffer(body)) return { value: parse(body.toString('utf8')) };
  return { value: typeof body === 'string' ? parse(body) : body };
}

/**
 * Reads and parses a JSON body of at most `limit` bytes. Never rejects: a body too large, cut
 * short or not JSON becomes the InvalidArgument to answer with.
 */
export function readJson(req: IncomingMessage, limit: number): Promise<unknown | OssError> {
  const earlier = parsedEarlier(req);
  if (earlier) return Promise.resolve(earlier.value);
  const declared = Number(req.headers['content-length'] ?? Number.NaN);
  if (declared > limit) return Promise.resolve(tooLarge());
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (value: unknown) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      resolve(value);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        // Stop buffering; the error response closes the connection instead of reading the rest.
        req.pause();
        finish(tooLarge());
      } else chunks.push(chunk);
    };
    const onEnd = () => finish(parse(Buffer.concat(chunks, size).toString('utf8')));
    const onError = () => finish(invalidArgument(GENERIC_INVALID, 'body'));
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}
