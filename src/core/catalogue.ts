import catalogueJson from '../../schemas/errors.json';

export type CatalogueMessage = { readonly text: string; readonly source: string };
export type CatalogueEntry = {
  readonly status: number;
  readonly messages: readonly CatalogueMessage[];
  /** Set when no pre-flight rule can decide this code; says why (usually: it needs server state). */
  readonly leftToOss?: string;
  /** Set on the gateway's own answers (its internal errors, an unreachable or silent upstream); says when. */
  readonly gatewayOwn?: string;
};

export const CATALOGUE: Readonly<Record<string, CatalogueEntry>> = catalogueJson.codes;

const exactMessages = new Map<string, Set<string>>();
const templateMessages = new Map<string, RegExp[]>();
for (const [code, entry] of Object.entries(CATALOGUE)) {
  const exact = new Set<string>();
  const templates: RegExp[] = [];
  for (const { text } of entry.messages) {
    // `{name}` marks the variable part of a message such as a failed policy condition.
    if (/\{[a-z]+\}/.test(text)) {
      const pattern = text
        .split(/\{[a-z]+\}/)
        .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
        .join('[\\s\\S]*');
      templates.push(new RegExp(`^${pattern}$`));
    } else {
      exact.add(text);
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

/** True when `message` is one of the catalogue's messages for `code` (or fills one of its templates). */
export function isCatalogued(code: string, message: string): boolean {
  if (exactMessages.get(code)?.has(message)) return true;
  return templateMessages.get(code)?.some((re) => re.test(message)) ?? false;
}
