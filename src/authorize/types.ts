import type { IncomingMessage } from 'node:http';

/**
 * One object (or bucket) a request touches, and what it does there. A request can touch more
 * than its own target: CopyObject and UploadPartCopy read their source, PutSymlink points at (and
 * later reads) its target, a `sys/saveas` process writes another object. Each is authorized.
 */
export type Access = {
  /**
   * The OSS operation: the request's own on its target (`PutObject`, `ListObjects`...), `GetObject`
   * on an object it reads, `PutObject` on one it writes.
   */
  readonly operation: string;
  /** The HTTP method of the request (the same for every access of one request). */
  readonly method: string;
  /** Why the request touches this resource. */
  readonly role: 'target' | 'copy-source' | 'symlink-target' | 'process-target';
  readonly bucket: string | undefined;
  /** The object key, decoded; undefined for bucket and service operations. */
  readonly key: string | undefined;
  /** True when `key` is a prefix: a POST policy that lets the browser choose the rest of the key. */
  readonly keyIsPrefix: boolean;
  /** Most bytes the request may write: its Content-Length, a POST policy's size limit; undefined when unknown. */
  readonly maxBytes: number | undefined;
  /** Seconds a presigned URL or POST policy stays valid; undefined for a request forwarded now. */
  readonly expires: number | undefined;
  /** Where the decision is asked: the forwarding gateway, the signing endpoint or POST policy issuance. */
  readonly via: 'gateway' | 'signing-endpoint' | 'post-policy';
};

/** Who is asking, as far as the gateway can tell. */
export type Client = {
  /** The peer address of the connection (not a forwarded-for header). */
  readonly address: string;
  /** True for 127.0.0.0/8, ::1 and their IPv4-mapped forms. Behind a local reverse proxy every client is. */
  readonly loopback: boolean;
  /** The token of an `Authorization: Bearer <token>` header; the gateway never forwards it. */
  readonly token: string | undefined;
  /** The Node request, for application state (a session, a user your middleware attached). */
  readonly req: IncomingMessage;
};

/**
 * Decides whether `client` may have `access` done with the gateway's key. Called once per access
 * of a request (its target, then every object it reads or writes besides); all must allow.
 */
export type Authorize = (access: Access, client: Client) => boolean | Promise<boolean>;
