import { createHash, timingSafeEqual } from 'node:crypto';
import { OPERATIONS } from '../core/operations';
import { suggest } from '../core/options';
import type { Access, Authorize, Client } from './types';

/** Named groups of operations, so a policy can say `read` instead of listing every GET. */
export const OPERATION_GROUPS: Readonly<Record<string, readonly string[]>> = {
  read: ['GetObject', 'HeadObject', 'GetObjectMeta', 'GetObjectTagging', 'GetSymlink'],
  write: [
    'PutObject',
    'PostObject',
    'AppendObject',
    'InitiateMultipartUpload',
    'UploadPart',
    'CompleteMultipartUpload',
    'AbortMultipartUpload',
    'ListParts',
    'PutObjectTagging',
    'CopyObject',
    'UploadPartCopy',
    'PutSymlink',
  ],
  delete: ['DeleteObject', 'DeleteObjectTagging'],
  list: ['ListObjects', 'ListObjectVersions', 'ListMultipartUploads'],
};

/** The name that is neither an OSS operation nor a group, with a suggestion; undefined when all are known. */
function unknownOperation(names: readonly string[]): string | undefined {
  const known = [...OPERATIONS, ...Object.keys(OPERATION_GROUPS)];
  const unknown = names.find((name) => !OPERATIONS.has(name) && OPERATION_GROUPS[name] === undefined);
  return unknown === undefined
    ? undefined
    : `"${unknown}" is neither an OSS operation nor a group.${suggest(unknown, known)}`;
}

function expandOperations(names: readonly string[]): Set<string> {
  return new Set(names.flatMap((name) => OPERATION_GROUPS[name] ?? [name]));
}

/** `.` and `..` segments: clients collapse them, so the key authorized would not be the key used. */
function hasDotSegment(key: string): boolean {
  return key.split('/').some((segment) => segment === '.' || segment === '..');
}

/** Only loopback clients: the default when no policy is configured. */
export const loopbackOnly: Authorize = (_access, client) => client.loopback;

/** Every client, every request: an open signing relay. Only behind your own authentication. */
export const allowAnyone: Authorize = () => true;

export function allowBuckets(...buckets: string[]): Authorize {
  const allowed = new Set(buckets);
  return (access) => access.bucket !== undefined && allowed.has(access.bucket);
}

/** Keys under one of the prefixes; a key with `.` or `..` segments never matches. */
export function allowKeyPrefixes(...prefixes: string[]): Authorize {
  return (access) =>
    access.key !== undefined &&
    !hasDotSegment(access.key) &&
    prefixes.some((prefix) => access.key!.startsWith(prefix));
}

export function allowMethods(...methods: string[]): Authorize {
  const allowed = new Set(methods.map((m) => m.toUpperCase()));
  return (access) => allowed.has(access.method);
}

/** Operations by name, or the groups `read`, `write`, `delete`, `list`. */
export function allowOperations(...operations: string[]): Authorize {
  // A misspelt name would silently allow nothing.
  const unknown = unknownOperation(operations);
  if (unknown !== undefined) throw new TypeError(`oss-preflight: allowOperations(): ${unknown}`);
  const allowed = expandOperations(operations);
  return (access) => allowed.has(access.operation);
}

/** Presigned URLs and POST policies valid for at most `seconds`; requests forwarded now always pass. */
export function maxExpiry(seconds: number): Authorize {
  return (access) => access.expires === undefined || access.expires <= seconds;
}

/** Uploads of at most `bytes` (declared); an upload of unknown size (chunked) is refused. */
export function maxBytes(bytes: number): Authorize {
  return (access) =>
    access.role !== 'target' || !WRITES.has(access.operation) || (access.maxBytes ?? Infinity) <= bytes;
}
const WRITES = new Set(['PutObject', 'PostObject', 'AppendObject', 'UploadPart']);

/** Every check must allow; evaluated in order, stopping at the first refusal. */
export function allOf(...checks: Authorize[]): Authorize {
  return async (access, client) => {
    for (const check of checks) if ((await check(access, client)) !== true) return false;
    return true;
  };
}

/** True when every access of one request is allowed; a hook's error propagates (callers fail closed). */
export async function authorizeAll(
  authorize: Authorize,
  accesses: readonly Access[],
  client: Client,
): Promise<boolean> {
  for (const access of accesses) {
    if ((await authorize(access, client)) !== true) return false;
  }
  return true;
}

