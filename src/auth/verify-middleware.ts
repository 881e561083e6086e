import type { AddressingOptions } from '../core/addressing';
import { createPreflight } from '../core/preflight';
import { optionError, rejectUnknownOptions } from '../express/options';
import { toRawRequest } from '../express/preflight';
import { getOssRequest, setOssRequest } from '../express/request-state';
import type { Middleware } from '../express/types';
import { expectSigningRegion } from '../rules/auth/signing-region';
import {
  type CredentialProvider,
  checkCredentialProvider,
  resolveCredential,
  type UnknownKeys,
} from './credentials';

export type VerifySignaturesOptions = AddressingOptions & {
  /** The keys whose signatures can be checked here. */
  readonly credentials: CredentialProvider;
  /** Default `forward`: a key the provider does not know is left to OSS. */
  readonly unknownKeys?: UnknownKeys;
  /** The bucket region, when known: V4 signatures scoped elsewhere are refused as OSS would. */
  readonly region?: string;
  readonly now?: () => number;
};

const OPTION_NAMES = [
  'credentials',
  'unknownKeys',
  'region',
  'now',
  'virtualHostSuffixes',
  'customDomains',
] as const;

/**
 * Checks every signed request (Authorization header or presigned URL) against the keys it knows:
 * format, time, STS token and the signature itself, in constant time. Calls `next(ossError)` for the
 * first problem, `next(error)` when the credential provider fails, and `next()` otherwise.
 */
export function verifySignatures(options: VerifySignaturesOptions): Middleware {
  const factory = 'verifySignatures()';
  rejectUnknownOptions(factory, options, OPTION_NAMES);
  checkCredentialProvider(factory, options.credentials);
  const { unknownKeys = 'forward', region } = options;
  if (unknownKeys !== 'forward' && unknownKeys !== 'reject') {
    throw optionError(factory, '"unknownKeys" must be "reject" or "forward".');
  }
  if (region !== undefined && (typeof region !== 'string' || region === '')) {
    throw optionError(factory, '"region" must be a region id such as "cn-hangzhou".');
  }
  const core = createPreflight({
    families: ['auth'],
    ...(region !== undefined ? { extraRules: [expectSigningRegion(region)] } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
    ...(options.virtualHostSuffixes !== undefined
      ? { virtualHostSuffixes: options.virtualHostSuffixes }
      : {}),
    ...(options.customDomains !== undefined ? { customDomains: options.customDomains } : {}),
  });
  return function ossVerifySignatures(req, _res, next) {
    let request = getOssRequest(req);
    if (!request) {
      request = core.parse(toRawRequest(req));
      setOssRequest(req, request);
    }
    const parsed = request;
    resolveCredential(parsed, options.credentials, { unknownKeys }).then(
      (credential) => {
        const error = core.check(parsed, { credential });
        if (error) next(error);
        else next();
      },
      (error: unknown) => next(error),
    );
  };
}
