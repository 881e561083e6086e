import { type Credentials, unknownKeyCredential } from '../core/credential';
import type { OssRequest } from '../core/request';
import { accessKeyIdOf } from '../rules/auth';
import { postAccessKeyId, postAuthOf } from '../rules/post-object';

/**
 * The keys whose signatures are verified: one key, a list, or a lookup by AccessKeyId that answers
 * the key (an STS entry with its securityToken), just its secret, or undefined for a key it does
 * not know. One shape for the gateway, the POST handler and the Express middleware.
 */
export type KeyProvider =
  | Credentials
  | readonly Credentials[]
  | ((accessKeyId: string) => Credentials | string | undefined | Promise<Credentials | string | undefined>);

/**
 * A signed request naming a key the provider does not know: `reject` (the default everywhere)
 * answers InvalidAccessKeyId; `forward` lets OSS judge it (a validating proxy that holds no keys).
 */
export type UnknownKeys = 'reject' | 'forward';

/** The key of an AccessKeyId, or undefined when the provider does not know it. */
export type KeyLookup = (accessKeyId: string) => Promise<Credentials | undefined>;

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

/** Throws a TypeError naming the factory and the option; for construction-time checks. */
export function checkKeyProvider(factory: string, option: string, provider: unknown): void {
  if (typeof provider === 'function') return;
  const entries = Array.isArray(provider) ? provider : [provider];
  if (!entries.every(isCredentials)) {
    throw new TypeError(
      `oss-preflight: ${factory}: "${option}" must be { accessKeyId, accessKeySecret, securityToken? }, a list of them, or a function of the AccessKeyId.`,
    );
  }
}

const lookups = new WeakMap<object, KeyLookup>();

/** Built once per provider: a list becomes a Map, so a lookup costs one Map access. */
export function keyLookup(provider: KeyProvider): KeyLookup {
  let lookup = lookups.get(provider);
  if (lookup !== undefined) return lookup;
  if (typeof provider === 'function') {
    lookup = async (id) => {
      const found = await provider(id);
      if (typeof found === 'string')
        return found === '' ? undefined : { accessKeyId: id, accessKeySecret: found };
      // A lookup that answers with another key's pair has not found this one.
      return found !== undefined && found.accessKeyId === id && found.accessKeySecret !== ''
        ? found
        : undefined;
    };
  } else {
    const list: readonly Credentials[] = Array.isArray(provider) ? provider : [provider as Credentials];
    const byId = new Map(list.map((c) => [c.accessKeyId, c]));
    lookup = async (id) => byId.get(id);
  }
  lookups.set(provider, lookup);
  return lookup;
}

/**
 * The key a signed request names (Authorization header, presigned URL, or PostObject form fields
 * once parsed), to pass as `RuleContext.credential`. Undefined for unsigned or malformed requests
 * (the rules report those); for an unknown key, undefined with `forward` and a marker the signature
 * rule answers InvalidAccessKeyId for with `reject` (header and URL signatures; the POST handler
 * decides forms itself). Errors thrown by a provider function propagate.
 */
export async function resolveCredential(
  request: OssRequest,
  provider: KeyProvider | undefined,
  options: { readonly unknownKeys?: UnknownKeys | undefined } = {},
): Promise<Credentials | undefined> {
  const signed = accessKeyIdOf(request);
  const accessKeyId = signed ?? (request.form ? postAccessKeyId(postAuthOf(request.form)) : undefined);
  if (accessKeyId === undefined) return undefined;
  const found = provider === undefined ? undefined : await keyLookup(provider)(accessKeyId);
  if (found !== undefined) return found;
  return options.unknownKeys === 'reject' && signed !== undefined
    ? unknownKeyCredential(accessKeyId)
    : undefined;
}
