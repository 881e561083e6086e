import catalogueJson from '../../schemas/errors.json';
import type { MessageKey } from './message-keys';

export type { MessageKey } from './message-keys';

export type CatalogueMessage = {
  /** Names the message in code as `Code.key` (`MessageKey`); unique within its code. */
  readonly key: string;
  readonly text: string;
  readonly source: string;
};
export type CatalogueEntry = {
  readonly status: number;
  readonly messages: readonly CatalogueMessage[];
  /** Set when no pre-flight rule can decide this code; says why (usually: it needs server state). */
  readonly leftToOss?: string;
  /** Set on the gateway's own answers (its internal errors, an unreachable or silent upstream); says when. */
  readonly gatewayOwn?: string;
};

export const CATALOGUE: Readonly<Record<string, CatalogueEntry>> = catalogueJson.codes;

type Known = { readonly key: MessageKey; readonly code: string; readonly text: string };

const byKey = new Map<string, Known>();
const exactMessages = new Map<string, Map<string, MessageKey>>();
const templateMessages = new Map<string, Array<readonly [RegExp, MessageKey]>>();
for (const [code, entry] of Object.entries(CATALOGUE)) {
  const exact = new Map<string, MessageKey>();
  const templates: Array<readonly [RegExp, MessageKey]> = [];
  for (const { key: shortKey, text } of entry.messages) {
    const key = `${code}.${shortKey}` as MessageKey;
    byKey.set(key, { key, code, text });
    // `{name}` marks the variable part of a message such as a failed policy condition.
    if (/\{[a-z]+\}/.test(text)) {
      const pattern = text
        .split(/\{[a-z]+\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[\\s\\S]*');
      templates.push([new RegExp(`^${pattern}$`), key]);
    } else {
      exact.set(text, key);
    }
  }
  exactMessages.set(code, exact);
  templateMessages.set(code, templates);
}

export function isKnownCode(code: string): boolean {
  return exactMessages.has(code);
}

export function statusOf(code: string): number {
  const entry = CATALOGUE[code];
  if (!entry) throw new TypeError(`oss-preflight: "${code}" is not in schemas/errors.json`);
  return entry.status;
}

/** The key of `message` under `code` (or of the template it fills); undefined when not catalogued. */
export function keyOf(code: string, message: string): MessageKey | undefined {
  const exact = exactMessages.get(code)?.get(message);
  if (exact !== undefined) return exact;
  return templateMessages.get(code)?.find(([re]) => re.test(message))?.[1];
}

/** True when `message` is one of the catalogue's messages for `code` (or fills one of its templates). */
export function isCatalogued(code: string, message: string): boolean {
  return keyOf(code, message) !== undefined;
}

/**
 * The code and text a key names. A template's `{name}` parts are filled from `fill`
 * (`{ condition: '["eq", "$key", "a"]' }`); a part without a value stays as written.
 */
export function catalogueMessage(
  key: MessageKey,
  fill?: Readonly<Record<string, string>>,
): { readonly code: string; readonly text: string } {
  const known = byKey.get(key);
  if (known === undefined)
    throw new TypeError(`oss-preflight: message "${key}" is not in schemas/errors.json`);
  if (fill === undefined) return known;
  return {
    code: known.code,
    text: known.text.replace(/\{([a-z]+)\}/g, (part, name: string) => fill[name] ?? part),
  };
}

/** Every key of the catalogue, in its order. */
export function messageKeys(): readonly MessageKey[] {
  return [...byKey.keys()] as MessageKey[];
}
