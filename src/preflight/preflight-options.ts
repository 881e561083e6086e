import type { AddressingOptions } from '../core/addressing';
import type { Rule } from '../core/rule';
import type { RuleFamily } from '../rules';

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
