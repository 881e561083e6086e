import { isUtf8 } from 'node:buffer';
import type AjvModule from 'ajv';
import type { ErrorObject } from 'ajv';
import schema from '../../../schemas/post-policy.schema.json';
import { lazyModule, once } from '../../core/lazy';
import { type OssError, ossError } from '../../core/oss-error';
import { formField } from './form-field';

export const POLICY_INVALID = 'InvalidPolicyDocument.pleaseCheck';
export const POLICY_INVALID_JSON = 'InvalidPolicyDocument.json';
export const POLICY_SIMPLE_CONDITION = 'InvalidPolicyDocument.simpleConditionShape';

export type MatchCondition = {
  readonly kind: 'eq' | 'starts-with' | 'in' | 'not-in';
  /** The field as the policy wrote it (with or without `$`), for the failure message. */
  readonly field: string;
  /** Written as `{"field": "value"}` rather than a list. */
  readonly simple: boolean;
  /** The matching mode as written, for the failure message. */
  readonly mode: string;
  readonly value: string | readonly string[];
};
export type RangeCondition = {
  readonly kind: 'content-length-range';
  readonly min: number;
  readonly max: number;
};
export type PolicyCondition = MatchCondition | RangeCondition;
export type PostPolicy = { readonly expiration: number; readonly conditions: readonly PolicyCondition[] };

const ajvModule = lazyModule<{ default: typeof AjvModule }>('ajv');
// Compiled on the first policy (not at import, where most processes would never need it); strict so a
// schema typo fails in the unit tests, unions for number-or-string values.
const shapeValidator = once(() =>
  new (ajvModule().default)({ strict: true, allowUnionTypes: true }).compile(schema),
);

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?Z$/;

/** Standard base64; missing padding is tolerated because decoders differ there. */
function decodeBase64(text: string): Buffer | undefined {
  if (!BASE64.test(text)) return undefined;
  if (text.endsWith('=') ? text.length % 4 !== 0 : text.length % 4 === 1) return undefined;
  return Buffer.from(text, 'base64');
}

/** Milliseconds of an ISO 8601 GMT time, or undefined for an impossible date such as 2023-02-30. */
export function parseIsoExpiration(text: string): number | undefined {
  const m = ISO.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const ms = Date.UTC(y, mo - 1, d, h, mi, s) + Number(`0.${m[7] ?? '0'}`) * 1000;
  const date = new Date(ms);
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d)
    return undefined;
  return ms;
}

/**
 * OSS publishes four policy messages; each schema failure maps to the closest. The seed pairs the
 * Simple-Condition message with "the policy has no conditions", so missing or empty conditions
 * use it as well as a map condition without exactly one property.
 */
function shapeError(error: ErrorObject | undefined): OssError {
  if (error !== undefined) {
    if (
      error.instancePath === '' &&
      error.keyword === 'required' &&
      error.params.missingProperty === 'conditions'
    ) {
      return ossError(POLICY_SIMPLE_CONDITION, [], '0006-00000207');
    }
    if (error.instancePath === '/conditions' && error.keyword === 'minItems') {
      return ossError(POLICY_SIMPLE_CONDITION, [], '0006-00000215');
    }
    const simple =
      error.schemaPath.startsWith('#/definitions/simpleCondition/') &&
      (error.keyword === 'minProperties' || error.keyword === 'maxProperties');
    if (simple) return ossError(POLICY_SIMPLE_CONDITION);
  }
  return ossError(POLICY_INVALID);
}

function toCondition(item: unknown): PolicyCondition | undefined {
  if (!Array.isArray(item)) {
    const [field, value] = Object.entries(item as Record<string, string | number>)[0]!;
    return { kind: 'eq', field, simple: true, mode: 'eq', value: String(value) };
  }
  const [mode, first, second] = item as [string, unknown, unknown];
  const kind = mode.toLowerCase();
  if (kind === 'content-length-range') {
    const min = Number(first);
    const max = Number(second);
    // EC 0006-00000219: a maximum below the minimum is a policy error, not a size error.
    return max < min ? undefined : { kind, min, max };
  }
  return {
    kind: kind as MatchCondition['kind'],
    field: first as string,
    simple: false,
    mode,
    value: second as string | string[],
  };
}

export type PolicyResult = { readonly policy: PostPolicy } | { readonly error: OssError };

export function parsePolicy(base64: string): PolicyResult {
  const bytes = decodeBase64(base64);
  if (bytes === undefined) return { error: ossError(POLICY_INVALID, [], '0006-00000202') };
  if (!isUtf8(bytes)) return { error: ossError(POLICY_INVALID, [], '0006-00000203') };
  let json: unknown;
  try {
    json = JSON.parse(bytes.toString('utf8'));
  } catch {
    return { error: ossError(POLICY_INVALID_JSON, [], '0006-00000204') };
  }
  const validateShape = shapeValidator();
  if (!validateShape(json)) return { error: shapeError(validateShape.errors?.[0]) };
  const document = json as { expiration: string; conditions: unknown[] };
  const expiration = parseIsoExpiration(document.expiration);
  if (expiration === undefined) return { error: ossError(POLICY_INVALID) };
  const conditions: PolicyCondition[] = [];
  for (const item of document.conditions) {
    const condition = toCondition(item);
    if (condition === undefined) return { error: ossError(POLICY_INVALID, [], '0006-00000219') };
    conditions.push(condition);
  }
  return { policy: { expiration, conditions } };
}

const parsed = new WeakMap<object, PolicyResult | null>();

/** The form's policy, parsed once per form object however many rules ask; null when there is none. */
export function policyOf(form: Readonly<Record<string, string>>): PolicyResult | null {
  const cached = parsed.get(form);
  if (cached !== undefined) return cached;
  const text = formField(form, 'policy');
  const result = text === undefined || text === '' ? null : parsePolicy(text);
  parsed.set(form, result);
  return result;
}

/** The size bounds of every content-length-range condition, intersected; undefined when there are none. */
export function contentLengthRange(policy: PostPolicy): { min: number; max: number } | undefined {
  let range: { min: number; max: number } | undefined;
  for (const c of policy.conditions) {
    if (c.kind !== 'content-length-range') continue;
    range =
      range === undefined
        ? { min: c.min, max: c.max }
        : { min: Math.max(range.min, c.min), max: Math.min(range.max, c.max) };
  }
  return range;
}
