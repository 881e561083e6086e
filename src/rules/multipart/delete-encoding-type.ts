import { invalidArgument } from '../../core/oss-error';
import { defineRule } from '../../core/rule';

const INVALID_ENCODING = 'InvalidArgument.encodingTypeInvalid';

export const deleteEncodingType = defineRule({
  id: 'delete-encoding-type',
  family: 'multipart',
  operations: ['DeleteMultipleObjects'],
  errors: [INVALID_ENCODING],
  source:
    'research oss-rules-headers.md DM7 (EC 0017-00000235; ArgumentName encoding-type) ; DeleteMultipleObjects ' +
    'API reference (the only value is url). ArgumentValue = the value sent is R. An empty value and other ' +
    'letter cases of "url" are accepted: how OSS treats them is undocumented.',
  inputs: { query: ['encoding-type'] },
  check: (request) => {
    const encoding = request.query.get('encoding-type');
    if (encoding === undefined || encoding === '' || encoding.toLowerCase() === 'url') return undefined;
    return invalidArgument(INVALID_ENCODING, 'encoding-type', encoding);
  },
});
