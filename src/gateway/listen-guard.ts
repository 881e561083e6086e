import { isIP } from 'node:net';

/** True for addresses only this machine can reach: `localhost`, 127.0.0.0/8, ::1. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  if (bare === 'localhost') return true;
  if (isIP(bare) === 4) return bare.startsWith('127.');
  return bare === '::1' || bare.startsWith('::ffff:127.');
}

export type ListenSafety = {
  /** An authorization policy or hook is configured. */
  readonly authorize: boolean;
  /** The operator explicitly chose to sign for anyone who can connect. */
  readonly allowAnonymous: boolean;
  /** The gateway holds a key, so it would sign. Without one it forwards anonymously: nothing to give away. */
  readonly signs: boolean;
};

/**
 * Refuses to start a signing gateway that anyone on the network could use as an open relay for the
 * account's key: off loopback, a policy (or an explicit allow-anonymous) is required.
 */
export function assertSafeListen(host: string, safety: ListenSafety): void {
  if (!safety.signs || isLoopbackHost(host) || safety.authorize || safety.allowAnonymous) return;
  throw new Error(
    `oss-preflight: refusing to listen on ${host}: the gateway signs unsigned requests with its key, and ` +
      'without an authorization policy anyone who can reach this address could use it. Configure a policy ' +
      '(GATEWAY_POLICY=<file>), listen on 127.0.0.1, or, only behind your own authentication, set ' +
      'GATEWAY_ALLOW_ANONYMOUS=1.',
  );
}
