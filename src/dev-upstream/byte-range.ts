import { invalidRange } from './dev-error';

export type ByteRange = { readonly start: number; readonly end: number };

/**
 * Parses a single `bytes=a-b`, `bytes=a-` or `bytes=-n` range. Like OSS, a
 * header it cannot use (bad syntax, several ranges) is ignored and the whole
 * object is returned; only a start beyond the end is an error.
 */
export function parseByteRange(header: string | undefined, size: number): ByteRange | undefined {
  const match = header === undefined ? null : /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!match) return undefined;
  const [, first = '', last = ''] = match;
  if (first === '') {
    const suffix = Number(last);
    if (last === '' || suffix === 0 || size === 0) return undefined;
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(first);
  const end = last === '' ? size - 1 : Math.min(Number(last), size - 1);
  if (last !== '' && Number(last) < start) return undefined;
  if (start >= size) throw invalidRange();
  return { start, end };
}
