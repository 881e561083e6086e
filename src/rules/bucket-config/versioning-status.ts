import { invalidArgument } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { childText } from '../../core/xml';
import { hasRoot, MALFORMED_XML_MESSAGE, malformedXml, parsedBody } from '../shared';

const STATUS_REQUIRED = 'InvalidArgument.versioningMissing';

export const versioningStatus = defineRule({
  id: 'versioning-status',
  family: 'bucket-config',
  operations: ['PutBucketVersioning'],
  phase: 'body',
  errors: [STATUS_REQUIRED, MALFORMED_XML_MESSAGE],
  source:
    'seed 002 InvalidArgument InvalidArgument.versioningMissing (no Status in ' +
    '<VersioningConfiguration>) ; PutBucketVersioning API reference: Status is Enabled or Suspended ' +
    '(MalformedXML for another value is R; an empty Status counts as a wrong value, also R). ' +
    'Surrounding blanks are tolerated.',
  check: (request) => {
    const document = parsedBody(request);
    if (!document || !hasRoot(document, 'VersioningConfiguration')) return undefined;
    const status = childText(document.element, 'Status');
    if (status === undefined) return invalidArgument(STATUS_REQUIRED);
    const value = status.trim();
    return value === 'Enabled' || value === 'Suspended' ? undefined : malformedXml();
  },
});
