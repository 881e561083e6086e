import { createHash, timingSafeEqual } from 'node:crypto';

/** Hashing first gives both sides the same length, so neither the content nor the length of `b` leaks. */
export function safeEqual(a: string, b: string): boolean {
  const digestA = createHash('sha256').update(a, 'utf8').digest();
  const digestB = createHash('sha256').update(b, 'utf8').digest();
  return timingSafeEqual(digestA, digestB);
}
