import { expectArrayOfStrings, optionError, rejectUnknownOptions, suggest } from '../core/options';
import { builtInRules, FAMILY_NAMES, type RuleFamily } from '../rules';
import { PREFLIGHT_OPTION_NAMES, type PreflightOptions } from './create-preflight';

/** Checks rule and addressing options when a factory is created, naming the factory and the option. */
export function checkPreflightOptions(factory: string, options: PreflightOptions): void {
  rejectUnknownOptions(factory, options, PREFLIGHT_OPTION_NAMES);
  expectArrayOfStrings(factory, 'disable', options.disable);
  expectArrayOfStrings(factory, 'families', options.families);
  expectArrayOfStrings(factory, 'virtualHostSuffixes', options.virtualHostSuffixes);
  if (options.now !== undefined && typeof options.now !== 'function') {
    throw optionError(factory, 'option "now" must be a function returning milliseconds since the epoch.');
  }
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
