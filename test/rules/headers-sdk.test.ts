import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { preflight } from '../../src/express/preflight';
import { type SdkHarness, startSdkHarness } from '../helpers/sdk-preflight';

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

// Requests the official SDK builds are what OSS accepts every day: the header rules must pass them.
let sdk: SdkHarness<Client>;

beforeAll(async () => {
  sdk = await startSdkHarness<Client>(preflight({ families: ['headers', 'cors'] }));
});

afterAll(() => sdk.close());

describe('ali-oss requests pass the header rules', () => {
  it('put with every value-checked header', async () => {
    await sdk.passes('PutObject', () =>
      sdk.client.put('a.txt', Buffer.from('hello'), {
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
    await sdk.passes('PutObject', () =>
      sdk.client.putStream('s.txt', Readable.from([Buffer.from('a'), Buffer.from('b')])),
    );
  });

  it('append, putACL, copy, symlink and initMultipartUpload', async () => {
    await sdk.passes('AppendObject', () =>
      sdk.client.append('log.txt', Buffer.from('a'), { headers: { 'x-oss-object-acl': 'default' } }),
    );
    await sdk.passes('PutObjectAcl', () => sdk.client.putACL('a.txt', 'private'));
    await sdk.passes('CopyObject', () =>
      sdk.client.copy('b.txt', 'a.txt', {
        headers: { 'x-oss-storage-class': 'IA', 'x-oss-forbid-overwrite': 'false' },
      }),
    );
    await sdk.passes('PutSymlink', () => sdk.client.putSymlink('link', 'a.txt', { storageClass: 'Archive' }));
    await sdk.passes('InitiateMultipartUpload', () =>
      sdk.client.initMultipartUpload('big.bin', { headers: { 'x-oss-server-side-encryption': 'AES256' } }),
    );
  });

  it('reads with and without a version', async () => {
    await sdk.passes('GetObject', () =>
      sdk.client.get('a.txt', undefined, { versionId: 'CAEQNhiBgMDJgZCA0BYiIDc4MGZj' }),
    );
    await sdk.passes('HeadObject', () => sdk.client.head('a.txt'));
    await sdk.passes('DeleteObject', () => sdk.client.delete('a.txt', { versionId: 'null' }));
  });
});
