import { defineRule } from '../../core/rule';
import { childText } from '../../core/xml';
import { MALFORMED_XML_MESSAGE, malformedXml } from '../shared';
import { configRoot, isBooleanText } from './config-value';

const OPTIONAL_BOOLEANS = ['AllowTruncateQueryString', 'TruncatePath'];

export const refererConfig = defineRule({
  id: 'referer-config',
  family: 'bucket-config',
  operations: ['PutBucketReferer'],
  phase: 'body',
  errors: [MALFORMED_XML_MESSAGE],
  source:
    'PutBucketReferer API reference: AllowEmptyReferer is required and true or false; AllowTruncateQueryString and ' +
    'TruncatePath are Booleans; RefererList (possibly empty) and RefererBlacklist hold Referer elements ; seed ' +
    '000/002 MalformedXML names PutBucketReferer (pairing R). The lists themselves are not judged: their size ' +
    'and wildcard limits are not documented. Letter case of true/false is tolerated.',
  check: (request) => {
    const config = configRoot(request, 'RefererConfiguration');
    if (config === undefined) return undefined;
    const allowEmpty = childText(config, 'AllowEmptyReferer');
    if (allowEmpty === undefined || !isBooleanText(allowEmpty)) return malformedXml();
    for (const name of OPTIONAL_BOOLEANS) {
      const value = childText(config, name);
      if (value !== undefined && !isBooleanText(value)) return malformedXml();
    }
    return undefined;
  },
});
