import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createGatewayServer } from '../../src/gateway/server';
import { signV4 } from '../../src/signing/sign-v4';
import {
  type RunningGateway,
  send,
  startGateway,
  TEST_CREDENTIALS,
  xmlTag,
} from '../helpers/gateway-harness';
import { rawRequest, startRawUpstream } from '../helpers/raw-http';

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway();
});
afterAll(async () => {
  await gw.close();
});

const head = (method: string, target: string, extra = '') =>
  `${method} ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\n${extra}`;

describe('one canonical request: path forms', () => {
  it.each([
    ['PUT //Bad_Bucket/x', '//Bad_Bucket/x', 'InvalidBucketName'],
    ['PUT //bucket/key', '//example-bucket/key', 'InvalidBucketName'],
    ['PUT /bucket/a/../b', '/example-bucket/a/../b', 'InvalidObjectName'],
    ['PUT /bucket/./a', '/example-bucket/./a', 'InvalidObjectName'],
    ['PUT /bucket/a/%2e%2E/b', '/example-bucket/a/%2e%2E/b', 'InvalidObjectName'],
    ['PUT /bucket/..', '/example-bucket/..', 'InvalidObjectName'],
    ['PUT /./bucket/a', '/./example-bucket/a', 'InvalidObjectName'],
    ['PUT /buck%2Fet/a', '/buck%2Fet/a', 'InvalidBucketName'],
  ])('%s is refused and never forwarded', async (_name, target, code) => {
    const before = gw.upstream.requests.length;
    const answer = await rawRequest(gw.port, `${head('PUT', target)}Content-Length: 2\r\n\r\nhi`);
    expect(answer?.status).toBe(400);
    expect(xmlTag(answer!.body, 'Code')).toBe(code);
    expect(gw.upstream.requests.length).toBe(before);
  });

  it('refuses a key starting with / in virtual-hosted style (`PUT //x`)', async () => {
    const res = await send(gw.port, 'PUT', '//x.txt', { host: `example-bucket.${gw.upstream.host}` }, 'x');
    expect(xmlTag(res.body, 'Code')).toBe('InvalidObjectName');
  });

  it('refuses targets that are neither origin nor absolute form', async () => {
    const before = gw.upstream.requests.length;
    for (const target of [
      '*',
      'example-bucket/a',
      'http://user@example-bucket.oss-cn-hangzhou.aliyuncs.com/a',
    ]) {
      const answer = await rawRequest(gw.port, `${head('PUT', target)}Content-Length: 0\r\n\r\n`);
      expect([answer?.status, xmlTag(answer!.body, 'Code')]).toEqual([400, 'InvalidArgument']);
    }
    expect(gw.upstream.requests.length).toBe(before);
  });

  it('takes the bucket from an absolute-form target (a client using the gateway as its proxy)', async () => {
    const before = gw.upstream.requests.length;
    const virtual = await rawRequest(
      gw.port,
      `${head('PUT', 'http://example-bucket.oss-cn-hangzhou.aliyuncs.com/dir/a.txt')}Content-Length: 2\r\n\r\nhi`,
    );
    expect(virtual?.status).toBe(200);
    const pathStyle = await rawRequest(
      gw.port,
      `${head('GET', `http://${gw.upstream.host}/other-bucket/b.txt?acl`)}\r\n`,
    );
    expect(pathStyle?.status).toBe(200);
    const [first, second] = gw.upstream.requests.slice(before);
    expect(first).toMatchObject({ bucket: 'example-bucket', key: 'dir/a.txt', signatureProblem: null });
    expect(second).toMatchObject({ bucket: 'other-bucket', key: 'b.txt', url: '/b.txt?acl' });
  });

  it('refuses a repeated query parameter and a query that is not UTF-8', async () => {
    const before = gw.upstream.requests.length;
    const twice = await send(gw.port, 'GET', '/example-bucket/?prefix=a&prefix=b');
    expect([twice.status, xmlTag(twice.body, 'Code'), xmlTag(twice.body, 'ArgumentName')]).toEqual([
      400,
      'InvalidArgument',
      'prefix',
    ]);
    const latin = await send(gw.port, 'GET', '/example-bucket/?prefix=%FF');
    expect(xmlTag(latin.body, 'Code')).toBe('InvalidArgument');
    expect(gw.upstream.requests.length).toBe(before);
  });

  it('forwards exactly what was validated: bucket, key bytes and query rebuilt, in one encoding', async () => {
    const cases: Array<[target: string, key: string, query: Array<[string, string]>]> = [
      ['/example-bucket/a%2Fb/c.txt', 'a/b/c.txt', []],
      ['/example-bucket/sp%20ace+plus.txt', 'sp ace+plus.txt', []],
      ['/example-bucket/%E6%96%87/%7E~!*()%27.bin?acl', "文/~~!*()'.bin", [['acl', '']]],
      ['/example-bucket/a//b', 'a//b', []],
      ['/example-bucket/%25zz%', '%zz%', []],
      [
        '/example-bucket/k?response-content-type=text%2Fplain&x=a+b',
        'k',
        [
          ['response-content-type', 'text/plain'],
          ['x', 'a b'],
        ],
      ],
      ['/example-bucket/.hidden/...', '.hidden/...', []],
    ];
    for (const [target, key, query] of cases) {
      const before = gw.upstream.requests.length;
      const res = await send(gw.port, 'GET', target);
      expect(res.status).toBe(200);
      const fwd = gw.upstream.requests[before]!;
      const url = new URL(fwd.url, 'http://x');
      expect([fwd.bucket, fwd.key, [...url.searchParams]]).toEqual(['example-bucket', key, query]);
      expect(fwd.signatureProblem).toBeNull();
      // Only unreserved characters, `/` and percent escapes reach the upstream's request line.
      expect(url.pathname).toMatch(/^[A-Za-z0-9\-_.~/%]*$/);
    }
  });
});

