/**
 * Caches a pure check by its string input. Upload clients send the same callback or
 * tagging header on request after request, and decoding base64, JSON and URLs each
 * time is the largest per-request cost of the rules. Bounded in entries and key size;
 * the oldest entry goes first.
 */
export function memoizeByString<R>(
  fn: (input: string) => R,
  maxEntries = 512,
  maxInputLength = 8192,
): (input: string) => R {
  const cache = new Map<string, R>();
  return (input) => {
    if (input.length > maxInputLength) return fn(input);
    if (cache.has(input)) return cache.get(input) as R;
    const result = fn(input);
    if (cache.size >= maxEntries) cache.delete(cache.keys().next().value as string);
    cache.set(input, result);
    return result;
  };
}
