import { Readable } from 'node:stream';
import OssClient, * as $OSS from '@alicloud/oss-client';
import { RuntimeOptions } from '@alicloud/oss-util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startVerifyingGateway } from '../auth/verifying-gateway';
import { type RunningGateway, TEST_CREDENTIALS } from '../helpers/gateway-harness';
import { ossStandIn } from './stand-in';

// @alicloud/oss-client signs with V2 (`OSS2`, HMAC-SHA256 over every query parameter) by default.
// Through the gateway, which verifies V2 for the keys it knows, to a recording upstream that
// verifies the forwarded request again with the oracle written from the V2 specification.
// The client puts the bucket in the Host; the gateway's custom domain maps 127.0.0.1 to it.

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startVerifyingGateway({
    gateway: { preflight: { customDomains: { '127.0.0.1': 'interop-bucket' } } },
  });
  gw.upstream.reply = ossStandIn();
});
afterAll(async () => {
  await gw.close();
});

function client(secret = TEST_CREDENTIALS.accessKeySecret): OssClient {
  return new OssClient(
    new $OSS.Config({
      accessKeyId: TEST_CREDENTIALS.accessKeyId,
      accessKeySecret: secret,
      endpoint: `127.0.0.1:${gw.port}`,
      protocol: 'http',
      hostModel: 'cname',
      regionId: 'cn-hangzhou',
    }),
  );
}
const runtime = () => new RuntimeOptions({ autoretry: false, maxAttempts: 1 });

describe('@alicloud/oss-client (V2) through the gateway', () => {
  it('put, get and list are verified at the gateway and again at the upstream', async () => {
    const before = gw.upstream.requests.length;
    await client().putObject(
      new $OSS.PutObjectRequest({
        bucketName: 'interop-bucket',
        objectName: 'v2/hello.txt',
        body: Readable.from([Buffer.from('hello v2')]),
        header: new $OSS.PutObjectRequestHeader({ contentType: 'text/plain' }),
      }),
      runtime(),
    );
    const got = await client().getObject(
      new $OSS.GetObjectRequest({ bucketName: 'interop-bucket', objectName: 'v2/hello.txt' }),
      runtime(),
    );
    const chunks: Buffer[] = [];
    for await (const chunk of got.body as Readable) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('hello v2');
    await client()
      .getBucket(
        new $OSS.GetBucketRequest({
          bucketName: 'interop-bucket',
          filter: new $OSS.GetBucketRequestFilter({ prefix: 'v2/', maxKeys: '10', delimiter: '/' }),
        }),
        runtime(),
      )
      .catch(() => undefined); // the stand-in's listing answer is not a ListBucketResult; the request is what counts
    const seen = gw.upstream.requests.slice(before);
    expect(seen.map((r) => `${r.method} ${r.key}`)).toEqual(['PUT v2/hello.txt', 'GET v2/hello.txt', 'GET ']);
    for (const r of seen) {
      expect(String(r.headers.authorization)).toMatch(/^OSS2 AccessKeyId:/);
      expect(`${r.method} ${r.url}: ${r.signatureProblem}`).toBe(`${r.method} ${r.url}: null`);
    }
    expect(seen[2]?.url).toContain('max-keys=10');
  });

  it('a wrong secret is refused at the gateway with SignatureDoesNotMatch, and nothing is forwarded', async () => {
    const before = gw.upstream.requests.length;
    const error = await client('not-the-secret')
      .putObject(
        new $OSS.PutObjectRequest({
          bucketName: 'interop-bucket',
          objectName: 'v2/forged.txt',
          body: Readable.from([Buffer.from('forged')]),
        }),
        runtime(),
      )
      .then(
        () => undefined,
        (e: unknown) => e as { code?: string; message?: string; data?: { httpCode?: number } },
      );
    expect(error?.code).toBe('SignatureDoesNotMatch');
    expect(error?.data?.httpCode).toBe(403);
    expect(gw.upstream.requests.length).toBe(before);
  });

  it('a listing OSS would refuse (max-keys over 1000) is refused before it is forwarded', async () => {
    const before = gw.upstream.requests.length;
    const error = await client()
      .getBucket(
        new $OSS.GetBucketRequest({
          bucketName: 'interop-bucket',
          filter: new $OSS.GetBucketRequestFilter({ maxKeys: '1001' }),
        }),
        runtime(),
      )
      .then(
        () => undefined,
        (e: unknown) => e as { code?: string },
      );
    expect(error?.code).toBe('InvalidArgument');
    expect(gw.upstream.requests.length).toBe(before);
  });
});
