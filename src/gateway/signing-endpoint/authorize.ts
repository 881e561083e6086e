import type { IncomingMessage } from 'node:http';
import type { SigningDescription } from './description';

/** Decides whether the caller may have this request signed. */
export type Authorize = (description: SigningDescription, req: IncomingMessage) => boolean | Promise<boolean>;

export function allowBuckets(...buckets: string[]): Authorize {
  const allowed = new Set(buckets);
  return (d) => d.bucket !== undefined && allowed.has(d.bucket);
}

/**
 * Keys under one of the prefixes. `.` and `..` segments are refused because browsers and many
 * HTTP clients collapse them before sending, so the key signed is not the key fetched.
 */
export function allowKeyPrefixes(...prefixes: string[]): Authorize {
  return (d) =>
    d.key !== undefined &&
    !d.key.split('/').some((segment) => segment === '.' || segment === '..') &&
    prefixes.some((prefix) => d.key!.startsWith(prefix));
}

export function allowMethods(...methods: string[]): Authorize {
  const allowed = new Set(methods.map((m) => m.toUpperCase()));
  return (d) => allowed.has(d.method);
}

/** Signed URLs valid for at most `seconds` (headers signatures are valid for 15 minutes anyway). */
export function maxExpiry(seconds: number): Authorize {
  return (d) => d.type === 'headers' || d.expires <= seconds;
}

/** Every check must allow; evaluated in order, stopping at the first refusal. */
export function allOf(...checks: Authorize[]): Authorize {
  return async (d, req) => {
    for (const check of checks) if ((await check(d, req)) !== true) return false;
    return true;
  };
}
