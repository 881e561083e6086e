// Option checks for issuePostPolicy() and postPolicyRoute(). A bad option is the backend's programming
// error, not an OSS error for the browser, so each one throws a TypeError that names the option and
// the factory it was given to.
import { optionError } from '../core/options';
import { bucketNameError, objectNameError } from '../rules/names';
import type { IssuePostPolicyOptions, PostPolicyCredentials } from './issue-policy-types';

export const ISSUE_FACTORY = 'issuePostPolicy()';

/** V4 form signatures are valid at most 7 days after x-oss-date (POST V4 signature doc). */
export const MAX_V4_VALIDITY_MS = 7 * 24 * 60 * 60 * 1000;
export const DEFAULT_EXPIRES_IN_SECONDS = 3600;

// The characters OSS accepts in an AccessKeyId (InvalidAccessKeyId message, seed 000).
const ACCESS_KEY_ID = /^[0-9A-Za-z._=]+$/;
// A region ID such as cn-hangzhou or ap-southeast-1; CloudBox IDs (cb-...) have the same shape.
const REGION = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** A mistake in the options, before the factory that was called is known (see withFactoryName). */
class PolicyOptionProblem extends TypeError {}

export function fail(message: string): never {
  throw new PolicyOptionProblem(message);
}

/** Runs the checks, reporting a problem as coming from `factory` (the function the caller called). */
export function withFactoryName<T>(factory: string, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (error instanceof PolicyOptionProblem) throw optionError(factory, error.message);
    throw error;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

export function checkOptionsObject(options: unknown): asserts options is IssuePostPolicyOptions {
  if (!isPlainObject(options)) fail('options must be an object.');
}

/**
 * A lone surrogate cannot be sent as UTF-8: the browser replaces it with U+FFFD while the policy
 * JSON keeps `\ud800`, so the condition could never match.
 */
export function wellFormed(name: string, value: string): void {
  if (LONE_SURROGATE.test(value))
    fail(`"${name}" contains a lone UTF-16 surrogate, which cannot be sent as UTF-8.`);
}

export function checkString(name: string, value: unknown, allowEmpty = false): asserts value is string {
  if (typeof value !== 'string' || (!allowEmpty && value === '')) {
    fail(`"${name}" must be a ${allowEmpty ? '' : 'non-empty '}string, got ${JSON.stringify(value)}.`);
  }
  wellFormed(name, value);
}

export function checkBucket(bucket: unknown): asserts bucket is string {
  checkString('bucket', bucket);
  if (bucketNameError(bucket)) {
    fail(
      `"bucket" ${JSON.stringify(bucket)} is not a valid bucket name (3-63 of a-z, 0-9 and -, no - at either end).`,
    );
  }
}

export type KeyChoice = { readonly exact: boolean; readonly value: string };

/** The exact key, or the prefix the browser's `${filename}` is appended to. */
export function checkKey(options: IssuePostPolicyOptions): KeyChoice {
  const { key, keyPrefix } = options;
  if (key !== undefined && keyPrefix !== undefined) fail('give either "key" or "keyPrefix", not both.');
  if (key === undefined && keyPrefix === undefined) {
    fail('"key" or "keyPrefix" is required; use keyPrefix: "" to allow any key in the bucket.');
  }
  if (key !== undefined) {
    checkString('key', key);
    const error = objectNameError(Buffer.from(key, 'utf8'));
    if (error) fail(`"key" is refused by OSS: ${error.code}: ${error.message}`);
    return { exact: true, value: key };
  }
  checkString('keyPrefix', keyPrefix, true);
  // The shortest key the prefix allows is the prefix plus a one-character file name.
  const error = objectNameError(Buffer.from(`${keyPrefix}x`, 'utf8'));
  if (error) fail(`"keyPrefix" would only produce keys OSS refuses: ${error.code}: ${error.message}`);
  return { exact: false, value: keyPrefix as string };
}

function checkByteCount(name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0) {
    fail(`"${name}" must be a whole number of bytes, 0 or more, got ${String(value)}.`);
  }
}

