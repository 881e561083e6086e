export { accessesOf } from './accesses';
export { bearerToken, clientOf } from './client';
export {
  type AccessPolicy,
  accessPolicy,
  allOf,
  allowAnyone,
  allowBuckets,
  allowKeyPrefixes,
  allowMethods,
  allowOperations,
  authorizeAll,
  loopbackOnly,
  maxBytes,
  maxExpiry,
  OPERATION_GROUPS,
  type PolicyClient,
} from './policy';
export type { Access, Authorize, Client } from './types';
