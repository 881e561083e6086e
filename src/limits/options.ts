import { optionError, rejectUnknownOptions, suggest } from '../core/options';
import type { Limit, LimitScope, OperationClass, RateLimits } from './types';

const LIMITS_OPTIONS = ['rules', 'store', 'failOpen', 'bandwidth', 'identify', 'onStoreError'] as const;
const RULE_OPTIONS = [
  'name',
  'per',
  'operations',
  'requestsPerSecond',
  'uploadBytesPerSecond',
  'downloadBytesPerSecond',
] as const;
const STORE_OPTIONS = ['redis', 'keyPrefix', 'commandTimeoutMs'] as const;
const SCOPES: readonly LimitScope[] = ['accessKey', 'bucket', 'address', 'operationClass'];
const CLASSES: readonly OperationClass[] = ['meta', 'read', 'write'];
export const RATES = ['requestsPerSecond', 'uploadBytesPerSecond', 'downloadBytesPerSecond'] as const;
export type Rate = (typeof RATES)[number];

export type ResolvedLimit = {
  readonly name: string;
  readonly per: LimitScope;
  readonly operations: ReadonlySet<OperationClass>;
  readonly rates: Readonly<Partial<Record<Rate, number>>>;
};

export type ResolvedStore =
  | { readonly kind: 'memory' }
  | {
      readonly kind: 'redis';
      readonly redis: NonNullable<Exclude<RateLimits['store'], 'memory' | undefined>>['redis'];
      readonly keyPrefix: string;
      readonly commandTimeoutMs: number;
    };

export type ResolvedLimits = {
  readonly rules: readonly ResolvedLimit[];
  readonly store: ResolvedStore;
  readonly failOpen: boolean;
  readonly bandwidth: 'refuse' | 'throttle';
  readonly identify: RateLimits['identify'];
  readonly onStoreError: RateLimits['onStoreError'];
};

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function resolveStore(factory: string, store: unknown): ResolvedStore {
  if (store === undefined || store === 'memory') return { kind: 'memory' };
  if (!isObject(store)) {
    throw optionError(factory, `"limits.store" must be "memory" or { redis: "redis://..." }.`);
  }
  rejectUnknownOptions(`${factory} limits.store`, store, STORE_OPTIONS);
  const redis = store.redis;
  if (typeof redis === 'string') {
    if (!/^rediss?:\/\//.test(redis)) {
      throw optionError(factory, `"limits.store.redis" must be a redis:// or rediss:// URL.`);
    }
  } else if (!isObject(redis) || typeof (redis as { defineCommand?: unknown }).defineCommand !== 'function') {
    throw optionError(factory, `"limits.store.redis" must be a redis:// URL or an ioredis client.`);
  }
  const keyPrefix = store.keyPrefix ?? 'oss-preflight:limit:';
  if (typeof keyPrefix !== 'string') throw optionError(factory, `"limits.store.keyPrefix" must be a string.`);
  const commandTimeoutMs = store.commandTimeoutMs ?? 500;
  if (!Number.isInteger(commandTimeoutMs) || (commandTimeoutMs as number) < 1) {
    throw optionError(factory, `"limits.store.commandTimeoutMs" must be a positive integer.`);
  }
  return {
    kind: 'redis',
    redis: redis as ResolvedStore extends { redis: infer R } ? R : never,
    keyPrefix,
    commandTimeoutMs: commandTimeoutMs as number,
  };
}

function resolveRule(factory: string, rule: unknown, index: number, names: Set<string>): ResolvedLimit {
  const where = `limits.rules[${index}]`;
  if (!isObject(rule)) throw optionError(factory, `"${where}" must be an object.`);
  rejectUnknownOptions(`${factory} ${where}`, rule, RULE_OPTIONS);
  const limit = rule as Limit;
  if (!SCOPES.includes(limit.per)) {
    const hint = typeof limit.per === 'string' ? suggest(limit.per, SCOPES) : '';
    throw optionError(factory, `"${where}.per" must be one of ${SCOPES.join(', ')}.${hint}`);
  }
  const operations = limit.operations ?? CLASSES;
  if (!Array.isArray(operations) || operations.length === 0) {
    throw optionError(factory, `"${where}.operations" must be a non-empty list of ${CLASSES.join(', ')}.`);
  }
  for (const op of operations) {
    if (!CLASSES.includes(op)) {
      const hint = typeof op === 'string' ? suggest(op, CLASSES) : '';
      throw optionError(
        factory,
        `"${where}.operations" has "${op}"; classes are ${CLASSES.join(', ')}.${hint}`,
      );
    }
  }
  const rates: Partial<Record<Rate, number>> = {};
  for (const rate of RATES) {
    const value = limit[rate];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 1) {
      throw optionError(factory, `"${where}.${rate}" must be a positive integer, got ${value}.`);
    }
    rates[rate] = value;
  }
  if (Object.keys(rates).length === 0) {
    throw optionError(factory, `"${where}" sets no rate: give ${RATES.join(', ')} or several.`);
  }
  let name = limit.name;
  if (name === undefined) {
    name = limit.per;
    for (let n = 2; names.has(name); n++) name = `${limit.per}-${n}`;
  }
  if (typeof name !== 'string' || !/^[A-Za-z0-9_.-]{1,64}$/.test(name)) {
    throw optionError(factory, `"${where}.name" must be 1-64 letters, digits, ".", "_" or "-".`);
  }
  if (names.has(name)) throw optionError(factory, `"${where}.name" "${name}" is used by another limit.`);
  names.add(name);
  return { name, per: limit.per, operations: new Set(operations), rates };
}

/** Checks the `limits` option at construction time, naming the bad field and suggesting the fix. */
export function resolveLimits(factory: string, limits: unknown): ResolvedLimits | undefined {
  if (limits === undefined) return undefined;
  if (!isObject(limits)) throw optionError(factory, '"limits" must be an object { rules: [...] }.');
  rejectUnknownOptions(`${factory} limits`, limits, LIMITS_OPTIONS);
  if (!Array.isArray(limits.rules)) throw optionError(factory, '"limits.rules" must be an array of limits.');
  const names = new Set<string>();
  const rules = limits.rules.map((rule, index) => resolveRule(factory, rule, index, names));
  const failOpen = limits.failOpen ?? true;
  if (typeof failOpen !== 'boolean') throw optionError(factory, '"limits.failOpen" must be true or false.');
  const bandwidth = limits.bandwidth ?? 'refuse';
  if (bandwidth !== 'refuse' && bandwidth !== 'throttle') {
    const hint = typeof bandwidth === 'string' ? suggest(bandwidth, ['refuse', 'throttle']) : '';
    throw optionError(factory, `"limits.bandwidth" must be "refuse" or "throttle".${hint}`);
  }
  for (const hook of ['identify', 'onStoreError'] as const) {
    if (limits[hook] !== undefined && typeof limits[hook] !== 'function') {
      throw optionError(factory, `"limits.${hook}" must be a function.`);
    }
  }
  return {
    rules,
    store: resolveStore(factory, limits.store),
    failOpen,
    bandwidth,
    identify: limits.identify as RateLimits['identify'],
    onStoreError: limits.onStoreError as RateLimits['onStoreError'],
  };
}