describe('one canonical request: headers', () => {
  it('never lets Connection remove an end-to-end header such as the client signature', async () => {
    const date = new Date();
    const signed = signV4(
      {
        method: 'GET',
        bucket: 'example-bucket',
        key: 'signed.txt',
        query: [],
        headers: {
          'x-oss-date': date
            .toISOString()
            .replace(/[-:]/g, '')
            .replace(/\.\d{3}/, ''),
        },
      },
      TEST_CREDENTIALS,
      { region: 'cn-hangzhou' },
    );
    const before = gw.upstream.requests.length;
    const res = await send(gw.port, 'GET', '/example-bucket/signed.txt', {
      ...signed,
      connection: 'authorization, x-oss-date',
    });
    expect(res.status).toBe(200);
    const fwd = gw.upstream.requests[before]!;
    expect(fwd.headers.authorization).toBe(signed.authorization);
    expect(fwd.signatureProblem).toBeNull();
  });

  it('forwards header bytes as they arrived, even when the body was read first', async () => {
    const raw = await startRawUpstream();
    const { server } = createGatewayServer({ endpoint: raw.url, credentials: TEST_CREDENTIALS });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const port = (server.address() as import('node:net').AddressInfo).port;
    try {
      const body = '<Delete><Object><Key>a</Key></Object></Delete>';
      const md5 = createHash('md5').update(body).digest('base64');
      const answer = await rawRequest(
        port,
        Buffer.concat([
          Buffer.from(`POST /example-bucket/?delete HTTP/1.1\r\nHost: x\r\nContent-MD5: ${md5}\r\n`),
          Buffer.from(`Content-Length: ${body.length}\r\nContent-Disposition: x`),
          Buffer.from([0xc4, 0x8d, 0xc4, 0x8a]),
          Buffer.from(`X-Injected: 1\r\n\r\n${body}`),
        ]),
      );
      expect(answer?.status).toBe(200);
      expect(raw.received).toHaveLength(1);
      const forwarded = raw.received[0]!;
      expect(forwarded).not.toMatch(/\r\nX-Injected/i);
      expect(forwarded).toContain('content-disposition: x\u00c4\u008d\u00c4\u008aX-Injected: 1\r\n');
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await raw.close();
    }
  });
});

