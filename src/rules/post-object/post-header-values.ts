import { hasInvalidFieldValueChar } from '../../core/field-value';
import { invalidArgument, type OssError } from '../../core/oss-error';
import type { OssRequest } from '../../core/request';
import { defineRule } from '../../core/rule';

const INVALID = 'InvalidArgument.parameterInvalidDotted';

/**
 * Form fields OSS turns into headers: the object's stored headers (returned by GetObject and
 * HeadObject) and `success_action_redirect`, the Location of OSS's 303 answer.
 */
const HEADER_FIELDS: ReadonlySet<string> = new Set([
  'cache-control',
  'content-type',
  'content-disposition',
  'content-encoding',
  'expires',
  'success_action_redirect',
]);

// Judged by the persistent-headers family, which has OSS's own messages for a bad value.
const OWN_RULES: ReadonlySet<string> = new Set(['x-oss-persistent-headers']);

function becomesHeader(lowerName: string): boolean {
  if (OWN_RULES.has(lowerName)) return false;
  return HEADER_FIELDS.has(lowerName) || lowerName.startsWith('x-oss-');
}

function headerValuesError(request: OssRequest): OssError | undefined {
  const form = request.form;
  if (form === undefined) return undefined;
  for (const [name, value] of Object.entries(form)) {
    if (!becomesHeader(name.toLowerCase())) continue;
    // A control character in an `x-oss-meta-*` name would be one in a header name.
    if (hasInvalidFieldValueChar(name) || hasInvalidFieldValueChar(value)) {
      return invalidArgument(INVALID, name, value);
    }
  }
  return undefined;
}

export const postHeaderValues = defineRule({
  id: 'post-header-values',
  family: 'post-object',
  operations: ['PostObject'],
  errors: [INVALID],
  source:
    'PostObject API reference (Cache-Control, Content-Type, Content-Disposition, Content-Encoding, Expires, ' +
    'x-oss-content-type, x-oss-meta-*, x-oss-* fields are the headers of a PutObject; success_action_redirect is where ' +
    'the client is redirected) ; RFC 9110 §5.5 field-value (controls other than HTAB, and DEL, are not allowed; ' +
    'obs-text, i.e. any non-ASCII UTF-8, is). OSS documents no error for a form value that cannot be a header, so the ' +
    'closest documented InvalidArgument is used: seed 002 InvalidArgument.parameterInvalidDotted with ArgumentName = ' +
    'the field (R). Only the documented fields are read; x-oss-persistent-headers is left to its own family; `x:` variables, key, policy ' +
    'and signature fields never become headers.',
  check: headerValuesError,
});
