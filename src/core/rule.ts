import type { MessageKey } from './message-keys';
import type { OssError } from './oss-error';
import type { OssRequest } from './request';

/** What a rule may read besides the request. Rules stay pure: time and keys come in here. */
export type RuleContext = {
  /** Milliseconds since the epoch; fixed per request so every rule sees the same instant. */
  readonly now: number;
  /** The secret for the AccessKeyId a signed request names, when the caller knows it. */
  readonly credential?: { readonly accessKeyId: string; readonly accessKeySecret: string } | undefined;
};

export type RuleInputs = {
  readonly headers?: readonly string[];
  readonly query?: readonly string[];
};

export type Rule = {
  /** Kebab-case, the same as the file that defines it (`bucket-name`). */
  readonly id: string;
  /** The family it belongs to (rules/index.ts FAMILIES), or `custom` for your own rules. */
  readonly family: string;
  /** Operations the rule applies to; `'all'` for every request. */
  readonly operations: readonly string[] | 'all';
  /** `head` rules see method, URL and headers; `body` rules also need `request.body` (XML documents). */
  readonly phase?: 'head' | 'body';
  /** The errors this rule can return, as catalogue keys (`'InvalidArgument.parameterInvalid'`), for the generated docs. */
  readonly errors: readonly MessageKey[];
  /** Where the rule comes from (help page, seed, research note). */
  readonly source: string;
  /**
   * The headers (lower case) and query parameters without which the check cannot fail: a request
   * that carries none of them skips the rule (PostObject form checks always run). Leave it out when
   * the rule can fail on a request without any of them (a required header, say).
   */
  readonly inputs?: RuleInputs;
  readonly check: (request: OssRequest, context: RuleContext) => OssError | undefined;
};

/** Identity helper that gives rule literals their type without a cast. */
export function defineRule(rule: Rule): Rule {
  return rule;
}
