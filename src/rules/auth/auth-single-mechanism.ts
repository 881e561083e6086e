import { defineRule } from '../../core/rule';
import { AUTH_INPUTS } from './auth-inputs';
import { GENERIC_INVALID } from './presigned';
import { requestAuth } from './verify-parse';

export const authSingleMechanism = defineRule({
  id: 'auth-single-mechanism',
  family: 'auth',
  operations: 'all',
  errors: [GENERIC_INVALID],
  source:
    'AlibabaCloudDocs/oss 2021 "Add signatures to a URL" (InvalidArgument when Signature, Expires or OSSAccessKeyId are in the URL and an Authorization header is sent); the message is not documented, so the generic InvalidArgument one is used (R)',
  inputs: AUTH_INPUTS,
  check: (request) => {
    const auth = requestAuth(request);
    return auth.kind === 'invalid' && auth.stage === 'mechanism' ? auth.error : undefined;
  },
});
