// The form fields besides key, policy and the signature: their checks, and which get a condition.
import { isOssError } from '../core/oss-error';
import { callbackError } from '../rules/callback';
import { fail, wellFormed } from './issue-policy-checks';
import type { IssuePostPolicyOptions, PolicyConditionInput, PostCallback } from './issue-policy-types';

/** Fields the issuer writes itself; a caller-supplied twin would either be ignored or break the signature. */
const ISSUER_FIELDS = new Set([
  'key',
  'policy',
  'file',
  'ossaccesskeyid',
  'signature',
  'x-oss-signature-version',
  'x-oss-credential',
  'x-oss-date',
  'x-oss-signature',
  'x-oss-security-token',
]);

/**
 * Fields the PostObject reference lists as usable in policy conditions (research §1.4 Y18). Others
 * (callback, `x:` variables, x-oss-object-acl...) are sent without a condition: whether OSS accepts
 * a condition on them is undocumented, and an unknown condition could make OSS refuse the policy.
 */
const CONDITIONABLE = new Set([
  'cache-control',
  'content-type',
  'content-disposition',
  'content-encoding',
  'expires',
  'success_action_redirect',
  'success_action_status',
]);

function isConditionable(lowerName: string): boolean {
  return CONDITIONABLE.has(lowerName) || lowerName.startsWith('x-oss-meta-');
}

export type FieldPlan = {
  /** Fields in the order they are sent, after key/policy/signature. */
  readonly fields: ReadonlyArray<readonly [string, string]>;
  readonly conditions: readonly PolicyConditionInput[];
};

function contentTypeCondition(contentType: NonNullable<IssuePostPolicyOptions['contentType']>): {
  field?: string;
  condition: PolicyConditionInput;
} {
  // One spelling for the field and the condition: it matches whether OSS compares names with or without case.
  if (typeof contentType === 'string') {
    if (contentType === '') fail('"contentType" must not be empty.');
    wellFormed('contentType', contentType);
    return { field: contentType, condition: ['eq', '$Content-Type', contentType] };
  }
  if (Array.isArray(contentType)) {
    const list = contentType as readonly unknown[];
    if (list.length === 0 || list.some((t) => typeof t !== 'string' || t === '')) {
      fail('"contentType" as a list must hold one or more non-empty strings.');
    }
    for (const t of list as string[]) wellFormed('contentType', t);
    return { condition: ['in', '$Content-Type', [...(list as string[])]] };
  }
  const prefix = (contentType as { prefix?: unknown }).prefix;
  if (typeof prefix !== 'string') fail('"contentType" must be a string, { prefix } or a list of strings.');
  wellFormed('contentType.prefix', prefix);
  return { condition: ['starts-with', '$Content-Type', prefix] };
}

function encodeCallback(callback: PostCallback | string): string {
  if (typeof callback === 'string') return callback;
  if (typeof callback !== 'object' || callback === null || Array.isArray(callback)) {
    fail('"callback" must be an object such as { callbackUrl, callbackBody } or its base64 encoding.');
  }
  return Buffer.from(JSON.stringify(callback), 'utf8').toString('base64');
}

export function planFields(options: IssuePostPolicyOptions): FieldPlan {
  const fields: Array<[string, string]> = [];
  const conditions: PolicyConditionInput[] = [];
  const taken = new Set<string>();
  const add = (name: string, value: string, pin: boolean) => {
    fields.push([name, value]);
    taken.add(name.toLowerCase());
    if (pin) conditions.push(['eq', `$${name}`, value]);
  };

  const status = options.successActionStatus;
  if (status !== undefined) {
    if (status !== 200 && status !== 201 && status !== 204) {
      fail(`"successActionStatus" must be 200, 201 or 204, got ${JSON.stringify(status)}.`);
    }
    add('success_action_status', String(status), true);
  }
  if (options.contentType !== undefined) {
    const { field, condition } = contentTypeCondition(options.contentType);
    if (field !== undefined) add('Content-Type', field, false);
    conditions.push(condition);
  }

  const extra = options.fields ?? {};
  if (typeof extra !== 'object' || extra === null || Array.isArray(extra))
    fail('"fields" must be an object.');
  const extraEntries = Object.entries(extra as Record<string, unknown>);
  const hasVariables = extraEntries.some(([name]) => name.toLowerCase().startsWith('x:'));
  if (options.callback !== undefined) {
    const value = encodeCallback(options.callback);
    // The `x:` fields are the callback's variables; only with them does OSS check ${x:...} syntax.
    const error = callbackError(value, { variables: hasVariables });
    if (isOssError(error)) fail(`"callback" is refused by OSS: ${error.code}: ${error.message}`);
    add('callback', value, false);
  }

  for (const [name, value] of extraEntries) {
    const lower = name.toLowerCase();
    if (name === '' || typeof value !== 'string') {
      fail(`"fields" must map non-empty names to strings; ${JSON.stringify(name)} does not.`);
    }
    wellFormed(`fields.${name}`, name);
    wellFormed(`fields.${name}`, value);
    if (ISSUER_FIELDS.has(lower)) fail(`"fields" must not set "${name}": the policy issuer writes it.`);
    if (taken.has(lower)) fail(`"fields" sets "${name}", which another option already sets.`);
    add(name, value, isConditionable(lower));
  }
  return { fields, conditions };
}
