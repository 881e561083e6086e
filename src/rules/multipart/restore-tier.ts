import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { children, childText } from '../../core/xml';
import { MALFORMED_XML_MESSAGE } from '../shared/malformed-xml';
import { restoreRequest } from './restore-document';

const TIERS = new Set(['expedited', 'standard', 'bulk']);

export const restoreTier = defineRule({
  id: 'restore-tier',
  family: 'multipart',
  operations: ['RestoreObject'],
  phase: 'body',
  errors: [MALFORMED_XML_MESSAGE],
  source:
    'RestoreObject API reference (JobParameters/Tier: Expedited, Standard or Bulk, for Cold Archive and Deep Cold ' +
    'Archive objects) ; EC 0016-00000703 (another Tier, e.g. Test). The code is not shown: MalformedXML as for the ' +
    'other RestoreRequest schema errors is R. Letter case is not judged, and an empty Tier is accepted; whether ' +
    'the object is of a class that takes a Tier is server state and left to OSS.',
  check: (request) => {
    const root = restoreRequest(request);
    const job = root === undefined ? undefined : children(root, 'JobParameters')[0];
    const tier = job === undefined ? undefined : childText(job, 'Tier')?.trim();
    if (tier === undefined || tier === '' || TIERS.has(tier.toLowerCase())) return undefined;
    return ossError(MALFORMED_XML_MESSAGE, [], '0016-00000703');
  },
});
