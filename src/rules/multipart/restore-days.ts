import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { childText } from '../../core/xml';
import { parseDecimal } from '../shared/decimal';
import { MALFORMED_XML_MESSAGE } from '../shared/malformed-xml';
import { restoreRequest } from './restore-document';

/** The widest range any storage class allows (Cold Archive and Deep Cold Archive); Archive allows 1 to 7. */
export const MAX_RESTORE_DAYS = 365;

export const restoreDays = defineRule({
  id: 'restore-days',
  family: 'multipart',
  operations: ['RestoreObject'],
  phase: 'body',
  errors: [MALFORMED_XML_MESSAGE],
  source:
    'RestoreObject API reference (Days) ; EC 0016-00000708 (Archive objects: 1 to 7, e.g. "a" is refused) and ' +
    '0016-00000704 (Cold Archive and Deep Cold Archive: 1 to 365, e.g. -1 is refused). The storage class is server ' +
    'state, so only what no class accepts is refused: a Days that is not an integer, below 1, or above 365; 8 to ' +
    '365 is left to OSS. The code is not shown on those pages: MalformedXML, as for the other RestoreRequest ' +
    'schema errors (EC 0016-00000714), is R. EC 0016-00000704 is carried above 365 (only that page allows so ' +
    'many days); the other cases match both pages, so no EC is sent.',
  check: (request) => {
    const root = restoreRequest(request);
    const text = root === undefined ? undefined : childText(root, 'Days');
    if (text === undefined) return undefined;
    const days = parseDecimal(text);
    if (days !== undefined && days >= 1 && days <= MAX_RESTORE_DAYS) return undefined;
    return ossError(
      MALFORMED_XML_MESSAGE,
      [],
      days !== undefined && days > MAX_RESTORE_DAYS ? '0016-00000704' : undefined,
    );
  },
});
