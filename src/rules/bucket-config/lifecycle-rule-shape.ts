import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { children, childText } from '../../core/xml';
import { hasRoot, MALFORMED_XML_MESSAGE, malformedXml, parsedBody } from '../shared';

const MAX_RULES = 1000;
const MAX_ID_BYTES = 255;
const ACTIONS = [
  'Expiration',
  'Transition',
  'AbortMultipartUpload',
  'NoncurrentVersionExpiration',
  'NoncurrentVersionTransition',
];
const STATUSES = new Set(['enabled', 'disabled']);

export const lifecycleRuleShape = defineRule({
  id: 'lifecycle-rule-shape',
  family: 'bucket-config',
  operations: ['PutBucketLifecycle'],
  phase: 'body',
  errors: [MALFORMED_XML_MESSAGE],
  source:
    'PutBucketLifecycle API reference (LifecycleConfiguration holds 1 to 1,000 Rule; Rule needs Status Enabled or ' +
    'Disabled; ID at most 255 bytes; a Tag needs Key and Value) ; EC 0014-00000026 (a Rule with no action) ; seed ' +
    '000/002 MalformedXML names PutBucketLifecycle. The codes of these cases are not shown: MalformedXML is R. A ' +
    'Rule needs at least one of Expiration, Transition, AbortMultipartUpload and the NoncurrentVersion actions ' +
    '(the EC page names only the first two; the wider set is the lenient reading). Overlapping prefixes are ' +
    'accepted: the 2021 reference forbids them, later documents allow them with tags, so OSS decides. Letter case ' +
    'of Status is tolerated.',
  check: (request) => {
    const document = parsedBody(request);
    if (!document || !hasRoot(document, 'LifecycleConfiguration')) return undefined;
    const rules = children(document.element, 'Rule');
    if (rules.length === 0 || rules.length > MAX_RULES) return malformedXml();
    for (const rule of rules) {
      const status = childText(rule, 'Status')?.trim().toLowerCase();
      if (status === undefined || !STATUSES.has(status)) return malformedXml();
      const id = childText(rule, 'ID');
      if (id !== undefined && Buffer.byteLength(id, 'utf8') > MAX_ID_BYTES) return malformedXml();
      if (!ACTIONS.some((action) => children(rule, action).length > 0)) {
        return ossError(MALFORMED_XML_MESSAGE, [], '0014-00000026');
      }
      for (const tag of children(rule, 'Tag')) {
        if (childText(tag, 'Key') === undefined || childText(tag, 'Value') === undefined)
          return malformedXml();
      }
    }
    return undefined;
  },
});
