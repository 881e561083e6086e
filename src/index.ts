/**
 * The rules as Express (or node:http) middleware, the framework-free pre-flight, the authorization
 * policy, and OssError. The gateway, the POST handler, the signer and the development stand-in are
 * separate entries (`oss-preflight/gateway`, `/post`, `/signing`, `/dev-upstream`), so an app loads
 * only what it uses. Named exports only: ESM and CommonJS users import the same way.
 * @module oss-preflight
 */

// Authorization before signing (the gateway, the signing endpoint, POST policy issuance)
export {
  type Access,
  type AccessPolicy,
  type Authorize,
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
export type { AddressingOptions } from './core/addressing';
export type { MessageKey } from './core/catalogue';
export type { Credentials } from './core/credential';
export type { Target } from './core/operations';
export {
  type InvalidArgumentKey,
  invalidArgument,
  isOssError,
  OssError,
  type OssErrorDetails,
  ossError,
} from './core/oss-error';
export { type ErrorResponse, errorResponse } from './core/render';
export type { OssRequest, RawRequest } from './core/request';
export { defineRule, type Rule, type RuleContext, type RuleInputs } from './core/rule';
// Express middleware
export { type ErrorHandlerOptions, ossErrorHandler } from './express/error-handler';
export {
  checkAuth,
  checkCallback,
  checkCors,
  checkFraming,
  checkHeaders,
  checkIntegrity,
  checkMultipart,
  checkNames,
  checkPersistentHeaders,
  checkTagging,
  checkTrafficLimit,
  type FamilyOptions,
} from './express/families';
export {
  type LimitRequestsMiddleware,
  type LimitRequestsOptions,
  limitRequests,
} from './express/limit-requests';
export { preflight } from './express/preflight';
export { type VerifySignaturesOptions, verifySignatures } from './express/verify-signatures';
export { checkXmlBody, DEFAULT_XML_BODY_LIMIT, type XmlBodyOptions } from './express/xml-body';
export { getOssRequest } from './http/request-state';
export type { ErrorMiddleware, Middleware } from './http/types';
export { Crc64, crc64, crc64Combine } from './integrity/crc64';
export type {
  Limit,
  LimitScope,
  LimitStore,
  OperationClass,
  RateLimits,
  RedisClientLike,
} from './limits/types';
// Framework-free
export { createPreflight, type Preflight, type PreflightOptions } from './preflight/create-preflight';
export type { KeyProvider, UnknownKeys } from './preflight/credentials';
export { builtInRules, FAMILIES, type RuleFamily } from './rules';
// The same checks the rules use, for your own rules and forms
export { bucketNameError, isValidBucketName, objectNameError } from './rules/names';
