import { isUtf8 } from 'node:buffer';
import { headerBytes } from '../shared/header-bytes';

export type HeaderTag = {
  readonly key: string;
  readonly value: string;
  readonly keyBytes: number;
  readonly valueBytes: number;
};

export type ParsedTaggingHeader =
  | { readonly ok: true; readonly tags: readonly HeaderTag[]; readonly duplicate: boolean }
  | { readonly ok: false };

const AMPERSAND = 0x26;
const EQUALS = 0x3d;
const PERCENT = 0x25;
const PLUS = 0x2b;
const SPACE = 0x20;

function hexValue(byte: number): number {
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  const lower = byte | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x57;
  return -1;
}

/** Strict percent-decoding: a `%` not followed by two hex digits makes the header malformed. */
function decode(bytes: Buffer, start: number, end: number, plusIsSpace: boolean): Buffer | undefined {
  const out = Buffer.allocUnsafe(end - start);
  let n = 0;
  for (let i = start; i < end; i++) {
    const b = bytes[i]!;
    if (b === PERCENT) {
      const hi = i + 2 < end ? hexValue(bytes[i + 1]!) : -1;
      const lo = hi === -1 ? -1 : hexValue(bytes[i + 2]!);
      if (lo === -1) return undefined;
      out[n++] = hi * 16 + lo;
      i += 2;
    } else {
      out[n++] = plusIsSpace && b === PLUS ? SPACE : b;
    }
  }
  return out.subarray(0, n);
}

/**
 * Parses `k1=v1&k2=v2` as OSS documents it: a pair without `=` has an empty value, a pair with two
 * `=` is malformed, keys and values are percent-encoded UTF-8. Returns `ok: false` when the header
 * is malformed.
 */
export function parseTaggingHeader(header: string): ParsedTaggingHeader {
  const bytes = headerBytes(header);
  const tags: HeaderTag[] = [];
  const seen = new Set<string>();
  let duplicate = false;
  let start = 0;
  while (start <= bytes.length) {
    let end = bytes.indexOf(AMPERSAND, start);
    if (end === -1) end = bytes.length;
    // Empty pairs (`a=1&&b=2`, a trailing `&`) are skipped: no source says OSS refuses them.
    if (end > start) {
      let eq = -1;
      for (let i = start; i < end; i++) {
        if (bytes[i] !== EQUALS) continue;
        if (eq !== -1) return { ok: false };
        eq = i;
      }
      const keyEnd = eq === -1 ? end : eq;
      const key = decode(bytes, start, keyEnd, false);
      const value = eq === -1 ? Buffer.alloc(0) : decode(bytes, eq + 1, end, false);
      if (!key || !value || !isUtf8(key) || !isUtf8(value)) return { ok: false };
      // Whether OSS reads `+` as a space is undocumented (Go's SDK sends spaces as `+`, Python's as
      // %20), so two keys are duplicates only when they are equal under both readings.
      const spaced = bytes.subarray(start, keyEnd).includes(PLUS) ? decode(bytes, start, keyEnd, true)! : key;
      const identity = `${key.toString('utf8')}\n${spaced.toString('utf8')}`;
      if (seen.has(identity)) duplicate = true;
      seen.add(identity);
      tags.push({
        key: key.toString('utf8'),
        value: value.toString('utf8'),
        keyBytes: key.length,
        valueBytes: value.length,
      });
    }
    start = end + 1;
  }
  return { ok: true, tags, duplicate };
}
