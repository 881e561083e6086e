import type { AddressingOptions } from '../core/addressing';
import { optionError, rejectUnknownOptions } from '../core/options';
import { toRawRequest } from '../http/raw-request';
import { getOssRequest, setOssRequest } from '../http/request-state';
import type { Middleware } from '../http/types';
import { createPreflight, type PreflightOptions } from '../preflight/create-preflight';
import {
  checkKeyProvider,
  type KeyProvider,
  resolveCredential,
  type UnknownKeys,
} from '../preflight/credentials';
import { checkPreflightOptions } from '../preflight/options';
import { expectSigningRegion } from '../rules/auth/signing-region';

export interface VerifySignaturesOptions extends AddressingOptions {
  /** The keys whose signatures can be checked here: one key, a list, or a lookup by AccessKeyId. */
  readonly knownKeys: KeyProvider;
  /**
   * A signed request naming a key `knownKeys` does not know: `reject` answers InvalidAccessKeyId,
   * `forward` lets it through for OSS to judge.
   * @defaultValue `'reject'`
   */
  readonly unknownKeys?: UnknownKeys;
  /**
   * The bucket region, when known: V4 signatures scoped elsewhere are refused as OSS would.
   * @defaultValue none: any region is accepted
   */
  readonly region?: string;
  /**
   * Clock in milliseconds since the epoch (request time and presigned expiry are judged against it).
   * @defaultValue `Date.now`
   */
  readonly now?: () => number;
}

const OPTION_NAMES = [
  'knownKeys',
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
  checkKeyProvider(factory, 'knownKeys', options.knownKeys);
  const { unknownKeys = 'reject', region } = options;
  if (unknownKeys !== 'forward' && unknownKeys !== 'reject') {
    throw optionError(factory, '"unknownKeys" must be "reject" or "forward".');
  }
  if (region !== undefined && (typeof region !== 'string' || region === '')) {
    throw optionError(factory, '"region" must be a region id such as "cn-hangzhou".');
  }
  const preflightOptions: PreflightOptions = {
    families: ['auth'],
    ...(region !== undefined ? { extraRules: [expectSigningRegion(region)] } : {}),
    ...(options.now !== undefined ? { now: options.now } : {}),
    ...(options.virtualHostSuffixes !== undefined
      ? { virtualHostSuffixes: options.virtualHostSuffixes }
      : {}),
    ...(options.customDomains !== undefined ? { customDomains: options.customDomains } : {}),
  };
  checkPreflightOptions(factory, preflightOptions);
  const core = createPreflight(preflightOptions);
  return function ossVerifySignatures(req, _res, next) {
    let request = getOssRequest(req);
    if (!request) {
      request = core.parse(toRawRequest(req));
      setOssRequest(req, request);
    }
    const parsed = request;
    resolveCredential(parsed, options.knownKeys, { unknownKeys }).then(
      (credential) => {
        const error = core.check(parsed, { credential });
        if (error) next(error);
        else next();
      },
      (error: unknown) => next(error),
    );
  };
}
