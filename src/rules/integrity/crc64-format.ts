import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { CRC64_OPERATIONS, crc64Applies, headerValue, INVALID_CRC64, parseCrc64 } from './digest-headers';

export const crc64Format = defineRule({
  id: 'crc64-format',
  family: 'integrity',
  operations: CRC64_OPERATIONS,
  errors: [INVALID_CRC64],
  source:
    'seed 002 InvalidCRC64 ; research oss-rules-headers.md §6.1 L7 (CRC-64/XZ as an unsigned decimal). ' +
    'OSS documents no separate code for a malformed value; one that is not an unsigned 64-bit decimal ' +
    'cannot match any CRC OSS calculates, so it gets InvalidCRC64 before the body is sent. Leading zeros ' +
    'and a blank value (treated as absent) are accepted. Only where the header is the CRC of exactly the ' +
    'bytes sent: PutObject, UploadPart, AppendObject at position 0 (at a later position OSS reports the CRC ' +
    'of the whole appended object). Whether OSS verifies a request CRC at all is R (L7).',
  inputs: { headers: ['x-oss-hash-crc64ecma'] },
  check: (request) => {
    if (!crc64Applies(request)) return undefined;
    const value = headerValue(request, 'x-oss-hash-crc64ecma');
    if (value === undefined || parseCrc64(value) !== undefined) return undefined;
    return ossError(INVALID_CRC64);
  },
});
