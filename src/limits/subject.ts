import type { IncomingMessage } from 'node:http';
import type { OssRequest } from '../core/request';
import { accessKeyIdOf } from '../rules/auth';
import { operationClass } from './classes';
import type { ResolvedLimits } from './options';
import type { Subject } from './types';

/**
 * What the limits see of a request. The identity is the application's (the `identify` hook), else
 * the AccessKeyId the request names, else `signingKey` (the key the gateway signs it with).
 */
export function subjectOf(
  limits: ResolvedLimits,
  req: IncomingMessage,
  request: OssRequest,
  signingKey: string | undefined,
): Subject {
  const length = req.headers['content-length'];
  return {
    operation: request.operation,
    operationClass: operationClass(request.operation),
    bucket: request.bucket,
    identity: limits.identify?.(req, request) ?? accessKeyIdOf(request) ?? signingKey,
    address: req.socket.remoteAddress ?? '',
    hasBody: req.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0'),
  };
}
