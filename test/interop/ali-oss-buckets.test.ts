import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startVerifyingGateway } from '../auth/verifying-gateway';
import type { RunningGateway } from '../helpers/gateway-harness';
import type { RecordedRequest, UpstreamReply } from '../helpers/recording-upstream';
import { aliClient } from './client';
import { ossStandIn } from './stand-in';

// ali-oss (V1 and V4) through the gateway for bucket configuration, listing and restore (issue 11):
// the gateway verifies each signature and validates the request, then the recording upstream
// verifies the forwarded signature again with the crypto-js oracle. Requests the rules refuse
// never reach the upstream.

const XML = { 'content-type': 'application/xml' };
const listing = (root: string, inner = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<${root}><Name>interop-bucket</Name><Bucket>interop-bucket</Bucket><IsTruncated>false</IsTruncated>${inner}</${root}>`;

/** Listing answers OSS-shaped enough for ali-oss to parse; the rest goes to the object stand-in. */
function reply(objects: (r: RecordedRequest) => UpstreamReply) {
  return (r: RecordedRequest): UpstreamReply => {
    const q = new URL(r.url, 'http://upstream').searchParams;
    if (r.method === 'POST' && q.has('restore')) return { status: 202 };
    if (r.method === 'PUT' && q.has('live') && !q.has('status')) {
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n<CreateLiveChannelResult><PublishUrls><Url>rtmp://interop-bucket/live/${r.key}</Url></PublishUrls><PlayUrls><Url>http://interop-bucket/${r.key}/playlist.m3u8</Url></PlayUrls></CreateLiveChannelResult>`;
      return { status: 200, headers: XML, body };
    }
    if (q.has('live') || q.has('vod')) return { status: 200 };
    if (r.method === 'GET' && r.key === '') {
      if (q.has('uploads')) return { status: 200, headers: XML, body: listing('ListMultipartUploadsResult') };
      if (q.has('versions')) return { status: 200, headers: XML, body: listing('ListVersionsResult') };
      return { status: 200, headers: XML, body: listing('ListBucketResult', '<KeyCount>0</KeyCount>') };
    }
    if (r.method === 'GET' && q.has('uploadId')) {
      return {
        status: 200,
        headers: XML,
        body: listing('ListPartsResult', '<Key>k</Key><UploadId>u</UploadId>'),
      };
    }
    if (r.method === 'PUT' && r.key === '') return { status: 200 };
    return objects(r);
  };
}

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startVerifyingGateway();
  gw.upstream.reply = reply(ossStandIn());
});
afterAll(async () => {
  await gw.close();
});

/** Runs `run`; every upstream request it caused must verify; returns them. */
async function forwarded(run: () => Promise<unknown>) {
  const before = gw.upstream.requests.length;
  await run();
  const seen = gw.upstream.requests.slice(before);
  for (const r of seen)
    expect(`${r.method} ${r.url}: ${r.signatureProblem}`).toBe(`${r.method} ${r.url}: null`);
  return seen;
}

/** The OSS error code ali-oss reports, after checking nothing reached the upstream. */
async function refused(run: () => Promise<unknown>): Promise<string | undefined> {
  const before = gw.upstream.requests.length;
  const error = await run().then(
    () => undefined,
    (e: { code?: string }) => e,
  );
  expect(gw.upstream.requests.length).toBe(before);
  return error?.code;
}

type Client = Record<string, (...args: unknown[]) => Promise<unknown>>;

