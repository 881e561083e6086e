export type { CredentialResolver, PostCredentials } from './credentials';
export {
  PostInternalError,
  toPostError,
  UpstreamResponseError,
  UpstreamUnavailableError,
} from './errors';
export { getPostFormState, type PostFilePart, PostFormState, type SizeRange } from './form-state';
export { createPostObjectHandler, type PostObjectHandlerOptions } from './handler';
export { DEFAULT_LIMITS, type PostLimits } from './limits';
export { type PostObjectOptions, postObject } from './middleware';
export { type OssStorageOptions, type OssUploadInfo, ossStorage } from './oss-storage';
export { relayUpstream, sendPostError, type UpstreamResponse } from './respond';
export { meteredStorage, SizeMeter } from './size-meter';
export type { PostFile, StorageEngine } from './storage-engine';
export { expandKey } from './validate-form';
