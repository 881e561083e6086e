import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { children } from '../../core/xml';
import { hasRoot, MALFORMED_XML_MESSAGE, malformedXml, parsedBody } from '../shared';

export const liveChannelDocument = defineRule({
  id: 'live-channel-document',
  family: 'bucket-config',
  operations: ['PutLiveChannel'],
  phase: 'body',
  errors: [MALFORMED_XML_MESSAGE],
  source:
    'PutLiveChannel API reference (root LiveChannelConfiguration; Target required) ; EC 0044-00000003 (more than ' +
    'one Snapshot node). The code for these is not shown: MalformedXML, the answer OSS gives a document that does ' +
    'not match its schema, is R; a second Target is refused the same way (R).',
  check: (request) => {
    const document = parsedBody(request);
    if (document === undefined) return undefined;
    if (document === null || !hasRoot(document, 'LiveChannelConfiguration')) return malformedXml();
    if (children(document.element, 'Target').length !== 1) return malformedXml();
    if (children(document.element, 'Snapshot').length > 1) {
      return ossError(MALFORMED_XML_MESSAGE, [], '0044-00000003');
    }
    return undefined;
  },
});