describe.each([
  ['V1', false],
  ['V4', true],
])('ali-oss %s: bucket configuration, listing and restore through the gateway', (_name, authorizationV4) => {
  const client = () => aliClient(gw.port, { authorizationV4 }) as unknown as Client;
  const bucket = 'interop-bucket';

  it('bucket configuration documents built by ali-oss are forwarded', async () => {
    const seen = await forwarded(async () => {
      await client().putBucketLifecycle!(bucket, [
        {
          id: 'tiering',
          prefix: 'logs/',
          status: 'Enabled',
          transition: { days: 30, storageClass: 'IA' },
          expiration: { days: 365 },
        },
        { prefix: 'tmp/', status: 'Enabled', abortMultipartUpload: { days: 1 } },
      ]);
      await client().putBucketCORS!(bucket, [
        {
          allowedOrigin: 'https://*.example.com',
          allowedMethod: ['GET', 'PUT'],
          allowedHeader: '*',
          maxAgeSeconds: '60',
        },
      ]);
      await client().putBucketReferer!(bucket, false, ['https://www.example.com', 'https://*.example.org']);
      await client().putBucketWebsite!(bucket, { index: 'index.html', error: '404.html' });
      await client().putBucketLogging!(bucket, 'logs/');
      await client().putBucketVersioning!(bucket, 'Enabled');
      await client().putBucketEncryption!(bucket, { SSEAlgorithm: 'AES256' });
      await client().putBucketRequestPayment!(bucket, 'Requester');
    });
    expect(seen.map((r) => new URL(r.url, 'http://u').search)).toEqual([
      '?lifecycle',
      '?cors',
      '?referer',
      '?website',
      '?logging',
      '?versioning',
      '?encryption',
      '?requestPayment',
    ]);
    expect(seen[0]?.body.toString()).toContain('<StorageClass>IA</StorageClass>');
  });

  it('listings with their parameters at the documented boundaries are forwarded', async () => {
    const seen = await forwarded(async () => {
      await client().list!({ prefix: 'logs/', delimiter: '/', 'max-keys': 1000, 'encoding-type': 'url' });
      await client().listV2!({
        prefix: 'logs/',
        'max-keys': '1000',
        'start-after': 'logs/a',
        'continuation-token': 'abc',
      });
      await client().getBucketVersions!({ keyMarker: 'a', versionIdMarker: 'CAEQ', maxKeys: 1000 });
      await client().listUploads!({ 'max-uploads': 1000, 'upload-id-marker': 'u' });
      await client().listParts!('logs/big.bin', 'u', { 'max-parts': 1000, 'part-number-marker': 3 });
    });
    expect(seen).toHaveLength(5);
    expect(seen[0]?.url).toContain('max-keys=1000');
    expect(seen[1]?.url).toContain('list-type=2');
    expect(seen[2]?.url).toContain('version-id-marker=CAEQ');
    expect(seen[3]?.url).toContain('max-uploads=1000');
    expect(seen[4]?.url).toContain('max-parts=1000');
  });

  it('restore of Archive and ColdArchive objects is forwarded with its document', async () => {
    const seen = await forwarded(async () => {
      await client().restore!('archive.bin');
      await client().restore!('cold.bin', { type: 'ColdArchive', Days: 30, JobParameters: 'Bulk' });
    });
    expect(seen[0]?.body.toString()).toContain('<Days>2</Days>');
    expect(seen[1]?.body.toString()).toContain('<Tier>Bulk</Tier>');
  });

  it('LiveChannel: create, switch off, and the /channel/playlist.m3u8?vod path of createVod', async () => {
    const seen = await forwarded(async () => {
      await client().putChannel!('interop-channel', {
        Description: 'interop',
        Status: 'enabled',
        Target: { Type: 'HLS', FragDuration: '10', FragCount: '5', PlaylistName: 'playlist.m3u8' },
      });
      await client().putChannelStatus!('interop-channel', 'disabled');
      await client().createVod!('interop-channel', 'vod.m3u8', {
        startTime: 1472020031,
        endTime: 1472020226,
      });
    });
    expect(seen.map((r) => `${r.method} ${r.key}`)).toEqual([
      'PUT interop-channel',
      'PUT interop-channel',
      'POST interop-channel/vod.m3u8',
    ]);
    expect(
      await refused(() =>
        client().putChannel!('interop-channel', {
          Target: { Type: 'HLS', FragDuration: '101', FragCount: '5' },
        }),
      ),
    ).toBe('InvalidArgument');
    expect(
      await refused(() => client().createVod!('interop-channel', 'vod.txt', { startTime: 1, endTime: 2 })),
    ).toBe('InvalidRequest');
  });

  it('requests OSS would refuse never reach the upstream', async () => {
    expect(await refused(() => client().list!({ 'max-keys': 1001 }))).toBe('InvalidArgument');
    expect(await refused(() => client().list!({ 'encoding-type': 'base64' }))).toBe('InvalidArgument');
    expect(await refused(() => client().listParts!('k', 'u', { 'max-parts': 5000 }))).toBe('InvalidArgument');
    expect(
      await refused(() =>
        client().putBucketLifecycle!(bucket, [
          {
            prefix: 'a/',
            status: 'Enabled',
            transition: { days: 60, storageClass: 'IA' },
            expiration: { days: 30 },
          },
        ]),
      ),
    ).toBe('InvalidArgument');
    expect(
      await refused(() =>
        client().restore!('cold.bin', { type: 'ColdArchive', Days: 30, JobParameters: 'Fast' }),
      ),
    ).toBe('MalformedXML');
    expect(await refused(() => client().restore!('cold.bin', { type: 'ColdArchive', Days: 366 }))).toBe(
      'MalformedXML',
    );
    expect(
      await refused(() => client().putBucketCORS!(bucket, [{ allowedOrigin: '*', allowedMethod: 'PATCH' }])),
    ).toBe('MalformedXML');
  });
});
