import { defineRule } from '../../core/rule';
import { children, childText } from '../../core/xml';
import { MALFORMED_XML_MESSAGE, malformedXml } from '../shared';
import { configRoot, isBooleanText } from './config-value';

export const websiteConfig = defineRule({
  id: 'website-config',
  family: 'bucket-config',
  operations: ['PutBucketWebsite'],
  phase: 'body',
  errors: [MALFORMED_XML_MESSAGE],
  source:
    'PutBucketWebsite API reference: IndexDocument needs a non-empty Suffix; ErrorDocument needs a non-empty Key; ' +
    'SupportSubDir is a Boolean ; seed 000/002 MalformedXML names PutBucketWebsite (pairing R). RoutingRules are ' +
    'not judged (their many conditions are left to OSS), nor which of the three parts a document must have.',
  check: (request) => {
    const config = configRoot(request, 'WebsiteConfiguration');
    if (config === undefined) return undefined;
    for (const index of children(config, 'IndexDocument')) {
      if ((childText(index, 'Suffix') ?? '').trim() === '') return malformedXml();
      const subDir = childText(index, 'SupportSubDir');
      if (subDir !== undefined && !isBooleanText(subDir)) return malformedXml();
    }
    for (const error of children(config, 'ErrorDocument')) {
      if ((childText(error, 'Key') ?? '').trim() === '') return malformedXml();
    }
    return undefined;
  },
});
