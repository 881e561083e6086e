import type { Rule } from '../../core/rule';
import { appendPosition } from './append-position';
import { completeAllBody } from './complete-all-body';
import { completeAllContentLength } from './complete-all-content-length';
import { completeDocument } from './complete-document';
import { completePartOrder } from './complete-part-order';
import { copySourceQuery } from './copy-source-query';
import { copySourceVersionId } from './copy-source-version-id';
import { deleteBodySize } from './delete-body-size';
import { deleteBodySizeRead } from './delete-body-size-read';
import { deleteContentMd5Required } from './delete-content-md5-required';
import { deleteDocument } from './delete-document';
import { deleteEncodingType } from './delete-encoding-type';
import { deleteKeySpecified } from './delete-key-specified';
import { restoreDays } from './restore-days';
import { restoreDocument } from './restore-document';
import { restoreTier } from './restore-tier';
import { uploadPartNumber } from './upload-part-number';

export { parseDecimal } from '../shared/decimal';
export { MALFORMED_XML_MESSAGE, malformedXml } from '../shared/malformed-xml';
export { hasRoot, parsedBody } from '../shared/parsed-body';

/**
 * Multipart upload, batch delete, copy-source version and append position:
 * the object-operation rules that are neither names nor generic headers.
 * Within a phase: the document's shape first, then its values (the transport's
 * Content-MD5 is checked before them, by the integrity family).
 */
export const multipartRules: readonly Rule[] = [
  uploadPartNumber,
  completeAllContentLength,
  deleteContentMd5Required,
  deleteBodySize,
  deleteEncodingType,
  copySourceVersionId,
  copySourceQuery,
  appendPosition,
  completeAllBody,
  completeDocument,
  completePartOrder,
  deleteBodySizeRead,
  deleteDocument,
  deleteKeySpecified,
  restoreDocument,
  restoreDays,
  restoreTier,
];
