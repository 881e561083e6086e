import type { OssRequest } from '../core/request';
import type { RuleContext } from '../core/rule';
import { postAccessKeyId, postAuthOf } from '../rules/post-object/post-auth';
import type { Credentials } from './types';
import { accessKeyIdOf } from './verify-parse';

/** One key, a list of keys, or a lookup (an STS entry carries its securityToken). */
export type CredentialProvider =
  | Credentials
  | readonly Credentials[]
  | ((accessKeyId: string) => Credentials | undefined | Promise<Credentials | undefined>);

/**
 * What to do with a signed request whose key the provider does not know. `forward` (the default)
 * lets OSS decide, because a gateway rarely knows every key of the account; `reject` answers
 * InvalidAccessKeyId at once.
 */
export type UnknownKeys = 'reject' | 'forward';

type Lookup = (accessKeyId: string) => Credentials | undefined | Promise<Credentials | undefined>;

const lookups = new WeakMap<object, Lookup>();
const unknownKeys = new WeakSet<object>();

function isCredentials(value: unknown): value is Credentials {
  const c = value as Partial<Credentials> | null;
  return (
    typeof c === 'object' &&
    c !== null &&
    typeof c.accessKeyId === 'string' &&
    c.accessKeyId !== '' &&
    typeof c.accessKeySecret === 'string' &&
    c.accessKeySecret !== '' &&
    (c.securityToken === undefined || typeof c.securityToken === 'string')
  );
}

/** Throws a TypeError naming the problem; for construction-time option checks. */
export function checkCredentialProvider(where: string, provider: unknown): void {
  if (typeof provider === 'function') return;
  const entries = Array.isArray(provider) ? provider : [provider];
  for (const entry of entries) {
    if (!isCredentials(entry)) {
      throw new TypeError(
        `oss-preflight: ${where}: "credentials" must be { accessKeyId, accessKeySecret, securityToken? }, an array of them, or a function of the AccessKeyId.`,
      );
    }
  }
}

/** Built once per provider: arrays become a Map, so a lookup costs one Map access. */
function lookupFor(provider: CredentialProvider): Lookup {
  if (typeof provider === 'function') return provider;
  let lookup = lookups.get(provider);
  if (lookup === undefined) {
    const list: readonly Credentials[] = Array.isArray(provider) ? provider : [provider as Credentials];
    const byId = new Map(list.map((c) => [c.accessKeyId, c]));
    lookup = (accessKeyId) => byId.get(accessKeyId);
    lookups.set(provider, lookup);
  }
  return lookup;
}

/**
 * Stands for "this key does not exist" in `RuleContext.credential`, so the signature rule can answer
 * InvalidAccessKeyId in its place in the rule order. Its secret is never used.
 */
export function unknownKeyCredential(accessKeyId: string): Credentials {
  const marker = Object.freeze({ accessKeyId, accessKeySecret: '\0unknown' });
  unknownKeys.add(marker);
  return marker;
}

export function isUnknownKey(credential: RuleContext['credential']): boolean {
  return credential !== undefined && unknownKeys.has(credential);
}

export type ResolveOptions = { readonly unknownKeys?: UnknownKeys | undefined };

/**
 * The credential for the key a signed request names (Authorization header, presigned URL, or
 * PostObject form fields once parsed), to pass as `RuleContext.credential`. Undefined for unsigned
 * or malformed requests (the rules report those) and for unknown keys unless `unknownKeys:
 * 'reject'`, which PostObject forms are exempt from (their rules do not know the marker).
 * Errors thrown by a provider function propagate.
 */
export async function resolveCredential(
  request: OssRequest,
  provider: CredentialProvider | undefined,
  options: ResolveOptions = {},
): Promise<Credentials | undefined> {
  if (provider === undefined) return undefined;
  const signed = accessKeyIdOf(request);
  const accessKeyId = signed ?? (request.form ? postAccessKeyId(postAuthOf(request.form)) : undefined);
  if (accessKeyId === undefined) return undefined;
  const found = await lookupFor(provider)(accessKeyId);
  if (found !== undefined && found.accessKeyId === accessKeyId) return found;
  return options.unknownKeys === 'reject' && signed !== undefined
    ? unknownKeyCredential(accessKeyId)
    : undefined;
}

/** The STS token a provider entry carries, read without widening RuleContext. */
export function securityTokenOf(credential: RuleContext['credential']): string | undefined {
  if (credential === undefined || !('securityToken' in credential)) return undefined;
  return typeof credential.securityToken === 'string' ? credential.securityToken : undefined;
}
