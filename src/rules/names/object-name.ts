import { defineRule } from '../../core/rule';
import { objectNameError, objectNameErrors } from '../shared/object-name';
import { CHANNEL_OPERATIONS } from './channel-name';

export const objectName = defineRule({
  id: 'object-name',
  family: 'names',
  operations: 'all',
  errors: objectNameErrors,
  source:
    'seed 002 (InvalidObjectName: UTF-8, 1-1023 bytes, no leading / or \\) ; PutObject API reference ; EC 0016-00000001..5',
  check: (request) =>
    request.target === 'object' && !CHANNEL_OPERATIONS.has(request.operation)
      ? objectNameError(request.keyBytes)
      : undefined,
});
