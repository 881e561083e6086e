import type { IncomingMessage } from 'node:http';
import { declaredContentLength } from '../core/content-length';
import { invalidArgument, type OssError, ossError } from '../core/oss-error';

/** How the body reaches the upstream: the gateway writes this framing itself, never the client's. */
export type BodyFraming =
  | { readonly kind: 'none' }
  | { readonly kind: 'length'; readonly length: number }
  | { readonly kind: 'chunked' };

const NONE: BodyFraming = { kind: 'none' };
const NOT_IMPLEMENTED = 'NotImplemented.headerFunctionality';
const INVALID = 'InvalidArgument.parameterInvalidDotted';

/**
 * Reads the client's framing once. Node's parser has already delimited the body; what is refused
 * here is framing another parser could read differently: any transfer coding but a lone `chunked`
 * (`gzip, chunked`, `identity, chunked`), chunked on HTTP/1.0 (RFC 9112 §6.1: faulty framing), and
 * a length that is not one non-negative integer.
 */
export function bodyFraming(req: IncomingMessage, headers: OssRequestHeaders): BodyFraming | OssError {
  const te = headers['transfer-encoding'];
  const cl = headers['content-length'];
  if (te !== undefined) {
    // Exactly `chunked`: Node reads `chunked<TAB>` as some other coding and the body as running to the
    // end of the connection, so anything but the bare token is refused rather than guessed at.
    if (te.toLowerCase() !== 'chunked' || req.httpVersionMajor !== 1 || req.httpVersionMinor === 0) {
      return ossError(NOT_IMPLEMENTED, [['Header', 'Transfer-Encoding']]);
    }
    // Node refuses Transfer-Encoding with Content-Length; a caller without Node's parser might not.
    if (cl !== undefined) return invalidArgument(INVALID, 'Content-Length', cl);
    return { kind: 'chunked' };
  }
  if (cl === undefined) return NONE;
  const length = declaredContentLength(cl);
  if (length === null || length === undefined) return invalidArgument(INVALID, 'Content-Length', cl);
  return { kind: 'length', length };
}

type OssRequestHeaders = Readonly<Record<string, string | undefined>>;

/** Methods whose OSS operations take no body: one sent anyway is read and dropped, never forwarded. */
export const BODYLESS_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'DELETE', 'OPTIONS']);
