import {
  expectArrayOfStrings,
  expectStringMap,
  optionError,
  rejectUnknownOptions,
  suggest,
} from '../core/options';
import { checkRule } from '../core/rule';
import { builtInRules, FAMILY_NAMES, type RuleFamily } from '../rules';
import type { PreflightOptions } from './preflight-options';

export const PREFLIGHT_OPTION_NAMES = [
  'virtualHostSuffixes',
  'customDomains',
  'disable',
  'families',
  'extraRules',
  'now',
] as const;

/** Checks rule and addressing options when a factory is created, naming the factory and the option. */
export function checkPreflightOptions(factory: string, options: PreflightOptions): void {
  rejectUnknownOptions(factory, options, PREFLIGHT_OPTION_NAMES);
  expectArrayOfStrings(factory, 'disable', options.disable);
  expectArrayOfStrings(factory, 'families', options.families);
  expectArrayOfStrings(factory, 'virtualHostSuffixes', options.virtualHostSuffixes);
  expectStringMap(factory, 'customDomains', options.customDomains);
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw optionError(factory, 'option "now" must be a function returning milliseconds since the epoch.');
  }
  checkExtraRules(factory, options.extraRules);
  const known = new Set<string>([
    ...FAMILY_NAMES,
    ...[...builtInRules, ...(options.extraRules ?? [])].map((r) => r.id),
  ]);
  for (const id of options.disable ?? []) {
    // A disabled rule that does not exist is a typo that would silently keep the rule on.
    if (!known.has(id) && !FAMILY_NAMES.includes(id as RuleFamily)) {
      throw optionError(
        factory,
        `"disable" names "${id}", which is neither a rule id nor a family.${suggest(id, known)}`,
      );
    }
  }
  for (const family of options.families ?? []) {
    if (!FAMILY_NAMES.includes(family)) {
      throw optionError(factory, `unknown family "${family}".${suggest(family, FAMILY_NAMES)}`);
    }
  }
}

/**
 * Every entry of `extraRules` is checked when the factory is made (a rule that was never passed
 * through defineRule() included), and ids stay unique: `disable` names rules by id.
 */
function checkExtraRules(factory: string, extraRules: unknown): void {
  if (extraRules === undefined) return;
  if (!Array.isArray(extraRules))
    throw optionError(factory, '"extraRules" must be a list of rules made with defineRule().');
  const ids = new Set(builtInRules.map((rule) => rule.id));
  extraRules.forEach((rule: unknown, index) => {
    checkRule(factory, `extraRules[${index}]: `, rule);
    if (ids.has(rule.id)) {
      throw optionError(
        factory,
        `extraRules[${index}]: rule "${rule.id}": the id is taken by ${
          builtInRules.some((r) => r.id === rule.id) ? 'a built-in rule' : 'another of extraRules'
        }; give each rule its own id.`,
      );
    }
    ids.add(rule.id);
  });
}