/** One client of a policy: who (a bearer token) may do what (buckets, key prefixes, operations, sizes). */
export type PolicyClient = {
  /** A name for logs and errors. */
  readonly name: string;
  /** The bearer token the client sends (`Authorization: Bearer <token>`); at least 16 characters. */
  readonly token: string;
  /** Buckets the client may use. */
  readonly buckets: readonly string[];
  /**
   * Key prefixes within those buckets.
   * @defaultValue the whole bucket
   */
  readonly prefixes?: readonly string[] | undefined;
  /** Operations or groups (`read`, `write`, `delete`, `list`) the client may perform. */
  readonly operations: readonly string[];
  /**
   * Largest upload in bytes (declared Content-Length or POST policy size); with it, uploads of unknown
   * size (chunked) are refused.
   * @defaultValue no limit but OSS's own
   */
  readonly maxBytes?: number | undefined;
  /**
   * Longest validity, in seconds, of a URL or POST policy signed for this client.
   * @defaultValue no limit but the signer's own
   */
  readonly maxExpires?: number | undefined;
};

/** The built-in policy: its clients, each with a bearer token and what it may do. */
export type AccessPolicy = {
  /** Every client; a request from anyone else is refused. */
  readonly clients: readonly PolicyClient[];
};

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

function policyError(message: string): TypeError {
  return new TypeError(`oss-preflight: accessPolicy(): ${message}`);
}

function checkClient(client: PolicyClient, index: number): void {
  const where = `clients[${index}]`;
  if (typeof client !== 'object' || client === null) throw policyError(`${where} must be an object.`);
  if (typeof client.name !== 'string' || client.name === '')
    throw policyError(`${where}.name must be a non-empty string.`);
  if (typeof client.token !== 'string' || client.token.length < 16 || /\s/.test(client.token)) {
    throw policyError(`${where}.token must be a string of at least 16 characters without spaces.`);
  }
  const strings = (value: unknown, field: string, required: boolean) => {
    if (value === undefined && !required) return;
    if (
      !Array.isArray(value) ||
      value.length === 0 ||
      !value.every((v) => typeof v === 'string' && v !== '')
    ) {
      throw policyError(`${where}.${field} must be a non-empty array of non-empty strings.`);
    }
  };
  strings(client.buckets, 'buckets', true);
  strings(client.prefixes, 'prefixes', false);
  strings(client.operations, 'operations', true);
  const unknown = unknownOperation(client.operations);
  if (unknown !== undefined) throw policyError(`${where}.operations: ${unknown}`);
  for (const field of ['maxBytes', 'maxExpires'] as const) {
    const value = client[field];
    if (value !== undefined && (!Number.isInteger(value) || value < 0)) {
      throw policyError(`${where}.${field} must be a non-negative integer.`);
    }
  }
  const known = new Set(['name', 'token', 'buckets', 'prefixes', 'operations', 'maxBytes', 'maxExpires']);
  for (const field of Object.keys(client)) {
    if (!known.has(field)) throw policyError(`${where} has an unknown field "${field}".`);
  }
}

/**
 * The built-in policy: each client presents a bearer token and gets the buckets, key prefixes,
 * operations and sizes listed for it; everything else is refused, loopback clients included. The
 * same policy serves the gateway, the signing endpoint and POST policy issuance.
 */
export function accessPolicy(policy: AccessPolicy): Authorize {
  if (typeof policy !== 'object' || policy === null || !Array.isArray(policy.clients)) {
    throw policyError('expects { clients: [...] }.');
  }
  for (const field of Object.keys(policy))
    if (field !== 'clients') throw policyError(`unknown field "${field}"; a policy is { clients: [...] }.`);
  policy.clients.forEach(checkClient);
  const entries = policy.clients.map((client) => ({
    digest: digest(client.token),
    check: allOf(
      allowBuckets(...client.buckets),
      ...(client.prefixes ? [allowKeyPrefixes(...client.prefixes)] : []),
      allowOperations(...client.operations),
      ...(client.maxBytes !== undefined ? [maxBytes(client.maxBytes)] : []),
      ...(client.maxExpires !== undefined ? [maxExpiry(client.maxExpires)] : []),
    ),
  }));
  return async (access, client) => {
    if (client.token === undefined) return false;
    // Digests of equal length compared in constant time: the token's content leaks no timing.
    const presented = digest(client.token);
    const entry = entries.find((e) => timingSafeEqual(e.digest, presented));
    return entry !== undefined && (await entry.check(access, client));
  };
}

/** The name of the policy client a bearer token belongs to (rate limits count per client). */
export function policyClientNames(policy: AccessPolicy): (token: string | undefined) => string | undefined {
  const byDigest = new Map(
    policy.clients.map((client) => [digest(client.token).toString('hex'), client.name]),
  );
  return (token) => (token === undefined ? undefined : byDigest.get(digest(token).toString('hex')));
}
