/**
 * A case-insensitive membership test. OSS documents these values in one case, but whether it
 * compares them case-sensitively is not documented (python SDK live tests show upper-case
 * tagging-directive values accepted), and a value OSS might accept must never be rejected here.
 */
export function oneOf(values: readonly string[]): (value: string) => boolean {
  const set = new Set(values.map((v) => v.toLowerCase()));
  return (value) => set.has(value.trim().toLowerCase());
}
