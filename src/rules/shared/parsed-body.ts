import type { OssRequest } from '../../core/request';
import { parseXml, type XmlDocument } from '../../core/xml';

// Several rules read the same document; one parse per body keeps the body phase to a single pass.
const documents = new WeakMap<Buffer, XmlDocument | null>();

/**
 * The request's XML body parsed once: `undefined` when no body was read (the
 * rule has nothing to check), `null` when the body is not well-formed XML.
 */
export function parsedBody(request: OssRequest): XmlDocument | null | undefined {
  const body = request.body;
  if (body === undefined) return undefined;
  let document = documents.get(body);
  if (document === undefined) {
    document = parseXml(body) ?? null;
    documents.set(body, document);
  }
  return document;
}

/** True when the document element is `name`, with or without a namespace prefix. */
export function hasRoot(document: XmlDocument, name: string): boolean {
  return document.root === name || document.root.endsWith(`:${name}`);
}
