/** Construction-time option checks: fail fast, name the option, suggest the fix. */

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}

export function suggest(name: string, known: Iterable<string>): string {
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const d = distance(name.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best !== undefined && bestDistance <= 3 ? ` Did you mean "${best}"?` : '';
}

/** A short rendering of a wrong value for an error message. */
export function describe(value: unknown): string {
  if (typeof value === 'function') return 'a function';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  return String(value);
}

export function optionError(factory: string, message: string): TypeError {
  return new TypeError(`oss-preflight: ${factory}: ${message}`);
}

/** Throws when the options are not an object, and on keys the factory does not know (almost always typos). */
export function rejectUnknownOptions(factory: string, options: unknown, known: readonly string[]): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options))
    throw optionError(factory, `options must be an object, got ${describe(options)}.`);
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw optionError(factory, `unknown option "${key}".${suggest(key, known)}`);
    }
  }
}

/**
 * A group of integer settings (`bounds`, `upstreamTimeouts`, a form's `limits`): an object of known
 * names only, each an integer of at least `minimum(name)`; what is not given keeps its default.
 */
export function resolveIntegers<T extends Record<string, number>>(
  factory: string,
  group: string,
  given: Partial<T> | undefined,
  defaults: T,
  minimum: (name: keyof T & string) => number,
): T {
  if (given === undefined) return defaults;
  if (typeof given !== 'object' || given === null || Array.isArray(given))
    throw optionError(factory, `"${group}" must be an object.`);
  const names = Object.keys(defaults) as Array<keyof T & string>;
  rejectUnknownOptions(`${factory} ${group}`, given, names);
  const out = { ...defaults };
  for (const name of names) {
    const value = given[name];
    if (value === undefined) continue;
    const min = minimum(name);
    if (!Number.isSafeInteger(value) || value < min)
      throw optionError(factory, `"${group}.${name}" must be an integer of at least ${min}, got ${value}.`);
    out[name] = value as T[typeof name];
  }
  return out;
}

export function expectArrayOfStrings(factory: string, name: string, value: unknown): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.some((v) => typeof v !== 'string')) {
    throw optionError(factory, `option "${name}" must be an array of strings, got ${JSON.stringify(value)}.`);
  }
}

/** `{ name: string }`, such as `customDomains` (host → bucket). */
export function expectStringMap(factory: string, name: string, value: unknown): void {
  if (value === undefined) return;
  if (
    typeof value !== 'object' ||
    value === null ||
    Array.isArray(value) ||
    Object.values(value).some((v) => typeof v !== 'string')
  ) {
    throw optionError(factory, `option "${name}" must be an object of strings, got ${describe(value)}.`);
  }
}
