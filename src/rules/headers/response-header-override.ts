import { hasInvalidFieldValueChar } from '../../core/field-value';
import { invalidArgument } from '../../core/oss-error';
import { defineRule } from '../../core/rule';

const INVALID = 'InvalidArgument.parameterInvalidDotted';

/** The GetObject query parameters whose values OSS writes back as response headers. */
export const RESPONSE_OVERRIDES: ReadonlySet<string> = new Set([
  'response-content-type',
  'response-content-language',
  'response-expires',
  'response-cache-control',
  'response-content-disposition',
  'response-content-encoding',
]);

export const responseHeaderOverride = defineRule({
  id: 'response-header-override',
  family: 'headers',
  operations: ['GetObject'],
  errors: [INVALID],
  source:
    'GetObject API reference (AlibabaCloudDocs/oss API Reference/Object operations/Basic operations/GetObject.md: the six ' +
    'response-* parameters set the headers of the response) ; RFC 9110 §5.5 field-value (controls other than HTAB, and ' +
    'DEL, are not allowed; obs-text is). OSS documents no error for an override value that cannot be a header, so the ' +
    'closest documented InvalidArgument is used: seed 002 InvalidArgument.parameterInvalidDotted (参数格式不符合要求), ' +
    'with ArgumentName/ArgumentValue as OSS adds them to other parameter errors (R). Only the six documented lower-case ' +
    'names are read (query parameter names are case-sensitive to OSS); every occurrence of a repeated parameter is ' +
    'checked, since which one OSS uses is not documented. The values themselves (a media type, a date) are not judged: ' +
    'OSS documents none of that and sends them back as given.',
  check: (request) => {
    for (const [name, value] of request.queryPairs) {
      if (RESPONSE_OVERRIDES.has(name) && hasInvalidFieldValueChar(value))
        return invalidArgument(INVALID, name, value);
    }
    return undefined;
  },
});
