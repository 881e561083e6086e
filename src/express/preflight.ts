import { CORE_OPTION_NAMES, type CoreOptions, createPreflight } from '../core/preflight';
import type { RawRequest } from '../core/request';
import type { RuleFamily } from '../core/rule';
import { builtInRules } from '../rules';
import { expectArrayOfStrings, optionError, rejectUnknownOptions, suggest } from './options';
import { getOssRequest, setOssRequest } from './request-state';
import type { Middleware } from './types';

export type PreflightOptions = CoreOptions;

const FAMILIES: readonly RuleFamily[] = [
  'names',
  'auth',
  'tagging',
  'callback',
  'persistent-headers',
  'traffic-limit',
  'headers',
  'integrity',
  'multipart',
  'bucket-config',
  'cors',
  'post-object',
  'custom',
];

export function checkPreflightOptions(factory: string, options: PreflightOptions): void {
  rejectUnknownOptions(factory, options, CORE_OPTION_NAMES);
  expectArrayOfStrings(factory, 'disable', options.disable);
  expectArrayOfStrings(factory, 'families', options.families);
  expectArrayOfStrings(factory, 'virtualHostSuffixes', options.virtualHostSuffixes);
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw optionError(factory, 'option "now" must be a function returning milliseconds since the epoch.');
  }
  const known = new Set<string>([
    ...FAMILIES,
    ...[...builtInRules, ...(options.extraRules ?? [])].map((r) => r.id),
  ]);
  for (const id of options.disable ?? []) {
    // A disabled rule that does not exist is a typo that would silently keep the rule on.
    if (!known.has(id) && !FAMILIES.includes(id as RuleFamily)) {
      throw optionError(
        factory,
        `"disable" names "${id}", which is neither a rule id nor a family.${suggest(id, known)}`,
      );
    }
  }
  for (const family of options.families ?? []) {
    if (!FAMILIES.includes(family)) {
      throw optionError(factory, `unknown family "${family}".${suggest(family, FAMILIES)}`);
    }
  }
}

export function toRawRequest(req: {
  method?: string | undefined;
  url?: string | undefined;
  headers: RawRequest['headers'];
}): RawRequest {
  // A server's request already has the shape; copying it would allocate on every request.
  if (req.method !== undefined && req.url !== undefined) return req as RawRequest;
  return { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers };
}

/**
 * Validates method, URL and headers against every rule OSS applies without
 * server state, and calls `next(ossError)` for the first violation. Reads no
 * body, so it can sit in front of a streaming proxy.
 */
export function preflight(options: PreflightOptions = {}): Middleware {
  return createPreflightMiddleware('preflight()', options);
}

export function createPreflightMiddleware(factory: string, options: PreflightOptions): Middleware {
  checkPreflightOptions(factory, options);
  const core = createPreflight(options);
  return function ossPreflight(req, _res, next) {
    let request = getOssRequest(req);
    if (!request) {
      request = core.parse(toRawRequest(req));
      setOssRequest(req, request);
    }
    const error = core.check(request);
    if (error) next(error);
    else next();
  };
}
