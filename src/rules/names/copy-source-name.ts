import { parseCopySource } from '../../core/copy-source';
import { invalidArgument } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { objectNameError, objectNameErrors } from '../shared/object-name';
import { bucketNameError } from './bucket-name';

const COPY_SOURCE_FORMAT = 'InvalidArgument.copySourceShape';

export const copySourceName = defineRule({
  id: 'copy-source-name',
  family: 'names',
  operations: ['CopyObject', 'UploadPartCopy'],
  errors: [COPY_SOURCE_FORMAT, 'InvalidBucketName.invalid', ...objectNameErrors],
  source: 'seed 002 (InvalidArgument: Copy Source must mention ...) ; CopyObject API reference',
  inputs: { headers: ['x-oss-copy-source'] },
  check: (request) => {
    const header = request.headers['x-oss-copy-source'];
    if (header === undefined) return undefined;
    const source = parseCopySource(header);
    if (!source) return invalidArgument(COPY_SOURCE_FORMAT, 'x-oss-copy-source', header);
    return bucketNameError(source.bucket) ?? objectNameError(source.keyBytes);
  },
});
