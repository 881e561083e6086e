import { defineRule } from '../../core/rule';
import { children, childText } from '../../core/xml';
import { MALFORMED_XML_MESSAGE, malformedXml } from '../shared';
import { configRoot } from './config-value';

export const loggingConfig = defineRule({
  id: 'logging-config',
  family: 'bucket-config',
  operations: ['PutBucketLogging'],
  phase: 'body',
  errors: [MALFORMED_XML_MESSAGE],
  source:
    'PutBucketLogging API reference: LoggingEnabled is optional (an empty BucketLoggingStatus turns logging off) ' +
    'and, when present, needs TargetBucket; TargetPrefix may be empty; its error table: MalformedXML "The XML ' +
    'file in the request is invalid". Whether the target bucket exists, is in the same region and has the same ' +
    'owner is server state (InvalidTargetBucketForLogging): left to OSS.',
  check: (request) => {
    const config = configRoot(request, 'BucketLoggingStatus');
    if (config === undefined) return undefined;
    for (const enabled of children(config, 'LoggingEnabled')) {
      if ((childText(enabled, 'TargetBucket') ?? '').trim() === '') return malformedXml();
    }
    return undefined;
  },
});
