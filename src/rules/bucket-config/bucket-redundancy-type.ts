import { invalidArgument } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { childText } from '../../core/xml';
import { configRoot } from './config-value';

const INVALID = 'InvalidArgument.parameterInvalidDotted';

export const bucketRedundancyType = defineRule({
  id: 'bucket-redundancy-type',
  family: 'bucket-config',
  operations: ['PutBucket'],
  phase: 'body',
  errors: [INVALID],
  source:
    'PutBucket API reference: CreateBucketConfiguration/DataRedundancyType is LRS or ZRS. Code and message ' +
    'undocumented: InvalidArgument, as for the StorageClass of the same document, with the generic seed 002 ' +
    'message naming the element (R). An empty value and other letter cases are accepted. Whether the region ' +
    'offers ZRS is server state: left to OSS.',
  check: (request) => {
    const config = configRoot(request, 'CreateBucketConfiguration');
    const value = config === undefined ? undefined : childText(config, 'DataRedundancyType');
    if (value === undefined || value.trim() === '') return undefined;
    const upper = value.trim().toUpperCase();
    return upper === 'LRS' || upper === 'ZRS'
      ? undefined
      : invalidArgument(INVALID, 'DataRedundancyType', value);
  },
});
