import type { OssRequest } from '../core/request';
import { signV1 } from '../signing/sign-v1';
import { signV4 } from '../signing/sign-v4';
import type { Credentials, SignableRequest } from '../signing/types';

export type SignatureVersion = 'v1' | 'v4';

/** True when the client already authenticated the request (header, presigned URL or POST form). */
export function isSigned(request: OssRequest): boolean {
  if (request.headers.authorization !== undefined) return true;
  const q = request.query;
  return (
    q.has('Signature') || q.has('OSSAccessKeyId') || q.has('x-oss-signature') || q.has('x-oss-credential')
  );
}

/** Headers to add so the upstream accepts an unsigned request as coming from the gateway's key. */
export function signForUpstream(
  request: OssRequest,
  headers: Record<string, string>,
  credentials: Credentials,
  version: SignatureVersion,
  region: string,
): Record<string, string> {
  const signable: SignableRequest = {
    method: request.method,
    bucket: request.bucket,
    key: request.key,
    query: request.queryPairs,
    headers,
  };
  return version === 'v1' ? signV1(signable, credentials) : signV4(signable, credentials, { region });
}
