import { defineRule } from '../../core/rule';
import { MALFORMED_XML_MESSAGE } from '../shared/malformed-xml';
import { deleteBodyTooLarge, MAX_DELETE_BODY_BYTES } from './delete-body-size';

export const deleteBodySizeRead = defineRule({
  id: 'delete-body-size-read',
  family: 'multipart',
  operations: ['DeleteMultipleObjects'],
  phase: 'body',
  errors: [MALFORMED_XML_MESSAGE],
  source: 'As delete-body-size, for the bytes actually read (a chunked body declares no length).',
  check: (request) =>
    (request.body?.length ?? 0) > MAX_DELETE_BODY_BYTES ? deleteBodyTooLarge() : undefined,
});
