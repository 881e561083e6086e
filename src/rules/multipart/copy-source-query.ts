import { parseCopySource } from '../../core/copy-source';
import { ossError } from '../../core/oss-error';
import { parseQuery } from '../../core/request';
import { defineRule } from '../../core/rule';

const INVALID = 'InvalidArgument.parameterInvalidDotted';

export const copySourceQuery = defineRule({
  id: 'copy-source-query',
  family: 'multipart',
  operations: ['CopyObject', 'UploadPartCopy'],
  errors: [INVALID],
  source:
    'EC 0016-00000304 (https://help.aliyun.com/zh/oss/user-guide/0016-00000304: x-oss-copy-source with a query ' +
    'parameter other than versionId, e.g. ?unknown=xxx) ; CopyObject API reference (/sourcebucket/sourcekey' +
    '[?versionId=id]). The code is not shown: InvalidArgument with the generic seed 002 message naming the header ' +
    'is R (issue 11 asked for this case, which was left to OSS before).',
  check: (request) => {
    const header = request.headers['x-oss-copy-source'];
    const query = header === undefined ? undefined : parseCopySource(header)?.query;
    if (query === undefined || query === '') return undefined;
    const other = parseQuery(query).some(([name]) => name !== 'versionId');
    return other
      ? ossError(
          INVALID,
          [
            ['ArgumentName', 'x-oss-copy-source'],
            ['ArgumentValue', header ?? ''],
          ],
          '0016-00000304',
        )
      : undefined;
  },
});