describe('framing the upstream cannot misread', () => {
  const chunkedBody = '5\r\nhello\r\n0\r\n\r\n';
  it.each([
    ['gzip, chunked', 'HTTP/1.1'],
    ['identity, chunked', 'HTTP/1.1'],
    ['chunked', 'HTTP/1.0'],
  ])('refuses Transfer-Encoding %s on %s', async (te, version) => {
    const before = gw.upstream.requests.length;
    const answer = await rawRequest(
      gw.port,
      `PUT /example-bucket/te.bin ${version}\r\nHost: x\r\nTransfer-Encoding: ${te}\r\n\r\n${chunkedBody}`,
    );
    expect(answer?.status).toBe(400);
    expect([xmlTag(answer!.body, 'Code'), xmlTag(answer!.body, 'Header')]).toEqual([
      'NotImplemented',
      'Transfer-Encoding',
    ]);
    expect(gw.upstream.requests.length).toBe(before);
  });

  it('re-chunks a chunked body itself: upper case, chunk extensions, and no client framing headers', async () => {
    const before = gw.upstream.requests.length;
    const answer = await rawRequest(
      gw.port,
      'PUT /example-bucket/te.bin HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: CHUNKED\r\n' +
        'Connection: Upgrade, HTTP2-Settings\r\nUpgrade: h2c\r\nHTTP2-Settings: AAMAAABkAARAAAAAAAIAAAAA\r\n\r\n' +
        '5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\n\r\n',
    );
    expect(answer?.status).toBe(200);
    const fwd = gw.upstream.requests[before]!;
    expect(fwd.body.toString()).toBe('hello world');
    expect(fwd.headers['transfer-encoding']).toBe('chunked');
    expect(fwd.headers.upgrade).toBeUndefined();
    expect(fwd.headers['http2-settings']).toBeUndefined();
  });

  it('drops a body sent with GET, HEAD or DELETE and answers (no hang)', async () => {
    for (const method of ['GET', 'HEAD', 'DELETE']) {
      const before = gw.upstream.requests.length;
      const answer = await rawRequest(
        gw.port,
        `${method} /example-bucket/b.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello`,
        3000,
      );
      expect(answer?.status).toBe(200);
      const fwd = gw.upstream.requests[before]!;
      expect([fwd.method, fwd.body.length, fwd.headers['content-length']]).toEqual([method, 0, undefined]);
    }
  });

  it('refuses a GET whose declared body is larger than it will drop', async () => {
    const answer = await rawRequest(
      gw.port,
      'GET /example-bucket/b.txt HTTP/1.1\r\nHost: x\r\nContent-Length: 999999999\r\n\r\nhello',
    );
    expect([answer?.status, xmlTag(answer!.body, 'Code')]).toEqual([400, 'InvalidArgument']);
  });

  it('handles an expectation other than 100-continue instead of a bare 417', async () => {
    const answer = await rawRequest(
      gw.port,
      'GET /example-bucket/e.txt HTTP/1.1\r\nHost: x\r\nExpect: foo\r\n\r\n',
    );
    expect(answer?.status).toBe(200);
  });

  it('answers CONNECT with 405 in OSS form', async () => {
    const answer = await rawRequest(
      gw.port,
      'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n',
    );
    expect(answer?.status).toBe(405);
    expect(answer?.headers['content-type']).toBe('application/xml');
    expect(xmlTag(answer!.body, 'Code')).toBe('MethodNotAllowed');
  });
});
