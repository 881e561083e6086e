import type { OssRequest } from '../../core/request';
import { childText, type XmlElement } from '../../core/xml';
import { hasRoot, parsedBody } from '../shared';

/** The document element of a well-formed body whose root is `root`, or undefined. */
export function configRoot(request: OssRequest, root: string): XmlElement | undefined {
  const document = parsedBody(request);
  return document && hasRoot(document, root) ? document.element : undefined;
}

/** `true`/`false` in any letter case, blanks around tolerated (OSS documents the lower-case words). */
export function isBooleanText(text: string): boolean {
  const value = text.trim().toLowerCase();
  return value === 'true' || value === 'false';
}

/** A child that, when present, must be one of `allowed` (compared case-insensitively, trimmed). */
export function childOutside(element: XmlElement, name: string, allowed: readonly string[]): boolean {
  const text = childText(element, name);
  if (text === undefined) return false;
  const value = text.trim().toLowerCase();
  return !allowed.some((candidate) => candidate.toLowerCase() === value);
}
