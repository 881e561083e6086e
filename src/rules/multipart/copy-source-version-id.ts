import { parseCopySource } from '../../core/copy-source';
import { invalidArgument } from '../../core/oss-error';
import { parseQuery } from '../../core/request';
import { defineRule } from '../../core/rule';

const EMPTY_VERSION_ID = 'InvalidArgument.versionIdEmpty';

export const copySourceVersionId = defineRule({
  id: 'copy-source-version-id',
  family: 'multipart',
  operations: ['CopyObject', 'UploadPartCopy'],
  errors: [EMPTY_VERSION_ID],
  source:
    'seed 002 InvalidArgument InvalidArgument.versionIdEmpty ; EC 0016-00000305 ' +
    '(x-oss-copy-source ending in ?versionId=) ; research oss-rules-headers.md CP3 (pairing R; ArgumentName ' +
    'x-oss-copy-source as for the format error is R). Other parameters (EC 0016-00000304, ?unknown=xxx) are ' +
    'refused by OSS with an undocumented code, so they are left to OSS rather than answered with a guess.',
  inputs: { headers: ['x-oss-copy-source'] },
  check: (request) => {
    const header = request.headers['x-oss-copy-source'];
    const query = header === undefined ? undefined : parseCopySource(header)?.query;
    if (query === undefined) return undefined;
    const versionId = parseQuery(query).find(([name]) => name === 'versionId');
    return versionId !== undefined && versionId[1] === ''
      ? invalidArgument(EMPTY_VERSION_ID, 'x-oss-copy-source', header)
      : undefined;
  },
});
