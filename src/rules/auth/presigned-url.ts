import { defineRule } from '../../core/rule';
import { AUTH_INPUTS } from './auth-inputs';
import { AK_CHARACTERS, BAD_PRODUCT } from './authorization';
import { EXPIRES_NOT_NUMBER, GENERIC_INVALID, QUERY_INCOMPLETE, QUERY_REGION } from './presigned';
import { DATE_REQUIRED } from './time';
import { requestAuth } from './verify-parse';

export const presignedUrl = defineRule({
  id: 'presigned-url',
  family: 'auth',
  operations: 'all',
  errors: [
    QUERY_INCOMPLETE,
    EXPIRES_NOT_NUMBER,
    AK_CHARACTERS,
    GENERIC_INVALID,
    BAD_PRODUCT,
    QUERY_REGION,
    DATE_REQUIRED,
  ],
  source:
    'seed 000 (AccessDenied "Query-string authentication requires ..."); research oss-rules-post-sign.md §2.2 U5-U8 (EC 0002-00000067..073) and §2.4 Q1-Q4 (EC 0002-00000215..232). V4 URL codes and messages are not documented: a missing, empty or out-of-range (1..604800) x-oss-* parameter is InvalidArgument naming it (R), a wrong product takes the header message, a wrong region the x-oss-credential form-field message (EC 0002-00000715), a bad x-oss-date the header Date message',
  inputs: AUTH_INPUTS,
  check: (request) => {
    const auth = requestAuth(request);
    return auth.kind === 'invalid' && auth.stage === 'query' ? auth.error : undefined;
  },
});
