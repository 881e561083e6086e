import { isOssError, ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { decodeCallback } from './callback-config-error';
import { CALLBACK_OPERATIONS, callbackSource } from './transport';

const INVALID = 'InvalidArgument.parameterInvalidDotted';

export const callbackAdditionalHeaders = defineRule({
  id: 'callback-additional-headers',
  family: 'callback',
  operations: CALLBACK_OPERATIONS,
  errors: [INVALID],
  source:
    'research oss-rules-headers.md §2.2 and C14 (additionalHeaders: extra headers of the callback request) ; EC ' +
    '0007-00000023 (https://help.aliyun.com/zh/oss/support/0007-00000023: an empty header name) and 0007-00000026 ' +
    '(https://www.alibabacloud.com/help/en/oss/user-guide/0007-00000026: a name starting with x-oss-). The message ' +
    'is not documented: InvalidArgument with the generic seed 002 message naming the callback (R). The prefix ' +
    'compares case-insensitively, header names being so. The number of entries (believed 10) and values with ' +
    'CR/LF (EC 0007-00000025, page not opened) are not judged here.',
  check: (request) => {
    const source = callbackSource(request);
    if (source === undefined) return undefined;
    const document = decodeCallback(source.value);
    if (isOssError(document)) return undefined;
    const headers = document.json.additionalHeaders;
    if (typeof headers !== 'object' || headers === null || Array.isArray(headers)) return undefined;
    for (const name of Object.keys(headers)) {
      const ec =
        name.trim() === ''
          ? '0007-00000023'
          : name.toLowerCase().startsWith('x-oss-')
            ? '0007-00000026'
            : undefined;
      if (ec !== undefined) return ossError(INVALID, [['ArgumentName', 'callback']], ec);
    }
    return undefined;
  },
});
