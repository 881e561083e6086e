// oss-preflight/post: browser uploads (PostObject) — the form checked before the file streams, the
// storage engine that streams it on, and POST policy issuance.
export type { KeyProvider, UnknownKeys } from '../preflight/credentials';
export { issuePostPolicy } from './issue-policy';
export {
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
export { DEFAULT_LIMITS, type PostLimits } from './limits';
export { type PostObjectOptions, postObject } from './middleware';
export { type OssStorageOptions, type OssUploadInfo, ossStorage } from './oss-storage';
export type { PostFile, StorageEngine } from './storage-engine';
