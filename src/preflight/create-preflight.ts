import { createValidator } from '../core/engine';
import type { OssError } from '../core/oss-error';
import { createRequestParser, type OssRequest, type RawRequest } from '../core/request';
import type { Rule, RuleContext } from '../core/rule';
import { builtInRules } from '../rules';
import { checkPreflightOptions } from './options';
import type { PreflightOptions } from './preflight-options';

export type { PreflightOptions } from './preflight-options';

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
