import { securityTokenOf } from '../../core/credential';
import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';
import { AUTH_INPUTS } from './auth-inputs';
import { requestAuth } from './verify-parse';

const MESSAGE = 'InvalidRequest.securityTokenInQuery';

export const presignedSecurityToken = defineRule({
  id: 'presigned-security-token',
  family: 'auth',
  operations: 'all',
  errors: [MESSAGE],
  source:
    'seed 002 (InvalidRequest: a URL signed with temporary credentials must carry security-token); research oss-rules-post-sign.md §2.2 U3, §2.4 Q1 (x-oss-security-token for V4). Temporary keys are recognised by the STS. prefix every STS AccessKeyId has, or by a provider entry with a securityToken',
  inputs: AUTH_INPUTS,
  check: (request, context) => {
    const auth = requestAuth(request);
    if (auth.kind !== 'query') return undefined;
    const { accessKeyId } = auth.auth;
    const known =
      context.credential?.accessKeyId === accessKeyId ? securityTokenOf(context.credential) : undefined;
    if (!accessKeyId.startsWith('STS.') && known === undefined) return undefined;
    // V2 URLs: the python SDK sends security-token; x-oss-security-token is accepted too (undocumented).
    const params =
      auth.auth.version === 'v1'
        ? ['security-token']
        : auth.auth.version === 'v2'
          ? ['security-token', 'x-oss-security-token']
          : ['x-oss-security-token'];
    return params.some((param) => request.query.get(param)) ? undefined : ossError(MESSAGE);
  },
});
