import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { isOssError } from '../../src/core/oss-error';
import { preflight } from '../../src/express/preflight';
import { getOssRequest } from '../../src/express/request-state';

// ali-oss ships no type declarations; only the calls used here are described.
type Call = (...args: unknown[]) => Promise<unknown>;
type Client = Record<
  | 'put'
  | 'putStream'
  | 'append'
  | 'putACL'
  | 'copy'
  | 'putSymlink'
  | 'initMultipartUpload'
  | 'get'
  | 'head'
  | 'delete',
  Call
>;
const OSS = createRequire(__filename)('ali-oss') as new (options: Record<string, unknown>) => Client;

// Requests the official SDK builds are what OSS accepts every day: the header rules must pass them.
const seen: string[] = [];
const rejected: string[] = [];
let server: Server;
let client: Client;

beforeAll(async () => {
  const app = express()
    .use(preflight({ families: ['headers', 'cors'] }))
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
    endpoint: `http://127.0.0.1:${port}`,
    bucket: 'example-bucket',
    timeout: 5000,
  });
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

/** Runs one SDK call; the SDK may dislike the stand-in's reply, only the pre-flight's verdict matters. */
async function passes(operation: string, call: () => Promise<unknown>) {
  seen.length = 0;
  rejected.length = 0;
  await call().catch(() => undefined);
  expect(rejected).toEqual([]);
  expect(seen).toEqual([operation]);
}

describe('ali-oss requests pass the header rules', () => {
  it('put with every value-checked header', async () => {
    await passes('PutObject', () =>
      client.put('a.txt', Buffer.from('hello'), {
        headers: {
          'x-oss-server-side-encryption': 'KMS',
          'x-oss-server-side-data-encryption': 'SM4',
          'x-oss-object-acl': 'public-read',
          'x-oss-storage-class': 'DeepColdArchive',
          'x-oss-forbid-overwrite': 'true',
          'x-oss-user-last-modified': new Date(Date.now() - 60_000).toUTCString(),
        },
      }),
    );
  });

  it('putStream sends a chunked body without Content-Length', async () => {
    await passes('PutObject', () =>
      client.putStream('s.txt', Readable.from([Buffer.from('a'), Buffer.from('b')])),
    );
  });

  it('append, putACL, copy, symlink and initMultipartUpload', async () => {
    await passes('AppendObject', () =>
      client.append('log.txt', Buffer.from('a'), { headers: { 'x-oss-object-acl': 'default' } }),
    );
    await passes('PutObjectAcl', () => client.putACL('a.txt', 'private'));
    await passes('CopyObject', () =>
      client.copy('b.txt', 'a.txt', {
        headers: { 'x-oss-storage-class': 'IA', 'x-oss-forbid-overwrite': 'false' },
      }),
    );
    await passes('PutSymlink', () => client.putSymlink('link', 'a.txt', { storageClass: 'Archive' }));
    await passes('InitiateMultipartUpload', () =>
      client.initMultipartUpload('big.bin', { headers: { 'x-oss-server-side-encryption': 'AES256' } }),
    );
  });

  it('reads with and without a version', async () => {
    await passes('GetObject', () =>
      client.get('a.txt', undefined, { versionId: 'CAEQNhiBgMDJgZCA0BYiIDc4MGZj' }),
    );
    await passes('HeadObject', () => client.head('a.txt'));
    await passes('DeleteObject', () => client.delete('a.txt', { versionId: 'null' }));
  });
});
