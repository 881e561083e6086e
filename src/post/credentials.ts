import type { Credentials } from '../auth/types';

/** The secret (or the whole key) for an AccessKeyId, or undefined when the key is unknown. */
export type CredentialResolver = (
  accessKeyId: string,
) => string | Credentials | undefined | Promise<string | Credentials | undefined>;

/**
 * A resolver, one key pair (the gateway's own), or a list of keys: the shapes the gateway's
 * `verifyCredentials` (CredentialProvider) takes, plus a resolver that returns just the secret.
 */
export type PostCredentials =
  | CredentialResolver
  | Pick<Credentials, 'accessKeyId' | 'accessKeySecret'>
  | readonly Pick<Credentials, 'accessKeyId' | 'accessKeySecret'>[];

/** Normalised lookup: the secret of `accessKeyId`, or undefined. */
export type SecretLookup = (accessKeyId: string) => Promise<string | undefined>;

function isKeyPair(value: unknown): value is Pick<Credentials, 'accessKeyId' | 'accessKeySecret'> {
  const pair = value as Partial<Credentials> | null;
  return (
    typeof pair === 'object' &&
    pair !== null &&
    typeof pair.accessKeyId === 'string' &&
    pair.accessKeyId !== '' &&
    typeof pair.accessKeySecret === 'string' &&
    pair.accessKeySecret !== ''
  );
}

export function toSecretLookup(
  credentials: PostCredentials | undefined,
  factory: string,
): SecretLookup | undefined {
  if (credentials === undefined) return undefined;
  if (typeof credentials === 'function') {
    return async (id) => {
      const found = await credentials(id);
      if (typeof found === 'string') return found === '' ? undefined : found;
      // A lookup that answers with another key's pair has not found this one.
      return found !== undefined && found.accessKeyId === id && found.accessKeySecret !== ''
        ? found.accessKeySecret
        : undefined;
    };
  }
  const list = Array.isArray(credentials) ? credentials : [credentials];
  if (!list.every(isKeyPair)) {
    throw new TypeError(
      `oss-preflight: ${factory}: "credentials" must be a function, { accessKeyId, accessKeySecret } with both set, or a list of them.`,
    );
  }
  const secrets = new Map(list.map((pair) => [pair.accessKeyId, pair.accessKeySecret]));
  return async (id) => secrets.get(id);
}
