import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';

const INVALID_ENCODING = 'InvalidArgument.encodingTypeInvalid';

export const listEncodingType = defineRule({
  id: 'list-encoding-type',
  family: 'headers',
  operations: ['ListObjects', 'ListObjectVersions', 'ListMultipartUploads', 'ListParts'],
  errors: [INVALID_ENCODING],
  source:
    'EC 0017-00000235 (encoding-type other than url; research oss-rules-headers.md DM7 gives the message and ' +
    'ArgumentName encoding-type) ; GetBucket (ListObjects), ListObjectsV2, GetBucketVersions, ListMultipartUploads ' +
    'and ListParts API references (the only value is url). ArgumentValue = the value sent is R. An empty value and ' +
    'other letter cases of "url" are accepted: how OSS treats them is undocumented.',
  check: (request) => {
    const encoding = request.query.get('encoding-type');
    if (encoding === undefined || encoding.trim() === '' || encoding.trim().toLowerCase() === 'url')
      return undefined;
    return ossError(
      INVALID_ENCODING,
      [
        ['ArgumentName', 'encoding-type'],
        ['ArgumentValue', encoding],
      ],
      '0017-00000235',
    );
  },
});
