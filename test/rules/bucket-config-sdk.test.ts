import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { preflight } from '../../src/express/preflight';
import { checkXmlBody } from '../../src/express/xml-body';
import { type SdkHarness, startSdkHarness } from '../helpers/sdk-preflight';

// Configuration documents built by the official SDK must pass: they are what OSS accepts every day.
const families = ['multipart', 'bucket-config'] as const;
// ali-oss ships no type declarations; only the calls below are used.
type Client = Record<string, (...args: unknown[]) => Promise<unknown>>;
let sdk: SdkHarness<Client>;

beforeAll(async () => {
  sdk = await startSdkHarness<Client>(
    preflight({ families: [...families] }),
    checkXmlBody({ families: [...families] }),
  );
});

afterAll(() => sdk.close());

describe('ali-oss configuration requests pass the bucket-config rules', () => {
  it('putBucketCORS with 10 rules', async () => {
    const rules = Array.from({ length: 10 }, (_, i) => ({
      allowedOrigin: `https://${i}.example.com`,
      allowedMethod: ['GET', 'PUT'],
      allowedHeader: '*',
      exposeHeader: 'ETag',
      maxAgeSeconds: '600',
    }));
    await sdk.passes('PutBucketCors', () => sdk.client.putBucketCORS!('example-bucket', rules));
  });

  it('putBucketVersioning', async () => {
    await sdk.passes('PutBucketVersioning', () =>
      sdk.client.putBucketVersioning!('example-bucket', 'Enabled'),
    );
    await sdk.passes('PutBucketVersioning', () =>
      sdk.client.putBucketVersioning!('example-bucket', 'Suspended'),
    );
  });

  it('initiateBucketWorm and extendBucketWorm at the ends of the range', async () => {
    for (const days of ['1', '25550']) {
      await sdk.passes('InitiateBucketWorm', () => sdk.client.initiateBucketWorm!('example-bucket', days));
      await sdk.passes('ExtendBucketWorm', () =>
        sdk.client.extendBucketWorm!('example-bucket', '1666E2CFB2B3418', days),
      );
    }
  });

  it('putBucketEncryption', async () => {
    await sdk.passes('PutBucketEncryption', () =>
      sdk.client.putBucketEncryption!('example-bucket', {
        SSEAlgorithm: 'KMS',
        KMSMasterKeyID: '9468da86-3509-4f8d',
      }),
    );
    await sdk.passes('PutBucketEncryption', () =>
      sdk.client.putBucketEncryption!('example-bucket', { SSEAlgorithm: 'AES256' }),
    );
  });

  it('putBucketLifecycle, putBucketWebsite, putBucketReferer, putBucketLogging', async () => {
    await sdk.passes('PutBucketLifecycle', () =>
      sdk.client.putBucketLifecycle!('example-bucket', [
        { id: 'r1', prefix: 'logs/', status: 'Enabled', expiration: { days: 30 } },
      ]),
    );
    await sdk.passes('PutBucketWebsite', () =>
      sdk.client.putBucketWebsite!('example-bucket', { index: 'index.html', error: 'error.html' }),
    );
    await sdk.passes('PutBucketReferer', () =>
      sdk.client.putBucketReferer!('example-bucket', true, ['https://example.com']),
    );
    await sdk.passes('PutBucketLogging', () => sdk.client.putBucketLogging!('example-bucket', 'logs/'));
  });

  it('putBucket with each storage class', async () => {
    for (const storageClass of ['Standard', 'IA', 'Archive', 'ColdArchive']) {
      await sdk.passes('PutBucket', () =>
        sdk.client.putBucket!('example-bucket', { StorageClass: storageClass }),
      );
    }
  });
});
