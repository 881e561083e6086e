import type * as FastXmlParser from 'fast-xml-parser';
import { lazyModule, once } from './lazy';

/** An element: child elements by name (always arrays, in document order) and its text. */
export type XmlElement = { readonly [name: string]: XmlElement[] | string | undefined; '#text'?: string };

const fastXmlParser = lazyModule<typeof FastXmlParser>('fast-xml-parser');

// Every element becomes an array and every value a string, so rules never guess shapes.
// Made on the first document: most requests carry none, so the parser is not loaded at import.
const xmlParser = once(
  () =>
    new (fastXmlParser().XMLParser)({
      ignoreAttributes: true,
      // Only the predefined entities and character references remain possible once DOCTYPEs are refused.
      processEntities: true,
      htmlEntities: false,
      parseTagValue: false,
      trimValues: false,
      ignoreDeclaration: true,
      ignorePiTags: true,
      isArray: () => true,
    }),
);

export type XmlDocument = { readonly root: string; readonly element: XmlElement };

/**
 * Parses an XML document, or returns undefined when it is not well-formed.
 * DOCTYPEs are refused outright: entity expansion is how XML bombs work, and
 * no OSS request document needs one.
 */
export function parseXml(body: Buffer | string): XmlDocument | undefined {
  const text = typeof body === 'string' ? body : body.toString('utf8');
  if (/<!DOCTYPE/i.test(text)) return undefined;
  if (fastXmlParser().XMLValidator.validate(text) !== true) return undefined;
  let parsed: Record<string, unknown>;
  try {
    parsed = xmlParser().parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  const roots = Object.keys(parsed);
  const root = roots[0];
  if (roots.length !== 1 || root === undefined) return undefined;
  const element = (parsed[root] as XmlElement[] | undefined)?.[0];
  return {
    root,
    element: typeof element === 'object' && element !== null ? element : { '#text': String(element ?? '') },
  };
}

/** Child elements named `name` (empty when absent). */
export function children(element: XmlElement, name: string): XmlElement[] {
  const value = element[name];
  if (!Array.isArray(value)) return [];
  return value.map((child) =>
    typeof child === 'object' && child !== null ? child : { '#text': String(child) },
  );
}

/** The text of an element (`''` for `<Key></Key>` or `<Key/>`). */
export function textOf(element: XmlElement): string {
  const text = element['#text'];
  if (typeof text !== 'string') return '';
  // The parser leaves numeric character references alone; decode them as XML requires.
  return text.includes('&#') ? text.replace(/&#(x[0-9a-fA-F]+|[0-9]+);/g, decodeReference) : text;
}

function decodeReference(match: string, ref: string): string {
  const code = ref.startsWith('x') ? Number.parseInt(ref.slice(1), 16) : Number.parseInt(ref, 10);
  return code <= 0x10ffff ? String.fromCodePoint(code) : match;
}

/** The text of the first child named `name`, or undefined when there is none. */
export function childText(element: XmlElement, name: string): string | undefined {
  const first = children(element, name)[0];
  return first === undefined ? undefined : textOf(first);
}
