import { ossError } from '../../core/oss-error';
import { defineRule } from '../../core/rule';

const MESSAGE = 'MethodNotAllowed.notAllowed';
// Every OSS API uses one of these; anything else (PATCH, TRACE, CONNECT, WebDAV verbs) has no operation.
const OSS_METHODS = new Set(['GET', 'PUT', 'POST', 'DELETE', 'HEAD', 'OPTIONS']);

export const httpMethod = defineRule({
  id: 'http-method',
  family: 'framing',
  operations: 'all',
  errors: [MESSAGE],
  source:
    'seed 000 (405 MethodNotAllowed: a method OSS does not support; see the API overview for the methods each ' +
    'API uses). Only methods no OSS API uses are refused; a supported method on the wrong resource is left to OSS.',
  check: (request) => (OSS_METHODS.has(request.method) ? undefined : ossError(MESSAGE)),
});
