import type { RuleContext } from './rule';

/** An OSS key: what signs, and what a signature is verified with. */
export type Credentials = {
  readonly accessKeyId: string;
  readonly accessKeySecret: string;
  /** The STS token that goes with a temporary key. */
  readonly securityToken?: string;
};

const unknownKeys = new WeakSet<object>();

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

/** The STS token a known key carries, read without widening RuleContext. */
export function securityTokenOf(credential: RuleContext['credential']): string | undefined {
  if (credential === undefined || !('securityToken' in credential)) return undefined;
  return typeof credential.securityToken === 'string' ? credential.securityToken : undefined;
}
