import type { IncomingMessage } from 'node:http';
import type { Client } from './types';

const BEARER = /^Bearer[ \t]+([^\s]+)[ \t]*$/i;

/** The token of an `Authorization: Bearer <token>` header: the client's credential for the gateway. */
export function bearerToken(authorization: string | undefined): string | undefined {
  if (authorization === undefined) return undefined;
  return BEARER.exec(authorization)?.[1];
}

function isLoopback(address: string): boolean {
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  return v4.startsWith('127.') || address === '::1';
}

export function clientOf(req: IncomingMessage): Client {
  const address = req.socket.remoteAddress ?? '';
  return {
    address,
    loopback: isLoopback(address),
    token: bearerToken(req.headers.authorization),
    req,
  };
}
