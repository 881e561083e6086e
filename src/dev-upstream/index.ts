/**
 * A local development stand-in for OSS, so the gateway and the examples run offline. It is not OSS.
 * @module oss-preflight/dev-upstream
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { optionError, rejectUnknownOptions } from '../core/options';
import type { DevUpstreamContext } from './dev-upstream-context';
import { ObjectStore } from './object-store';
import { handleRequest } from './route';

export type DevUpstreamOptions = {
  /**
   * Address to listen on.
   * @defaultValue `'127.0.0.1'`
   */
  host?: string;
  /**
   * Port to listen on; 0 picks a free one.
   * @defaultValue 0
   */
  port?: number;
  /**
   * Where objects are kept.
   * @defaultValue a fresh directory under `os.tmpdir()`, removed again by `close()`
   */
  storageDir?: string;
  /**
   * Largest accepted object in bytes.
   * @defaultValue 5 GiB, the OSS limit for a simple upload
   */
  maxObjectBytes?: number;
};

export type DevUpstream = {
  /** e.g. http://127.0.0.1:43123 */
  readonly url: string;
  readonly storageDir: string;
  close(): Promise<void>;
};

const DEFAULT_MAX_OBJECT_BYTES = 5 * 1024 ** 3;
const FACTORY = 'startDevUpstream()';

function checkOptions(options: DevUpstreamOptions): void {
  rejectUnknownOptions(FACTORY, options, ['host', 'port', 'storageDir', 'maxObjectBytes']);
  const { host, port, storageDir, maxObjectBytes } = options;
  if (host !== undefined && (typeof host !== 'string' || host === ''))
    throw optionError(FACTORY, '"host" must be an address such as "127.0.0.1".');
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535))
    throw optionError(FACTORY, `"port" must be an integer from 0 to 65535, got ${String(port)}.`);
  if (storageDir !== undefined && (typeof storageDir !== 'string' || storageDir === ''))
    throw optionError(FACTORY, '"storageDir" must be a directory path.');
  if (maxObjectBytes !== undefined && (!Number.isSafeInteger(maxObjectBytes) || maxObjectBytes < 0))
    throw optionError(
      FACTORY,
      `"maxObjectBytes" must be a whole number of bytes, got ${String(maxObjectBytes)}.`,
    );
}

/**
 * A local development stand-in for OSS so the gateway demo runs offline.
 * It is NOT OSS: it performs no authorization at all and implements only
 * PutObject, GetObject, HeadObject, DeleteObject, PostObject and a basic
 * ListObjects; everything else is answered 501. Every response carries
 * `x-oss-preflight-dev-upstream: 1`.
 */
export async function startDevUpstream(options: DevUpstreamOptions = {}): Promise<DevUpstream> {
  checkOptions(options);
  const host = options.host ?? '127.0.0.1';
  const ownsStorage = options.storageDir === undefined;
  const storageDir = options.storageDir ?? (await mkdtemp(join(tmpdir(), 'oss-preflight-dev-upstream-')));
  try {
    const context: DevUpstreamContext = {
      store: await ObjectStore.create(storageDir),
      maxObjectBytes: options.maxObjectBytes ?? DEFAULT_MAX_OBJECT_BYTES,
      baseHostnames: new Set([host.toLowerCase(), 'localhost', '127.0.0.1']),
    };
    const inFlight = new Set<Promise<void>>();
    // Node's default 5-minute request timeout would cut off a multi-GiB upload over a slow link.
    const server = createServer({ requestTimeout: 0 }, (req, res) => {
      const handling = handleRequest(req, res, context).finally(() => inFlight.delete(handling));
      inFlight.add(handling);
    });
    await listen(server, options.port ?? 0, host);
    const { port } = server.address() as AddressInfo;
    let closing: Promise<void> | undefined;
    return {
      url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
      storageDir,
      close: () => {
        closing ??= shutDown(server, inFlight, ownsStorage ? storageDir : undefined);
        return closing;
      },
    };
  } catch (error) {
    if (ownsStorage) await rm(storageDir, { recursive: true, force: true });
    throw error;
  }
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

async function shutDown(server: Server, inFlight: ReadonlySet<Promise<void>>, ownedDir: string | undefined) {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  server.closeAllConnections();
  await closed;
  // Aborted uploads clean up their temporary files; let them finish before the directory goes.
  await Promise.allSettled([...inFlight]);
  if (ownedDir !== undefined) await rm(ownedDir, { recursive: true, force: true });
}
