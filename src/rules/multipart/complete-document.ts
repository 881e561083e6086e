import { defineRule } from '../../core/rule';
import { children } from '../../core/xml';
import { MALFORMED_XML_MESSAGE, malformedXml } from '../shared/malformed-xml';
import { hasRoot, parsedBody } from '../shared/parsed-body';
import { completeAllMode } from './complete-all';

export const completeDocument = defineRule({
  id: 'complete-document',
  family: 'multipart',
  operations: ['CompleteMultipartUpload'],
  phase: 'body',
  errors: [MALFORMED_XML_MESSAGE],
  source:
    'seed 000/002 (MalformedXML lists CompleteMultipartUpload) ; research oss-rules-headers.md MP7 ; ' +
    'CompleteMultipartUpload API reference: <CompleteMultipartUpload> holds <Part> elements, each with ' +
    'PartNumber and ETag. A document with no Part at all is accepted (its outcome is undocumented).',
  check: (request) => {
    // With x-oss-complete-all there is no part list to read (a body beside it is another rule's error).
    if (completeAllMode(request) !== undefined) return undefined;
    const document = parsedBody(request);
    if (document === undefined) return undefined;
    if (document === null || !hasRoot(document, 'CompleteMultipartUpload')) return malformedXml();
    for (const part of children(document.element, 'Part')) {
      if (children(part, 'PartNumber').length === 0 || children(part, 'ETag').length === 0)
        return malformedXml();
    }
    return undefined;
  },
});
