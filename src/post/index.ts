/**
 * Browser uploads (PostObject): the form checked before the file streams, the storage engine that
 * streams it on (or stores any multer upload), and POST policy issuance.
 * @module oss-preflight/post
 */
export type { KeyProvider, UnknownKeys } from '../preflight/credentials';
export { issuePostPolicy } from './issue-policy';
export {
  type PostPolicyHandler,
  type PostPolicyResponse,
  type PostPolicyRouteOptions,
  postPolicyRoute,
} from './issue-policy-route';
export type {
  IssuedPostPolicy,
  IssuePostPolicyOptions,
  PolicyConditionInput,
  PostCallback,
  PostPolicyCredentials,
  PostPolicyDocument,
} from './issue-policy-types';
export { DEFAULT_LIMITS, type PostLimits, type ResolvedLimits } from './limits';
export { type PostObjectOptions, postObject } from './middleware';
export {
  type ObjectAcl,
  type OssStorageOptions,
  type OssUploadInfo,
  ossStorage,
  type StorageOption,
} from './oss-storage';
export type { UpstreamResponse } from './respond';
export type { PostFile, StorageEngine } from './storage-engine';
