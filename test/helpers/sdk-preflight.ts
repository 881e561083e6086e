import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { expect } from '@jest/globals';
import express from 'express';
import { isOssError } from '../../src/core/oss-error';
import { getOssRequest } from '../../src/http/request-state';
import type { Middleware } from '../../src/http/types';

// ali-oss ships no type declarations; each test describes the calls it uses.
const OSS = createRequire(__filename)('ali-oss') as new (options: Record<string, unknown>) => unknown;

export type SdkHarness<Client> = {
  readonly client: Client;
  /** Runs one SDK call; the SDK may dislike the stand-in's reply, only the pre-flight's verdict matters. */
  passes(operation: string, call: () => Promise<unknown>): Promise<void>;
  close(): Promise<void>;
};

/**
 * Requests the official SDK builds are what OSS accepts every day: an Express app with the given
 * pre-flight middleware records the operation each request reached, or the error that stopped it,
 * and answers with an OSS-like XML body; an ali-oss client addresses it by IP, so the bucket
 * travels in the Host header as it would to OSS.
 */
export async function startSdkHarness<Client>(...middleware: Middleware[]): Promise<SdkHarness<Client>> {
  const seen: string[] = [];
  const rejected: string[] = [];
  const app = express();
  for (const m of middleware) app.use(m);
  app.use((req, res) => {
    seen.push(getOssRequest(req)?.operation ?? 'none');
    req.resume();
    res.set({
      'content-type': 'application/xml',
      'x-oss-request-id': '5C06A3B67B8B5A3DA422299D',
      etag: '"A"',
    });
    res.send('<?xml version="1.0" encoding="UTF-8"?>\n<Result></Result>');
  });
  app.use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    rejected.push(isOssError(error) ? `${error.code}: ${error.message}` : String(error));
    res.status(400).end();
  });
  const server: Server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  const client = new OSS({
    accessKeyId: 'LTAI5tExampleKey',
    accessKeySecret: 'exampleSecret',
    endpoint: `http://127.0.0.1:${port}`,
    bucket: 'example-bucket',
    timeout: 5000,
  }) as Client;
  return {
    client,
    passes: async (operation, call) => {
      seen.length = 0;
      rejected.length = 0;
      await call().catch(() => undefined);
      expect(rejected).toEqual([]);
      expect(seen).toEqual([operation]);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
