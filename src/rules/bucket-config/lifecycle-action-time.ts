import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { children, childText } from '../../core/xml';
import { MALFORMED_XML_MESSAGE, malformedXml } from '../shared';
import { lifecycleRules, positiveDays, whenOf } from './lifecycle-config';

export const lifecycleActionTime = defineRule({
  id: 'lifecycle-action-time',
  family: 'bucket-config',
  operations: ['PutBucketLifecycle'],
  phase: 'body',
  errors: [MALFORMED_XML_MESSAGE],
  source:
    'PutBucketLifecycle API reference: Expiration, Transition and AbortMultipartUpload take either Days (a ' +
    'positive integer) or CreatedBeforeDate (ISO 8601 at UTC 00:00:00, e.g. 2002-10-11T00:00:00.000Z), not both; ' +
    'ExpiredObjectDeleteMarker is true or false; NoncurrentVersionExpiration/Transition need NoncurrentDays ; EC ' +
    '0014-00000060 (an Expiration with neither Days nor CreatedBeforeDate and no ExpiredObjectDeleteMarker true) ; ' +
    'EC 0014-00000047 (CreatedBeforeDate with IsAccessTime in a Transition). Codes not shown: MalformedXML (R). ' +
    'Surrounding blanks and a date without milliseconds are accepted.',
  check: (request) => {
    for (const rule of lifecycleRules(request)) {
      for (const expiration of children(rule, 'Expiration')) {
        const marker = childText(expiration, 'ExpiredObjectDeleteMarker')?.trim().toLowerCase();
        if (marker !== undefined && marker !== 'true' && marker !== 'false') return malformedXml();
        const when = whenOf(expiration);
        if (when === 'neither' && marker !== 'true') {
          return ossError(MALFORMED_XML_MESSAGE, [], '0014-00000060');
        }
        if (when === 'both' || when === 'invalid' || (when !== 'neither' && marker === 'true'))
          return malformedXml();
      }
      for (const transition of children(rule, 'Transition')) {
        const accessTime = childText(transition, 'IsAccessTime')?.trim().toLowerCase() === 'true';
        if (accessTime && childText(transition, 'CreatedBeforeDate') !== undefined) {
          return ossError(MALFORMED_XML_MESSAGE, [], '0014-00000047');
        }
        const when = whenOf(transition);
        if (when === 'both' || when === 'invalid' || when === 'neither') return malformedXml();
      }
      for (const abort of children(rule, 'AbortMultipartUpload')) {
        const when = whenOf(abort);
        if (when === 'both' || when === 'invalid' || when === 'neither') return malformedXml();
      }
      for (const name of ['NoncurrentVersionExpiration', 'NoncurrentVersionTransition']) {
        for (const action of children(rule, name)) {
          if (positiveDays(childText(action, 'NoncurrentDays')) === undefined) return malformedXml();
        }
      }
    }
    return undefined;
  },
});
