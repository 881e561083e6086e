import type { AddressingOptions } from '../core/addressing';
import { createValidator } from '../core/engine';
import type { OssError } from '../core/oss-error';
import { createRequestParser, type OssRequest, type RawRequest } from '../core/request';
import type { Rule, RuleContext } from '../core/rule';
import { builtInRules, type RuleFamily } from '../rules';
import { checkPreflightOptions } from './options';

/** Rule and addressing options, as every factory that runs the rules takes them. */
export interface PreflightOptions extends AddressingOptions {
  /**
   * Rule ids (`bucket-name`) or families (`tagging`) to turn off (docs/rules.md lists them).
   * @defaultValue none: every rule runs
   */
  readonly disable?: readonly string[];
  /**
   * Run only these families.
   * @defaultValue every family
   */
  readonly families?: readonly RuleFamily[];
  /**
   * Your own rules (made with `defineRule()`), run after the built-in ones.
   * @defaultValue none
   */
  readonly extraRules?: readonly Rule[];
  /**
   * Clock in milliseconds since the epoch, for tests and for servers that trust another time source.
   * @defaultValue `Date.now`
   */
  readonly now?: () => number;
}

export type Preflight = {
  readonly parse: (raw: RawRequest) => OssRequest;
  /** Runs the rules of one phase; returns the first error, or undefined when OSS would accept the request. */
  readonly check: (
    request: OssRequest,
    context?: Partial<RuleContext>,
    phase?: 'head' | 'body',
  ) => OssError | undefined;
  readonly rules: readonly Rule[];
  /** True when some active rule reads the body of this operation. */
  readonly needsBody: (operation: string) => boolean;
};

/** The framework-free pre-flight: parse once, validate many. No Express types here. */
export function createPreflight(options: PreflightOptions = {}): Preflight {
  checkPreflightOptions('createPreflight()', options);
  const parse = createRequestParser(options);
  const validator = createValidator({
    rules: builtInRules,
    ...(options.disable ? { disable: options.disable } : {}),
    ...(options.families ? { families: options.families } : {}),
    ...(options.extraRules ? { extraRules: options.extraRules } : {}),
  });
  const now = options.now ?? Date.now;
  const bodyOperations = new Set<string>();
  for (const rule of validator.rules) {
    if (rule.phase === 'body' && rule.operations !== 'all')
      for (const op of rule.operations) bodyOperations.add(op);
  }
  return {
    parse,
    check: (request, context = {}, phase = 'head') =>
      validator(request, { now: context.now ?? now(), credential: context.credential }, phase),
    rules: validator.rules,
    needsBody: (operation) => bodyOperations.has(operation),
  };
}
