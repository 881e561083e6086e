import { defineRule } from '../../core/rule';
import { children, childText } from '../../core/xml';
import { MALFORMED_XML_MESSAGE, malformedXml } from '../shared/malformed-xml';
import { hasRoot, parsedBody } from '../shared/parsed-body';

export const MAX_DELETE_OBJECTS = 1000;

function isQuietValue(text: string): boolean {
  const value = text.trim().toLowerCase();
  return value === '' || value === 'true' || value === 'false';
}

export const deleteDocument = defineRule({
  id: 'delete-document',
  family: 'multipart',
  operations: ['DeleteMultipleObjects'],
  phase: 'body',
  errors: [MALFORMED_XML_MESSAGE],
  source:
    'seed 000/002 (MalformedXML lists DeleteMultipleObjects) ; research oss-rules-headers.md DM2 (at most ' +
    '1000 Object, EC 0016-00000609, live ErrorDetail "batch delete objects too large"), DM3 (Quiet true|false, ' +
    'EC 0016-00000610, code R), DM5 (Object without Key, EC 0016-00000613, code R), DM6 (no Object, ' +
    'EC 0016-00000615, code R). A blank Quiet and other letter cases of true/false are accepted.',
  check: (request) => {
    const document = parsedBody(request);
    if (document === undefined) return undefined;
    if (document === null || !hasRoot(document, 'Delete')) return malformedXml();
    const quiet = childText(document.element, 'Quiet');
    if (quiet !== undefined && !isQuietValue(quiet)) return malformedXml();
    const objects = children(document.element, 'Object');
    if (objects.length === 0 || objects.length > MAX_DELETE_OBJECTS) return malformedXml();
    for (const object of objects) if (children(object, 'Key').length === 0) return malformedXml();
    return undefined;
  },
});
