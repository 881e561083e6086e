import fs from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { isOssError } from '../../src/core/oss-error';
import { preflight } from '../../src/express/preflight';
import { getOssRequest } from '../../src/express/request-state';
import { checkXmlBody } from '../../src/express/xml-body';

// Requests built by the official SDK must pass: they are what OSS accepts every day.
// Only these families run, so the test is about their rules and nothing else.
const families = ['multipart', 'bucket-config'] as const;
const seen: string[] = [];
const rejected: string[] = [];
let server: Server;
// ali-oss ships no type declarations; only the calls below are used.
type Client = Record<string, (...args: unknown[]) => Promise<unknown>>;
const OSS = createRequire(__filename)('ali-oss') as new (options: Record<string, unknown>) => Client;
let client: Client;

beforeAll(async () => {
  const app = express()
    .use(preflight({ families: [...families] }))
    .use(checkXmlBody({ families: [...families] }))
    .use((req, res) => {
      seen.push(getOssRequest(req)?.operation ?? 'none');
      req.resume();
      res.set({
        'content-type': 'application/xml',
        'x-oss-request-id': '5C06A3B67B8B5A3DA422299D',
        etag: '"A"',
      });
      res.send('<?xml version="1.0" encoding="UTF-8"?>\n<Result></Result>');
    })
    .use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      rejected.push(isOssError(error) ? `${error.code}: ${error.message}` : String(error));
      res.status(400).end();
    });
  server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  client = new OSS({
    accessKeyId: 'LTAI5tExampleKey',
    accessKeySecret: 'exampleSecret',
    // An IP endpoint makes the SDK address the bucket through the Host header, as it would OSS.
    endpoint: `http://127.0.0.1:${port}`,
    bucket: 'example-bucket',
    timeout: 5000,
  });
});

afterAll(() => {
  server.close();
});

/** Runs one SDK call; the SDK may not like the stand-in's reply, only the pre-flight's verdict matters. */
async function passes(operation: string, call: () => Promise<unknown>) {
  seen.length = 0;
  rejected.length = 0;
  await call().catch(() => undefined);
  expect(rejected).toEqual([]);
  expect(seen).toEqual([operation]);
}

describe('ali-oss requests pass the multipart rules', () => {
  it('completeMultipartUpload with parts out of order (the SDK sorts them)', async () => {
    const etag = '"3858F62230AC3C915F300C664312C11F"';
    await passes('CompleteMultipartUpload', () =>
      client.completeMultipartUpload!('big.bin', '0004B9895DBBB6EC98E36', [
        { number: 3, etag },
        { number: 1, etag },
        { number: 10000, etag },
      ]),
    );
  });

  it('deleteMulti with 1000 keys, quiet and versioned', async () => {
    const names = Array.from({ length: 1000 }, (_, i) => `dir/a&b<${i}>.txt`);
    await passes('DeleteMultipleObjects', () => client.deleteMulti!(names, { quiet: true }));
    await passes('DeleteMultipleObjects', () => client.deleteMulti!([{ key: 'a.txt', versionId: 'CAEQ' }]));
  });

  it('uploadPart at both ends of the range', async () => {
    const file = path.join(os.tmpdir(), `oss-preflight-part-${process.pid}.bin`);
    fs.writeFileSync(file, 'hello');
    try {
      for (const partNo of [1, 10000]) {
        await passes('UploadPart', () =>
          client.uploadPart!('big.bin', '0004B9895DBBB6EC98E36', partNo, file, 0, 5),
        );
      }
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('append at position 0 and further on', async () => {
    await passes('AppendObject', () => client.append!('log.txt', Buffer.from('a')));
    await passes('AppendObject', () => client.append!('log.txt', Buffer.from('b'), { position: '1' }));
  });

  it('copy with a versionId', async () => {
    await passes('CopyObject', () =>
      client.copy!('dest.txt', 'src.txt', 'src-bucket', { versionId: 'CAEQNRiBgICv8uaA' }),
    );
  });
});
