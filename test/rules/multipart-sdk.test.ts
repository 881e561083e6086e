import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { preflight } from '../../src/express/preflight';
import { checkXmlBody } from '../../src/express/xml-body';
import { type SdkHarness, startSdkHarness } from '../helpers/sdk-preflight';

// Requests built by the official SDK must pass: they are what OSS accepts every day.
// Only these families run, so the test is about their rules and nothing else.
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

describe('ali-oss requests pass the multipart rules', () => {
  it('completeMultipartUpload with parts out of order (the SDK sorts them)', async () => {
    const etag = '"3858F62230AC3C915F300C664312C11F"';
    await sdk.passes('CompleteMultipartUpload', () =>
      sdk.client.completeMultipartUpload!('big.bin', '0004B9895DBBB6EC98E36', [
        { number: 3, etag },
        { number: 1, etag },
        { number: 10000, etag },
      ]),
    );
  });

  it('deleteMulti with 1000 keys, quiet and versioned', async () => {
    const names = Array.from({ length: 1000 }, (_, i) => `dir/a&b<${i}>.txt`);
    await sdk.passes('DeleteMultipleObjects', () => sdk.client.deleteMulti!(names, { quiet: true }));
    await sdk.passes('DeleteMultipleObjects', () =>
      sdk.client.deleteMulti!([{ key: 'a.txt', versionId: 'CAEQ' }]),
    );
  });

  it('uploadPart at both ends of the range', async () => {
    const file = path.join(os.tmpdir(), `oss-preflight-part-${process.pid}.bin`);
    fs.writeFileSync(file, 'hello');
    try {
      for (const partNo of [1, 10000]) {
        await sdk.passes('UploadPart', () =>
          sdk.client.uploadPart!('big.bin', '0004B9895DBBB6EC98E36', partNo, file, 0, 5),
        );
      }
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('append at position 0 and further on', async () => {
    await sdk.passes('AppendObject', () => sdk.client.append!('log.txt', Buffer.from('a')));
    await sdk.passes('AppendObject', () =>
      sdk.client.append!('log.txt', Buffer.from('b'), { position: '1' }),
    );
  });

  it('copy with a versionId', async () => {
    await sdk.passes('CopyObject', () =>
      sdk.client.copy!('dest.txt', 'src.txt', 'src-bucket', { versionId: 'CAEQNRiBgICv8uaA' }),
    );
  });
});
