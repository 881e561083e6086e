import type { OssError } from './oss-error';
import type { OssRequest } from './request';
import type { Rule, RuleContext, RuleInputs } from './rule';

export type EngineOptions = {
  readonly rules: readonly Rule[];
  /** Rule ids or families to skip. */
  readonly disable?: readonly string[];
  /** Only these families (default: all). */
  readonly families?: readonly string[];
  /** Extra rules, run after the built-in ones. */
  readonly extraRules?: readonly Rule[];
};

export type Validator = {
  /** The first failing rule's error (OSS answers one error per request), or undefined. */
  (request: OssRequest, context: RuleContext, phase?: 'head' | 'body'): OssError | undefined;
  readonly rules: readonly Rule[];
};

/** True when the request carries one of the headers or query parameters a rule reads. */
function carriesAny(request: OssRequest, inputs: RuleInputs): boolean {
  const { headers, query } = inputs;
  if (headers !== undefined) for (const name of headers) if (request.headers[name] !== undefined) return true;
  if (query !== undefined) for (const name of query) if (request.query.has(name)) return true;
  return false;
}

/**
 * Selects and orders the rules once; per request only the rules registered for
 * the request's operation are visited, and of those only the ones whose inputs
 * (Rule.inputs) the request carries.
 */
export function createValidator(options: EngineOptions): Validator {
  const disabled = new Set(options.disable ?? []);
  const families = options.families ? new Set<string>(options.families) : undefined;
  const active = [...options.rules, ...(options.extraRules ?? [])].filter(
    (r) =>
      !disabled.has(r.id) &&
      !disabled.has(r.family) &&
      (families === undefined || families.has(r.family) || r.family === 'custom'),
  );
  const byOperation = new Map<string, { head: Rule[]; body: Rule[] }>();
  const listsFor = (operation: string) => {
    let lists = byOperation.get(operation);
    if (!lists) {
      lists = {
        head: active.filter(
          (r) =>
            (r.phase ?? 'head') === 'head' && (r.operations === 'all' || r.operations.includes(operation)),
        ),
        body: active.filter(
          (r) => r.phase === 'body' && (r.operations === 'all' || r.operations.includes(operation)),
        ),
      };
      byOperation.set(operation, lists);
    }
    return lists;
  };

  const validate = (request: OssRequest, context: RuleContext, phase: 'head' | 'body' = 'head') => {
    const list = listsFor(request.operation)[phase];
    // Form fields can stand in for headers, so a PostObject form visits every rule.
    const skipAbsent = request.form === undefined;
    for (const rule of list) {
      if (skipAbsent && rule.inputs !== undefined && !carriesAny(request, rule.inputs)) continue;
      const error = rule.check(request, context);
      if (error) return error;
    }
    return undefined;
  };
  return Object.assign(validate, { rules: active });
}
