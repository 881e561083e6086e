import { isUtf8 } from 'node:buffer';
import { children, childText, parseXml, textOf } from '../../core/xml';

export type TagEntry = {
  readonly key: string;
  readonly value: string;
  readonly keyBytes: number;
  readonly valueBytes: number;
  /** False when the body is not UTF-8 and this key or value holds the replaced bytes. */
  readonly keyUtf8: boolean;
  readonly valueUtf8: boolean;
};

export const MALFORMED_XML = 'MalformedXML.notWellFormed';

/**
 * Reads `<Tagging><TagSet><Tag><Key/><Value/></Tag>…</TagSet></Tagging>`, or returns undefined when
 * the document is not well-formed or lacks a required element (TagSet, or a Tag's Key). A missing
 * Value reads as empty: the schema's requirement for it is not published. Only the first TagSet is
 * read, since what OSS does with a second one is unknown.
 */
export function readTagSet(body: Buffer): TagEntry[] | undefined {
  const document = parseXml(body);
  if (document?.root !== 'Tagging') return undefined;
  const tagSet = children(document.element, 'TagSet')[0];
  if (!tagSet) return undefined;
  // A body that is not UTF-8 is not refused as a whole: OSS states the UTF-8 requirement per key and
  // value (EC 0010-00000216, 0010-00000219), so the fault goes to the text holding the replaced bytes.
  const bodyUtf8 = isUtf8(body);
  const tags: TagEntry[] = [];
  for (const tag of children(tagSet, 'Tag')) {
    const key = children(tag, 'Key')[0];
    if (key === undefined) return undefined;
    const keyText = textOf(key);
    const valueText = childText(tag, 'Value') ?? '';
    tags.push({
      key: keyText,
      value: valueText,
      keyBytes: Buffer.byteLength(keyText, 'utf8'),
      valueBytes: Buffer.byteLength(valueText, 'utf8'),
      keyUtf8: bodyUtf8 || !keyText.includes('\uFFFD'),
      valueUtf8: bodyUtf8 || !valueText.includes('\uFFFD'),
    });
  }
  return tags;
}

/** True when two tags share a key (keys are case-sensitive). */
export function hasRepeatedKey(tags: readonly TagEntry[]): boolean {
  const keys = new Set<string>();
  for (const { key } of tags) {
    if (keys.has(key)) return true;
    keys.add(key);
  }
  return false;
}