/** The content-length-range bounds, or undefined when neither option is set. */
export function checkSizes(
  options: IssuePostPolicyOptions,
  largestObject: number,
): { min: number; max: number } | undefined {
  const { minSize, maxSize } = options;
  if (minSize === undefined && maxSize === undefined) return undefined;
  if (minSize !== undefined) checkByteCount('minSize', minSize);
  if (maxSize !== undefined) checkByteCount('maxSize', maxSize);
  const min = minSize ?? 0;
  const max = maxSize ?? Math.max(largestObject, min);
  // OSS refuses such a policy as a whole (EC 0006-00000219), so no upload could ever succeed.
  if (min > max) fail(`"minSize" (${min}) is larger than "maxSize" (${max}).`);
  return { min, max };
}

export function checkNow(now: IssuePostPolicyOptions['now']): number {
  const ms =
    now === undefined
      ? Date.now()
      : typeof now === 'function'
        ? now()
        : now instanceof Date
          ? now.getTime()
          : now;
  if (typeof ms !== 'number' || !Number.isFinite(ms))
    fail(`"now" must be a Date, milliseconds or a function returning them.`);
  return ms;
}

/** Milliseconds of the expiration; refused when OSS would refuse every upload under it. */
export function checkExpiration(options: IssuePostPolicyOptions, nowMs: number, v4: boolean): number {
  const { expiresIn, expiration } = options;
  if (expiresIn !== undefined && expiration !== undefined)
    fail('give either "expiresIn" or "expiration", not both.');
  let ms: number;
  if (expiration !== undefined) {
    if (!(expiration instanceof Date) || Number.isNaN(expiration.getTime()))
      fail('"expiration" must be a valid Date.');
    ms = expiration.getTime();
  } else {
    const seconds = expiresIn ?? DEFAULT_EXPIRES_IN_SECONDS;
    if (typeof seconds !== 'number' || !Number.isFinite(seconds) || seconds <= 0) {
      fail(`"expiresIn" must be a positive number of seconds, got ${String(seconds)}.`);
    }
    ms = nowMs + Math.round(seconds * 1000);
  }
  if (ms <= nowMs) {
    fail(`the policy would already be expired: expiration ${new Date(ms).toISOString()} is not after now.`);
  }
  if (v4 && ms - nowMs > MAX_V4_VALIDITY_MS) {
    fail('a V4 form signature is valid at most 7 days after its x-oss-date; choose an earlier expiration.');
  }
  // The ISO form below covers years 0000-9999 only, the range the policy schema's pattern accepts.
  if (ms >= Date.UTC(10000, 0, 1)) fail('"expiration" must be before the year 10000.');
  return ms;
}

export function checkCredentials(credentials: unknown): PostPolicyCredentials {
  if (!isPlainObject(credentials))
    fail('"credentials" must be { accessKeyId, accessKeySecret, securityToken? }.');
  const { accessKeyId, accessKeySecret, securityToken } = credentials;
  if (typeof accessKeyId !== 'string' || !ACCESS_KEY_ID.test(accessKeyId)) {
    fail(
      '"credentials.accessKeyId" must be an AccessKeyId: letters, digits and . _ = only, as OSS requires.',
    );
  }
  if (typeof accessKeySecret !== 'string' || accessKeySecret === '') {
    fail('"credentials.accessKeySecret" must be a non-empty string.');
  }
  if (securityToken !== undefined && (typeof securityToken !== 'string' || securityToken === '')) {
    fail('"credentials.securityToken" must be a non-empty string when given.');
  }
  return { accessKeyId, accessKeySecret, securityToken };
}

export function checkRegion(region: unknown, required: boolean): string | undefined {
  if (region === undefined) {
    if (required) fail('"region" (such as "cn-hangzhou") is required for a V4 signature.');
    return undefined;
  }
  if (typeof region !== 'string' || !REGION.test(region)) {
    fail(`"region" must be a region ID such as "cn-hangzhou", got ${JSON.stringify(region)}.`);
  }
  if (region.startsWith('oss-')) {
    fail(`"region" is the region ID ("${region.slice(4)}"), not the endpoint prefix ("${region}").`);
  }
  return region;
}

export function checkUrl(url: unknown): string | undefined {
  if (url === undefined) return undefined;
  if (url instanceof URL) return url.href;
  if (typeof url !== 'string' || url === '') fail('"url" must be a non-empty string or a URL.');
  return url;
}
