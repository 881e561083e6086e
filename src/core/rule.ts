import { messageKeys } from './catalogue';
import type { MessageKey } from './message-keys';
import { OPERATIONS } from './operations';
import { optionError, suggest } from './options';
import type { OssError } from './oss-error';
import type { OssRequest } from './request';

/** What a rule may read besides the request. Rules stay pure: time and keys come in here. */
export type RuleContext = {
  /** Milliseconds since the epoch; fixed per request so every rule sees the same instant. */
  readonly now: number;
  /** The secret for the AccessKeyId a signed request names, when the caller knows it. */
  readonly credential?: { readonly accessKeyId: string; readonly accessKeySecret: string } | undefined;
};

/** The request parts a rule depends on; a request with none of them skips the rule. */
export type RuleInputs = {
  /** Header names, lower case. */
  readonly headers?: readonly string[];
  /** Query parameter names. */
  readonly query?: readonly string[];
};

export type Rule = {
  /** Kebab-case, the same as the file that defines it (`bucket-name`). */
  readonly id: string;
  /** The family it belongs to (rules/index.ts FAMILIES), or `custom` for your own rules. */
  readonly family: string;
  /** Operations the rule applies to (`['PutObject']`); `'all'` for every request. */
  readonly operations: readonly string[] | 'all';
  /**
   * `head` rules see method, URL and headers; `body` rules also need `request.body` (XML documents).
   * @defaultValue `'head'`
   */
  readonly phase?: 'head' | 'body';
  /** The errors this rule can return, as catalogue keys (`'InvalidArgument.parameterInvalid'`), for the generated docs. */
  readonly errors: readonly MessageKey[];
  /** Where the rule comes from (help page, seed, research note). */
  readonly source: string;
  /**
   * The headers (lower case) and query parameters without which the check cannot fail: a request
   * that carries none of them skips the rule (PostObject form checks always run). Leave it out when
   * the rule can fail on a request without any of them (a required header, say).
   * @defaultValue none: the rule runs on every request of its operations
   */
  readonly inputs?: RuleInputs;
  /** The check: an OssError for a request OSS would refuse, undefined for one it would accept. */
  readonly check: (request: OssRequest, context: RuleContext) => OssError | undefined;
};

const isStringArray = (value: unknown): value is readonly string[] =>
  Array.isArray(value) && value.every((item) => typeof item === 'string');

/**
 * Checks a rule's shape when it is made or handed to a factory, so that a broken rule fails at
 * start-up with the field it lacks, not as a TypeError on every request. `where` names the caller
 * (`defineRule()`, `preflight(): extraRules[2]`).
 */
export function checkRule(factory: string, where: string, rule: unknown): asserts rule is Rule {
  const fail = (message: string): never => {
    throw optionError(factory, `${where}${message}`);
  };
  if (typeof rule !== 'object' || rule === null || Array.isArray(rule))
    fail(`a rule must be an object { id, family, operations, check, ... }, got ${String(rule)}.`);
  const r = rule as Partial<Record<keyof Rule, unknown>>;
  if (typeof r.id !== 'string' || r.id.trim() === '')
    fail(`"id" is required: a kebab-case rule id such as "uploads-only".`);
  const named = `${where}rule "${String(r.id)}": `;
  const failRule = (message: string): never => {
    throw optionError(factory, `${named}${message}`);
  };
  if (typeof r.family !== 'string' || r.family === '')
    failRule(`"family" is required: "custom" for your own rules.`);
  if (r.operations !== 'all') {
    if (!isStringArray(r.operations) || r.operations.length === 0)
      failRule(`"operations" is required: a list of OSS operations such as ["PutObject"], or "all".`);
    for (const operation of r.operations as readonly string[]) {
      if (!OPERATIONS.has(operation))
        failRule(
          `"operations" names "${operation}", which is no OSS operation.${suggest(operation, OPERATIONS)}`,
        );
    }
  }
  if (typeof r.check !== 'function')
    failRule(`"check" is required: a function (request, context) => OssError | undefined.`);
  if (r.phase !== undefined && r.phase !== 'head' && r.phase !== 'body')
    failRule(`"phase" must be "head" or "body", got ${JSON.stringify(r.phase)}.`);
  if (r.errors !== undefined) {
    if (!isStringArray(r.errors)) failRule(`"errors" must be a list of catalogue message keys ("Code.key").`);
    knownKeys ??= new Set<string>(messageKeys());
    const known = knownKeys;
    const unknown = (r.errors as readonly string[]).find((key) => !known.has(key));
    if (unknown !== undefined)
      failRule(`"errors" names ${JSON.stringify(unknown)}, which is not a catalogue message key.`);
  }
  if (r.source !== undefined && typeof r.source !== 'string') failRule(`"source" must be a string.`);
  if (r.inputs !== undefined) {
    const inputs = r.inputs as RuleInputs;
    if (typeof inputs !== 'object' || inputs === null)
      failRule(`"inputs" must be { headers?: string[], query?: string[] }.`);
    if (inputs.headers !== undefined && !isStringArray(inputs.headers))
      failRule(`"inputs.headers" must be a list of header names.`);
    // Header names are matched as Node gives them: lower case.
    const upper = inputs.headers?.find((name) => name !== name.toLowerCase());
    if (upper !== undefined) failRule(`"inputs.headers" names "${upper}": header names are lower case.`);
    if (inputs.query !== undefined && !isStringArray(inputs.query))
      failRule(`"inputs.query" must be a list of query parameter names.`);
  }
}

/**
 * Gives a rule literal its type and checks it at once: a missing `id`, `family`, `operations` or
 * `check`, or an operation OSS does not have, throws a TypeError naming the field.
 */
/** The catalogue's keys, gathered on the first rule checked. */
let knownKeys: Set<string> | undefined;

export function defineRule(rule: Rule): Rule {
  checkRule('defineRule()', '', rule);
  return rule;
}
