import { type OssError, ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { MALFORMED_XML_MESSAGE } from '../shared/malformed-xml';

/** "The request body cannot exceed 2 MB." */
export const MAX_DELETE_BODY_BYTES = 2 * 1024 * 1024;

export function deleteBodyTooLarge(): OssError {
  return ossError(
    MALFORMED_XML_MESSAGE,
    [['ErrorDetail', 'batch delete objects too large']],
    '0016-00000609',
  );
}

export const deleteBodySize = defineRule({
  id: 'delete-body-size',
  family: 'multipart',
  operations: ['DeleteMultipleObjects'],
  errors: [MALFORMED_XML_MESSAGE],
  source:
    'DeleteMultipleObjects API reference (at most 1,000 objects and a body of at most 2 MB) ; EC 0016-00000609 ' +
    '(https://help.aliyun.com/zh/oss/support/0016-00000609) ; research oss-rules-headers.md DM2 (MalformedXML with ' +
    'ErrorDetail "batch delete objects too large", seen live). 2 MB = 2,097,152 bytes, inclusive (R). A declared ' +
    'Content-Length over the limit is refused before the body is read; a chunked body is measured by ' +
    'delete-body-size-read once read.',
  check: (request) => {
    const declared = Number(request.headers['content-length'] ?? Number.NaN);
    return declared > MAX_DELETE_BODY_BYTES ? deleteBodyTooLarge() : undefined;
  },
});
