// Public API: named exports only (no default export), so ESM and CommonJS users import the same way.

export * from './auth';
export {
  type Access,
  type AccessPolicy,
  type Authorize,
  accessesOf,
  accessPolicy,
  allOf,
  allowAnyone,
  allowBuckets,
  allowKeyPrefixes,
  allowMethods,
  allowOperations,
  type Client,
  loopbackOnly,
  maxBytes,
  maxExpiry,
  OPERATION_GROUPS,
  type PolicyClient,
} from './authorize';
export { type AddressingOptions, createAddressing } from './core/addressing';
export { CATALOGUE, type CatalogueEntry, isCatalogued, statusOf } from './core/catalogue';
export { createValidator, type EngineOptions, type Validator } from './core/engine';
export { OPERATION_ROUTES, OPERATIONS, type OperationRoute, resolveOperation } from './core/operations';
export { invalidArgument, isOssError, OssError, type OssErrorDetails, ossError } from './core/oss-error';
export { type CoreOptions, createPreflight, type Preflight, validate } from './core/preflight';
export { type ErrorResponse, errorResponse, escapeXml, newRequestId, renderErrorXml } from './core/render';
export { createRequestParser, type OssRequest, type ParseOptions, type RawRequest } from './core/request';
export { defineRule, type Rule, type RuleContext, type RuleFamily } from './core/rule';
export { type ErrorHandlerOptions, ossErrorHandler } from './express/error-handler';
export {
  checkAuth,
  checkCallback,
  checkCors,
  checkHeaders,
  checkIntegrity,
  checkMultipart,
  checkNames,
  checkPersistentHeaders,
  checkTagging,
  checkTrafficLimit,
} from './express/families';
export { type PreflightOptions, preflight } from './express/preflight';
export { getBufferedBody, getOssRequest } from './express/request-state';
export { sendOssError } from './express/send-error';
export type { ErrorMiddleware, Middleware } from './express/types';
export { checkXmlBody, DEFAULT_XML_BODY_LIMIT, type XmlBodyOptions } from './express/xml-body';
export { handleClientErrors } from './gateway/client-error';
export { expectsContinue, handleExpectContinue } from './gateway/continue';
export { type DevUpstream, type DevUpstreamOptions, startDevUpstream } from './gateway/dev-upstream';
export { DrainController, type DrainResult } from './gateway/drain';
export { createGateway, type Gateway, type GatewayOptions } from './gateway/gateway';
export { isOwnPath, OWN_PATHS, type OwnEndpoints, ownEndpoints } from './gateway/health';
export { DEFAULT_LIMITS, type GatewayLimits } from './gateway/limits';
export { assertSafeListen, isLoopbackHost, type ListenSafety } from './gateway/listen-guard';
export { observeRequests, type RequestObserver, type RequestRecord } from './gateway/observe';
export type { Outcome } from './gateway/outcome';
export { createGatewayServer, type GatewayServer, type GatewayServerOptions } from './gateway/server';
export {
  type SigningDescription,
  type SigningEndpointOptions,
  signingEndpoint,
} from './gateway/signing-endpoint';
export type { ServerTls } from './gateway/tls';
export {
  createUpstreamAgent,
  DEFAULT_UPSTREAM_TIMEOUTS,
  UpstreamTimeoutError,
  type UpstreamTimeouts,
} from './gateway/upstream-timeouts';
export { type BodyCheckOptions, createBodyChecks } from './integrity/body-checks';
export { Crc64, crc64, crc64Combine, crc64Decimal } from './integrity/crc64';
export { stopMd5Workers } from './integrity/md5-hasher';
export {
  createPostObjectHandler,
  type OssUploadInfo,
  ossStorage,
  type PostCredentials,
  type PostLimits,
  postObject,
  type StorageEngine,
} from './post';
export { issuePostPolicy } from './post/issue-policy';
export {
  type PostPolicyHandler,
  type PostPolicyResponse,
  type PostPolicyRouteOptions,
  postPolicyRoute,
} from './post/issue-policy-route';
export type {
  IssuedPostPolicy,
  IssuePostPolicyOptions,
  PolicyConditionInput,
  PostCallback,
  PostPolicyCredentials,
  PostPolicyDocument,
} from './post/issue-policy-types';
export { builtInRules } from './rules';
export { expectSigningRegion } from './rules/auth';
export {
  callbackError,
  callbackUrlError,
  callbackVarError,
  classifyCallbackHost,
  parseCallbackUrl,
} from './rules/callback';
export {
  forbidOverwriteError,
  objectAclError,
  serverSideEncryptionError,
  storageClassError,
} from './rules/headers';
export { bucketNameError, isValidBucketName, objectNameError, parseCopySource } from './rules/names';
export { formatCondition, parsePolicy } from './rules/post-object';
export { trafficLimitError } from './rules/traffic-limit';
