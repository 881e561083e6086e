import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import express from 'express';
import {
  type Access,
  accessPolicy,
  allOf,
  allowBuckets,
  allowKeyPrefixes,
  allowMethods,
  type Client,
  maxExpiry,
} from '../../src/authorize';
import { type SigningEndpointOptions, signingEndpoint } from '../../src/gateway/signing-endpoint';
import { startVerifyingGateway } from '../auth/verifying-gateway';
import { summary } from '../helpers/catalogue';
import { type RunningGateway, send, TEST_CREDENTIALS, xmlTag } from '../helpers/gateway-harness';

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startVerifyingGateway();
});
afterAll(async () => {
  await gw.close();
});

async function withEndpoint<T>(
  options: Partial<SigningEndpointOptions>,
  run: (port: number) => Promise<T>,
  mount?: (app: express.Express, handler: ReturnType<typeof signingEndpoint>) => void,
): Promise<T> {
  const handler = signingEndpoint({
    credentials: TEST_CREDENTIALS,
    endpoint: gw.url,
    region: 'cn-hangzhou',
    authorize: () => true,
    ...options,
  });
  const app = express();
  if (mount) mount(app, handler);
  else app.all('/sign', handler);
  const server = http.createServer(app);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  try {
    return await run((server.address() as AddressInfo).port);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const post = (port: number, body: unknown, headers: Record<string, string> = {}) =>
  send(
    port,
    'POST',
    '/sign',
    { 'content-type': 'application/json', ...headers },
    typeof body === 'string' ? body : JSON.stringify(body),
  );

/** Path and query of a signed URL, to replay it against the gateway. */
const pathOf = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

describe('signingEndpoint(): signed URLs and headers the gateway accepts', () => {
  it.each(['v1', 'v4'] as const)('a %s GET URL', async (signatureVersion) => {
    await withEndpoint({}, async (port) => {
      const res = await post(port, {
        method: 'GET',
        bucket: 'example-bucket',
        key: 'dir/文 x+y.txt',
        signatureVersion,
      });
      expect(res.status).toBe(200);
      expect(res.headers['cache-control']).toBe('no-store');
      const { url } = JSON.parse(res.body) as { url: string };
      expect(url.startsWith(`${gw.url}/example-bucket/dir/`)).toBe(true);
      const before = gw.upstream.requests.length;
      const fetched = await send(gw.port, 'GET', pathOf(url));
      expect(fetched.status).toBe(200);
      expect(gw.upstream.requests[before]?.key).toBe('dir/文 x+y.txt');
    });
  });

  it.each(['v1', 'v4'] as const)(
    'a %s PUT URL with a signed Content-Type and query',
    async (signatureVersion) => {
      await withEndpoint({}, async (port) => {
        const description = {
          method: 'PUT',
          bucket: 'example-bucket',
          key: 'up.txt',
          headers: { 'Content-Type': 'text/plain' },
          query: { 'x-oss-traffic-limit': '819200' },
          expires: 120,
          signatureVersion,
        };
        const { url } = JSON.parse((await post(port, description)).body) as { url: string };
        const ok = await send(gw.port, 'PUT', pathOf(url), { 'content-type': 'text/plain' }, 'hello');
        expect(ok.status).toBe(200);
        const wrongType = await send(gw.port, 'PUT', pathOf(url), { 'content-type': 'text/html' }, 'hello');
        expect([wrongType.status, xmlTag(wrongType.body, 'Code')]).toEqual([403, 'SignatureDoesNotMatch']);
      });
    },
  );

  it.each(['v1', 'v4'] as const)('%s headers', async (signatureVersion) => {
    await withEndpoint({}, async (port) => {
      const description = {
        method: 'PUT',
        bucket: 'example-bucket',
        key: 'h.txt',
        headers: { 'content-type': 'text/plain', 'x-oss-meta-a': '1' },
        type: 'headers',
        signatureVersion,
      };
      const res = await post(port, description);
      const { headers } = JSON.parse(res.body) as { headers: Record<string, string> };
      expect(headers['x-oss-meta-a']).toBe('1');
      const before = gw.upstream.requests.length;
      const sent = await send(gw.port, 'PUT', '/example-bucket/h.txt', headers, 'hello');
      expect(sent.status).toBe(200);
      expect(gw.upstream.requests[before]?.signatureProblem).toBeNull();
    });
  });

  it('signs with temporary credentials from a function, token included', async () => {
    const sts = { ...TEST_CREDENTIALS, securityToken: 'sts-token' };
    await withEndpoint({ credentials: async () => sts, signatureVersion: 'v1' }, async (port) => {
      const { url } = JSON.parse(
        (await post(port, { method: 'GET', bucket: 'example-bucket', key: 'a' })).body,
      ) as {
        url: string;
      };
      expect(new URL(url).searchParams.get('security-token')).toBe('sts-token');
      const headers = JSON.parse(
        (await post(port, { method: 'GET', bucket: 'example-bucket', key: 'a', type: 'headers' })).body,
      ) as { headers: Record<string, string> };
      expect(headers.headers['x-oss-security-token']).toBe('sts-token');
    });
  });

  it('builds virtual-hosted URLs for an OSS endpoint', async () => {
    await withEndpoint(
      { endpoint: 'https://oss-cn-shanghai.aliyuncs.com', region: undefined },
      async (port) => {
        const { url } = JSON.parse(
          (await post(port, { method: 'GET', bucket: 'example-bucket', key: 'a b' })).body,
        ) as {
          url: string;
        };
        expect(url).toMatch(
          /^https:\/\/example-bucket\.oss-cn-shanghai\.aliyuncs\.com\/a%20b\?x-oss-signature-version=/,
        );
        expect(new URL(url).searchParams.get('x-oss-credential')).toMatch(
          /\/cn-shanghai\/oss\/aliyun_v4_request$/,
        );
      },
    );
  });

  it('works behind express.json()', async () => {
    await withEndpoint(
      {},
      async (port) => {
        const res = await post(port, { method: 'GET', bucket: 'example-bucket', key: 'a' });
        expect(res.status).toBe(200);
      },
      (app, handler) => {
        app.use(express.json());
        app.post('/sign', handler);
      },
    );
  });
});

describe('signingEndpoint(): refusals as OSS errors', () => {
  const code = (res: { status: number; body: string }) =>
    `${res.status} ${xmlTag(res.body, 'Code')}: ${xmlTag(res.body, 'Message')}`;
  const GENERIC = summary(400, 'InvalidArgument.parameterInvalidDotted');

  it('refuses a request OSS would refuse, with its error, and signs nothing', async () => {
    await withEndpoint({}, async (port) => {
      expect(code(await post(port, { method: 'GET', bucket: 'Bad_Bucket', key: 'a' }))).toBe(
        summary(400, 'InvalidBucketName.invalid'),
      );
      const res = await post(port, {
        method: 'PUT',
        bucket: 'example-bucket',
        key: 'a',
        headers: { 'x-oss-traffic-limit': '1' },
      });
      expect(res.status).toBe(400);
      expect(xmlTag(res.body, 'Code')).toBe('InvalidArgument');
    });
  });

  it.each([
    ['not JSON', '{"method":', 'body'],
    ['not an object', '[1]', 'body'],
    ['an unknown field', { method: 'GET', bucket: 'example-bucket', bucekt: 'x' }, 'bucekt'],
    ['a bad method', { method: 'FETCH', bucket: 'example-bucket' }, 'method'],
    ['a key without a bucket', { method: 'GET', key: 'a' }, 'bucket'],
    [
      'signature headers',
      { method: 'GET', bucket: 'example-bucket', headers: { Authorization: 'x' } },
      'headers',
    ],
    [
      'a non-string header',
      { method: 'GET', bucket: 'example-bucket', headers: { 'x-oss-meta-a': 1 } },
      'headers',
    ],
    ['signature parameters', { method: 'GET', bucket: 'example-bucket', query: { Signature: 'x' } }, 'query'],
    ['a bad type', { method: 'GET', bucket: 'example-bucket', type: 'cookie' }, 'type'],
    [
      'a bad version',
      { method: 'GET', bucket: 'example-bucket', signatureVersion: 'v2' },
      'signatureVersion',
    ],
    ['expires too long', { method: 'GET', bucket: 'example-bucket', expires: 3601 }, 'expires'],
    ['expires not an integer', { method: 'GET', bucket: 'example-bucket', expires: 1.5 }, 'expires'],
  ])('%s → InvalidArgument naming it', async (_name, body, argument) => {
    await withEndpoint({}, async (port) => {
      const res = await post(port, body);
      expect(code(res)).toBe(GENERIC);
      expect(xmlTag(res.body, 'ArgumentName')).toBe(argument);
    });
  });

  it('caps the body at 16 KiB by default, declared or chunked', async () => {
    await withEndpoint({}, async (port) => {
      const big = JSON.stringify({ method: 'GET', bucket: 'example-bucket', key: 'k'.repeat(17_000) });
      expect(code(await post(port, big))).toBe(GENERIC);
      expect(code(await post(port, big, { 'transfer-encoding': 'chunked' }))).toBe(GENERIC);
    });
  });

  it('answers other methods with MethodNotAllowed', async () => {
    await withEndpoint({}, async (port) => {
      expect(code(await send(port, 'GET', '/sign'))).toBe(summary(405, 'MethodNotAllowed.notAllowed'));
    });
  });

  it('asks authorize(access, client) and answers AccessDenied when it says no', async () => {
    const seen: unknown[] = [];
    const authorize = async (access: Access, client: Client) => {
      seen.push([access, client.req.headers['x-user'], client.loopback]);
      return client.req.headers['x-user'] === 'alice';
    };
    await withEndpoint({ authorize }, async (port) => {
      const body = { method: 'get', bucket: 'example-bucket', key: 'a' };
      expect(code(await post(port, body, { 'x-user': 'bob' }))).toBe('403 AccessDenied: AccessDenied');
      expect((await post(port, body, { 'x-user': 'alice' })).status).toBe(200);
      expect(seen[0]).toEqual([
        {
          operation: 'GetObject',
          method: 'GET',
          role: 'target',
          bucket: 'example-bucket',
          key: 'a',
          keyIsPrefix: false,
          maxBytes: undefined,
          expires: 900,
          via: 'signing-endpoint',
        },
        'bob',
        true,
      ]);
    });
  });

  it('asks for every object the described request touches: a copy source in another bucket is refused', async () => {
    const authorize = allOf(allowBuckets('example-bucket'), allowKeyPrefixes('user-uploads/'));
    await withEndpoint({ authorize }, async (port) => {
      const copy = (source: string) => ({
        method: 'PUT',
        bucket: 'example-bucket',
        key: 'user-uploads/copy.txt',
        headers: { 'x-oss-copy-source': source },
      });
      expect((await post(port, copy('/example-bucket/user-uploads/a.txt'))).status).toBe(200);
      expect(code(await post(port, copy('/other-bucket/user-uploads/a.txt')))).toBe(
        '403 AccessDenied: AccessDenied',
      );
      expect(code(await post(port, copy('/example-bucket/private/a.txt')))).toBe(
        '403 AccessDenied: AccessDenied',
      );
      const symlink = {
        method: 'PUT',
        bucket: 'example-bucket',
        key: 'user-uploads/link',
        query: { symlink: '' },
        headers: { 'x-oss-symlink-target': 'private/secret.txt' },
      };
      expect(code(await post(port, symlink))).toBe('403 AccessDenied: AccessDenied');
    });
  });

  it('takes the same accessPolicy as the gateway: a bearer token names the client', async () => {
    const authorize = accessPolicy({
      clients: [
        {
          name: 'uploader',
          token: 'uploader-token-0123456789',
          buckets: ['example-bucket'],
          prefixes: ['user-uploads/'],
          operations: ['read', 'write'],
          maxExpires: 600,
        },
      ],
    });
    await withEndpoint({ authorize }, async (port) => {
      const body = { method: 'PUT', bucket: 'example-bucket', key: 'user-uploads/a.txt', expires: 600 };
      const bearer = { authorization: 'Bearer uploader-token-0123456789' };
      expect((await post(port, body, bearer)).status).toBe(200);
      expect((await post(port, body)).status).toBe(403);
      expect((await post(port, body, { authorization: 'Bearer uploader-token-01234567890' })).status).toBe(
        403,
      );
      expect((await post(port, { ...body, expires: 601 }, bearer)).status).toBe(403);
      expect((await post(port, { ...body, method: 'DELETE' }, bearer)).status).toBe(403);
    });
  });

  it('fails closed when authorize throws, or passes the error to next()', async () => {
    const authorize = () => {
      throw new Error('policy store down');
    };
    await withEndpoint(
      { authorize },
      async (port) => {
        expect(code(await post(port, { method: 'GET', bucket: 'example-bucket' }))).toBe(
          '403 AccessDenied: AccessDenied',
        );
      },
      (app, handler) => app.post('/sign', (req, res) => handler(req, res)),
    );
    await withEndpoint(
      { authorize },
      async (port) => {
        const res = await post(port, { method: 'GET', bucket: 'example-bucket' });
        expect([res.status, res.body]).toEqual([500, 'policy store down']);
      },
      (app, handler) => {
        app.post('/sign', handler);
        app.use((error: Error, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
          res.status(500).send(error.message);
        });
      },
    );
  });

  it('refuses options without authorize, and other bad options', () => {
    const base = { credentials: TEST_CREDENTIALS, endpoint: 'https://oss-cn-hangzhou.aliyuncs.com' };
    expect(() => signingEndpoint(base as unknown as SigningEndpointOptions)).toThrow(
      /"authorize" is required/,
    );
    expect(() => signingEndpoint({ ...base, authorize: () => true, maxExpires: 0 })).toThrow(/"maxExpires"/);
    expect(() => signingEndpoint({ ...base, authorize: () => true, endpoint: 'nope' })).toThrow(/"endpoint"/);
    expect(() =>
      signingEndpoint({ ...base, authorize: () => true, maxExpire: 1 } as SigningEndpointOptions),
    ).toThrow(/Did you mean "maxExpires"/);
  });
});

describe('authorize helpers', () => {
  const d = (over: Partial<Access> = {}): Access => ({
    operation: 'PutObject',
    method: 'PUT',
    role: 'target',
    bucket: 'uploads-bucket',
    key: 'users/42/a.png',
    keyIsPrefix: false,
    maxBytes: 10,
    expires: 600,
    via: 'signing-endpoint',
    ...over,
  });
  const client = { address: '127.0.0.1', loopback: true, token: undefined, req: {} } as unknown as Client;

  it('allow-lists buckets, key prefixes, methods and expiry', async () => {
    const req = client;
    expect(allowBuckets('uploads-bucket')(d(), req)).toBe(true);
    expect(allowBuckets('uploads-bucket')(d({ bucket: 'other' }), req)).toBe(false);
    expect(allowKeyPrefixes('users/42/')(d(), req)).toBe(true);
    expect(allowKeyPrefixes('users/42/')(d({ key: 'users/4/a' }), req)).toBe(false);
    expect(allowKeyPrefixes('users/42/')(d({ key: 'users/42/../1/a' }), req)).toBe(false);
    expect(allowKeyPrefixes('users/42/')(d({ key: undefined }), req)).toBe(false);
    expect(allowMethods('get', 'PUT')(d(), req)).toBe(true);
    expect(allowMethods('GET')(d(), req)).toBe(false);
    expect(maxExpiry(600)(d(), req)).toBe(true);
    expect(maxExpiry(599)(d(), req)).toBe(false);
    expect(maxExpiry(1)(d({ expires: undefined }), req)).toBe(true);
    const all = allOf(allowBuckets('uploads-bucket'), async () => true, allowMethods('PUT'));
    expect(await all(d(), req)).toBe(true);
    expect(await allOf(all, allowMethods('GET'))(d(), req)).toBe(false);
  });

  it('work as the endpoint authorize option', async () => {
    const authorize = allOf(allowBuckets('example-bucket'), allowKeyPrefixes('public/'), allowMethods('GET'));
    await withEndpoint({ authorize }, async (port) => {
      expect((await post(port, { method: 'GET', bucket: 'example-bucket', key: 'public/a' })).status).toBe(
        200,
      );
      expect((await post(port, { method: 'GET', bucket: 'example-bucket', key: 'private/a' })).status).toBe(
        403,
      );
      expect((await post(port, { method: 'PUT', bucket: 'example-bucket', key: 'public/a' })).status).toBe(
        403,
      );
    });
  });
});
