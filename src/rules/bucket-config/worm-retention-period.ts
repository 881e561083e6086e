import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { childText } from '../../core/xml';
import { hasRoot, MALFORMED_XML_MESSAGE, malformedXml, parseDecimal, parsedBody } from '../shared';

const INVALID_WORM = 'InvalidWORMConfiguration.invalid';
export const MAX_RETENTION_DAYS = 25550;

const ROOTS: Readonly<Record<string, string>> = {
  InitiateBucketWorm: 'InitiateWormConfiguration',
  ExtendBucketWorm: 'ExtendWormConfiguration',
};

export const wormRetentionPeriod = defineRule({
  id: 'worm-retention-period',
  family: 'bucket-config',
  operations: Object.keys(ROOTS),
  phase: 'body',
  errors: [MALFORMED_XML_MESSAGE, INVALID_WORM],
  source:
    'seed 002 InvalidWORMConfiguration (with a sample <InitiateWormConfiguration>) ; EC 0027-00000002 ' +
    '(RetentionPeriodInDays -32, valid 1-25550) and 0027-00000005 (RetentionPeriodInDays test), both ' +
    'naming InitiateBucketWorm and ExtendBucketWorm ; InitiateBucketWorm API reference (1 day to 70 years). ' +
    'Which code those EC pages carry is not shown: InvalidWORMConfiguration is R, as is MalformedXML for ' +
    'a body that is not XML at all.',
  check: (request) => {
    const document = parsedBody(request);
    if (document === undefined) return undefined;
    if (document === null) return malformedXml();
    const root = ROOTS[request.operation];
    const days =
      root !== undefined && hasRoot(document, root)
        ? childText(document.element, 'RetentionPeriodInDays')
        : undefined;
    const value = days === undefined ? undefined : parseDecimal(days);
    return value !== undefined && value >= 1 && value <= MAX_RETENTION_DAYS
      ? undefined
      : ossError(INVALID_WORM);
  },
});
