import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import { isOssError } from '../../src/core/oss-error';
import { preflight } from '../../src/express/preflight';
import { getOssRequest } from '../../src/express/request-state';
import { checkXmlBody } from '../../src/express/xml-body';

// Configuration documents built by the official SDK must pass: they are what OSS accepts every day.
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
      res.set({ 'content-type': 'application/xml', 'x-oss-request-id': '5C06A3B67B8B5A3DA422299D' });
      res.send('<?xml version="1.0" encoding="UTF-8"?>\n<Result></Result>');
    })
    .use((error: unknown, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
      rejected.push(isOssError(error) ? `${error.code}: ${error.message}` : String(error));
      res.status(400).end();
    });
  server = app.listen(0);
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  // An IP endpoint makes the SDK address the bucket through the Host header, as it would OSS.
  client = new OSS({
    accessKeyId: 'LTAI5tExampleKey',
    accessKeySecret: 'exampleSecret',
    endpoint: `http://127.0.0.1:${port}`,
    bucket: 'example-bucket',
    timeout: 5000,
  });
});

afterAll(() => {
  server.close();
});

async function passes(operation: string, call: () => Promise<unknown>) {
  seen.length = 0;
  rejected.length = 0;
  await call().catch(() => undefined);
  expect(rejected).toEqual([]);
  expect(seen).toEqual([operation]);
}

describe('ali-oss configuration requests pass the bucket-config rules', () => {
  it('putBucketCORS with 10 rules', async () => {
    const rules = Array.from({ length: 10 }, (_, i) => ({
      allowedOrigin: `https://${i}.example.com`,
      allowedMethod: ['GET', 'PUT'],
      allowedHeader: '*',
      exposeHeader: 'ETag',
      maxAgeSeconds: '600',
    }));
    await passes('PutBucketCors', () => client.putBucketCORS!('example-bucket', rules));
  });

  it('putBucketVersioning', async () => {
    await passes('PutBucketVersioning', () => client.putBucketVersioning!('example-bucket', 'Enabled'));
    await passes('PutBucketVersioning', () => client.putBucketVersioning!('example-bucket', 'Suspended'));
  });

  it('initiateBucketWorm and extendBucketWorm at the ends of the range', async () => {
    for (const days of ['1', '25550']) {
      await passes('InitiateBucketWorm', () => client.initiateBucketWorm!('example-bucket', days));
      await passes('ExtendBucketWorm', () =>
        client.extendBucketWorm!('example-bucket', '1666E2CFB2B3418', days),
      );
    }
  });

  it('putBucketEncryption', async () => {
    await passes('PutBucketEncryption', () =>
      client.putBucketEncryption!('example-bucket', {
        SSEAlgorithm: 'KMS',
        KMSMasterKeyID: '9468da86-3509-4f8d',
      }),
    );
    await passes('PutBucketEncryption', () =>
      client.putBucketEncryption!('example-bucket', { SSEAlgorithm: 'AES256' }),
    );
  });

  it('putBucketLifecycle, putBucketWebsite, putBucketReferer, putBucketLogging', async () => {
    await passes('PutBucketLifecycle', () =>
      client.putBucketLifecycle!('example-bucket', [
        { id: 'r1', prefix: 'logs/', status: 'Enabled', expiration: { days: 30 } },
      ]),
    );
    await passes('PutBucketWebsite', () =>
      client.putBucketWebsite!('example-bucket', { index: 'index.html', error: 'error.html' }),
    );
    await passes('PutBucketReferer', () =>
      client.putBucketReferer!('example-bucket', true, ['https://example.com']),
    );
    await passes('PutBucketLogging', () => client.putBucketLogging!('example-bucket', 'logs/'));
  });

  it('putBucket with each storage class', async () => {
    for (const storageClass of ['Standard', 'IA', 'Archive', 'ColdArchive']) {
      await passes('PutBucket', () => client.putBucket!('example-bucket', { StorageClass: storageClass }));
    }
  });
});
