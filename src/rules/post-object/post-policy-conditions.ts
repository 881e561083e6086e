import { type OssError, ossError } from '../../core/oss-error';
import type { OssRequest } from '../../core/request';
import { defineRule } from '../../core/rule';
import { formField } from './form-field';
import { type MatchCondition, policyOf } from './policy-document';

export const CONDITION_FAILED = 'AccessDenied.policyConditionFailed';

/**
 * The condition as OSS prints it (EC 0006-00000227): a JSON list with ", " separators and the
 * field always `$`-prefixed, even when the policy wrote it bare or as a `{"field": "value"}` map.
 */
export function formatCondition(condition: MatchCondition): string {
  const field = condition.field.startsWith('$') ? condition.field : `$${condition.field}`;
  const value =
    typeof condition.value === 'string'
      ? JSON.stringify(condition.value)
      : `[${condition.value.map((v) => JSON.stringify(v)).join(', ')}]`;
  return `[${JSON.stringify(condition.mode)}, ${JSON.stringify(field)}, ${value}]`;
}

function fieldName(condition: MatchCondition): string {
  return (condition.field.startsWith('$') ? condition.field.slice(1) : condition.field).toLowerCase();
}

/**
 * A condition on an absent field fails as if the field were empty (EC 0006-00000226). The one
 * exception is Content-Type: OSS falls back to the file part's type, which the form does not
 * carry, so an absent Content-Type field passes rather than risk refusing an accepted upload.
 */
function failure(
  condition: MatchCondition,
  request: OssRequest,
  form: Readonly<Record<string, string>>,
): OssError | undefined {
  const name = fieldName(condition);
  const present = name === 'bucket' ? request.bucket : formField(form, name);
  if (present === undefined && name === 'content-type') return undefined;
  const actual = present ?? '';
  let ok: boolean;
  switch (condition.kind) {
    case 'eq':
      ok = actual === condition.value;
      break;
    case 'starts-with':
      ok = actual.startsWith(condition.value as string);
      break;
    case 'in':
      ok = (condition.value as readonly string[]).includes(actual);
      break;
    case 'not-in':
      ok = !(condition.value as readonly string[]).includes(actual);
      break;
  }
  if (ok) return undefined;
  const ec = present === undefined ? '0006-00000226' : '0006-00000227';
  return ossError(CONDITION_FAILED, [], ec, { condition: formatCondition(condition) });
}

export function policyConditionsError(request: OssRequest): OssError | undefined {
  if (request.form === undefined) return undefined;
  const result = policyOf(request.form);
  if (result === null || 'error' in result) return undefined;
  for (const condition of result.policy.conditions) {
    // Sizes are only known while the file streams: the upload engine enforces content-length-range.
    if (condition.kind === 'content-length-range') continue;
    const error = failure(condition, request, request.form);
    if (error) return error;
  }
  return undefined;
}

export const postPolicyConditions = defineRule({
  id: 'post-policy-conditions',
  family: 'post-object',
  operations: ['PostObject'],
  errors: [CONDITION_FAILED],
  source:
    'PostObject API reference (Appendix: Policy; values checked before the filename placeholder is expanded) ; EC 0006-00000226/227 ; ' +
    'research oss-rules-post-sign.md §1.4 Y18-Y24. Field names match case-insensitively and `$` is optional (both ' +
    'UNCERTAIN, so accepted); an absent field compares as empty except Content-Type, which passes (OSS may use the ' +
    'file part type); eq/starts-with/in/not-in values are case-sensitive; bucket compares with the addressed bucket.',
  check: policyConditionsError,
});
