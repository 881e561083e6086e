import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { children, childText } from '../../core/xml';
import { hasRoot, parsedBody } from '../shared/parsed-body';

const USER_KEY = 'UserKeyMustBeSpecified.required';

export const deleteKeySpecified = defineRule({
  id: 'delete-key-specified',
  family: 'multipart',
  operations: ['DeleteMultipleObjects'],
  phase: 'body',
  errors: [USER_KEY],
  source:
    'seed 002 UserKeyMustBeSpecified (deleting without naming the object) ; research oss-rules-headers.md ' +
    'DM4 (empty <Key>, EC 0016-00000611, pairing R). Keys are not checked against the object-name rules: ' +
    'encoding-type=url only encodes the keys of the response, and OSS does not document a request error ' +
    'for a key that cannot name an object (such a key cannot exist, so deleting it is at worst a no-op).',
  check: (request) => {
    const document = parsedBody(request);
    if (!document || !hasRoot(document, 'Delete')) return undefined;
    for (const object of children(document.element, 'Object')) {
      if (childText(object, 'Key') === '') return ossError(USER_KEY);
    }
    return undefined;
  },
});
