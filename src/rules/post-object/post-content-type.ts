import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';

export const NOT_MULTIPART = 'RequestIsNotMultiPartContent.notMultipart';

/** `multipart/form-data` with any parameters, in any letter case; a missing boundary is a malformed body instead. */
export function isMultipartFormData(contentType: string | undefined): boolean {
  return contentType !== undefined && /^\s*multipart\/form-data\s*(;|$)/i.test(contentType);
}

export const postContentType = defineRule({
  id: 'post-content-type',
  family: 'post-object',
  operations: ['PostObject'],
  errors: [NOT_MULTIPART],
  source:
    'seed 000/002 (RequestIsNotMultiPartContent: the form must be multipart/form-data; boundary=...) ; PostObject API ' +
    'reference ; conformance case post-not-multipart. `multipart/form-data` without a boundary passes here and is ' +
    'answered MalformedPOSTRequest by the form parser (EC 600160 names no code).',
  check: (request) =>
    isMultipartFormData(request.headers['content-type']) ? undefined : ossError(NOT_MULTIPART),
});
