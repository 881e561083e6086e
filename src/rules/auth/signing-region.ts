import { invalidArgument, type OssError, ossError } from '../../core/oss-error';
import type { OssRequest } from '../../core/request';
import { defineRule, type Rule } from '../../core/rule';
import { AUTH_INPUTS } from './auth-inputs';
import { BAD_REGION } from './authorization';
import { QUERY_REGION } from './presigned';
import { requestAuth } from './verify-parse';

const OSS_HOST = /(?:^|\.)oss-([a-z0-9-]+?)(?:-internal)?\.aliyuncs\.com(?::\d+)?$/;

/** The region an `oss-<region>[-internal].aliyuncs.com` Host names; the accelerate endpoints name none. */
export function regionOfHost(host: string): string | undefined {
  const region = OSS_HOST.exec(host.toLowerCase())?.[1];
  return region === undefined || region.startsWith('accelerate') ? undefined : region;
}

/** `expected` is looked up only for V4 requests, so unsigned traffic pays nothing for it. */
function regionError(
  request: OssRequest,
  expected: (request: OssRequest) => string | undefined,
): OssError | undefined {
  const auth = requestAuth(request);
  if (auth.kind !== 'header' && auth.kind !== 'query') return undefined;
  const signed = auth.auth;
  // CloudBox signs with the CloudBox id, not a region.
  if (signed.version !== 'v4' || signed.scope.product !== 'oss') return undefined;
  const region = expected(request);
  if (region === undefined || signed.scope.region === region) return undefined;
  if (auth.kind === 'header') return ossError(BAD_REGION, [], '0002-00000228');
  return invalidArgument(QUERY_REGION, 'x-oss-credential', request.query.get('x-oss-credential'));
}

const ERRORS: Rule['errors'] = [BAD_REGION, QUERY_REGION];
const SOURCE =
  'research oss-rules-post-sign.md §2.3 V2 (the region must be the bucket region: real response https://github.com/sy-records/aliyun-oss-wordpress/issues/50, EC 0002-00000228) and §2.4 Q4 (URL: EC 0002-00000226 gives no message; the x-oss-credential form-field message is used (R))';

export const signingRegion = defineRule({
  id: 'signing-region',
  family: 'auth',
  operations: 'all',
  errors: ERRORS,
  source: `${SOURCE}; the bucket's region is known when the Host is an OSS endpoint`,
  inputs: AUTH_INPUTS,
  check: (request) => regionError(request, (r) => regionOfHost(r.host)),
});

/**
 * For a deployment that knows its bucket region (a gateway in front of one OSS region): signatures
 * scoped to another region fail as they would at OSS. Add it with `extraRules`.
 */
export function expectSigningRegion(region: string): Rule {
  return defineRule({
    id: 'expected-signing-region',
    family: 'auth',
    operations: 'all',
    errors: ERRORS,
    source: `${SOURCE}; the region is configured`,
    inputs: AUTH_INPUTS,
    check: (request) => regionError(request, () => region),
  });
}
