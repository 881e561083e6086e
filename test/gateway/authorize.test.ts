import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type Access, accessPolicy } from '../../src/authorize';
import { createGatewayServer } from '../../src/gateway/server';
import { signV4 } from '../../src/signing/sign-v4';
import {
  type RunningGateway,
  send,
  startGateway,
  TEST_CREDENTIALS,
  xmlTag,
} from '../helpers/gateway-harness';

const TOKEN = 'tenant-a-token-0123456789';
const policy = accessPolicy({
  clients: [
    {
      name: 'tenant-a',
      token: TOKEN,
      buckets: ['example-bucket'],
      prefixes: ['user-uploads/'],
      operations: ['read', 'write', 'list'],
      maxBytes: 1024,
    },
  ],
});
const bearer = { authorization: `Bearer ${TOKEN}` };

let gw: RunningGateway;
beforeAll(async () => {
  gw = await startGateway({ authorize: policy });
});
afterAll(async () => {
  await gw.close();
});

async function denied(res: Promise<{ status: number; body: string }>) {
  const before = gw.upstream.requests.length;
  const answer = await res;
  expect([answer.status, xmlTag(answer.body, 'Code')]).toEqual([403, 'AccessDenied']);
  expect(gw.upstream.requests.length).toBe(before);
}

describe('authorization before signing: the built-in policy', () => {
  it('signs what the token allows, and never forwards the token', async () => {
    const before = gw.upstream.requests.length;
    const res = await send(gw.port, 'PUT', '/example-bucket/user-uploads/a.txt', bearer, 'hello');
    expect(res.status).toBe(200);
    const fwd = gw.upstream.requests[before]!;
    expect(fwd.signatureProblem).toBeNull();
    expect(String(fwd.headers.authorization)).toMatch(/^OSS4-HMAC-SHA256 Credential=LTAI5tTestGatewayKey\//);
    expect(JSON.stringify(fwd.headers)).not.toContain(TOKEN);
  });

  it('refuses a client without a token, even on loopback, and a wrong token', async () => {
    await denied(send(gw.port, 'GET', '/example-bucket/user-uploads/a.txt'));
    await denied(
      send(gw.port, 'GET', '/example-bucket/user-uploads/a.txt', { authorization: `Bearer ${TOKEN}0` }),
    );
  });

  it('refuses another bucket, another prefix, and operations outside the list (DELETE, an ACL change)', async () => {
    await denied(send(gw.port, 'GET', '/other-bucket/user-uploads/a.txt', bearer));
    await denied(send(gw.port, 'GET', '/example-bucket/private/a.txt', bearer));
    await denied(send(gw.port, 'DELETE', '/example-bucket/user-uploads/a.txt', bearer));
    await denied(
      send(gw.port, 'PUT', '/example-bucket/user-uploads/a.txt?acl', {
        ...bearer,
        'x-oss-object-acl': 'public-read',
      }),
    );
  });

  it('authorizes every object a request touches: copy sources, part-copy sources, symlink and saveas targets', async () => {
    const put = (path: string, headers: Record<string, string>) =>
      send(gw.port, 'PUT', path, { ...bearer, ...headers });
    const ok = await put('/example-bucket/user-uploads/copy.txt', {
      'x-oss-copy-source': '/example-bucket/user-uploads/a.txt',
    });
    expect(ok.status).toBe(200);
    await denied(
      put('/example-bucket/user-uploads/copy.txt', {
        'x-oss-copy-source': '/other-bucket/user-uploads/a.txt',
      }),
    );
    await denied(
      put('/example-bucket/user-uploads/copy.txt', { 'x-oss-copy-source': '/example-bucket/private/a.txt' }),
    );
    await denied(
      put('/example-bucket/user-uploads/big.bin?partNumber=1&uploadId=0004B9894A22E5B1888A1E29F823', {
        'x-oss-copy-source': '/example-bucket/private/a.txt',
      }),
    );
    await denied(
      put('/example-bucket/user-uploads/link?symlink', { 'x-oss-symlink-target': 'private/a.txt' }),
    );
    const saveAs = `image/resize,w_10|sys/saveas,o_${Buffer.from('private/out.jpg').toString('base64url')}`;
    await denied(
      send(
        gw.port,
        'GET',
        `/example-bucket/user-uploads/a.jpg?x-oss-process=${encodeURIComponent(saveAs)}`,
        bearer,
      ),
    );
  });

  it('lists only under an allowed prefix', async () => {
    expect((await send(gw.port, 'GET', '/example-bucket/?prefix=user-uploads%2F', bearer)).status).toBe(200);
    await denied(send(gw.port, 'GET', '/example-bucket/', bearer));
    await denied(send(gw.port, 'GET', '/example-bucket/?prefix=private%2F', bearer));
  });

  it('enforces the size limit on the declared length, and refuses uploads of unknown size', async () => {
    await denied(send(gw.port, 'PUT', '/example-bucket/user-uploads/big.bin', bearer, Buffer.alloc(1025)));
    await denied(
      send(
        gw.port,
        'PUT',
        '/example-bucket/user-uploads/big.bin',
        { ...bearer, 'transfer-encoding': 'chunked' },
        'x',
      ),
    );
  });

  it('fails closed when the hook throws', async () => {
    const broken = await startGateway({
      authorize: () => {
        throw new Error('policy store down');
      },
    });
    try {
      const res = await send(broken.port, 'GET', '/example-bucket/a.txt');
      expect([res.status, xmlTag(res.body, 'Code')]).toEqual([403, 'AccessDenied']);
      expect(broken.upstream.requests.length).toBe(0);
    } finally {
      await broken.close();
    }
  });

  it('asks with the request it would sign: one access per object, with the declared size', async () => {
    const seen: Access[] = [];
    const recording = await startGateway({
      authorize: (access) => {
        seen.push(access);
        return true;
      },
    });
    try {
      await send(recording.port, 'PUT', '/example-bucket/dst.txt', {
        'x-oss-copy-source': '/src-bucket/dir/a.txt',
      });
      expect(seen.map((a) => [a.role, a.operation, a.bucket, a.key, a.maxBytes, a.via])).toEqual([
        ['target', 'CopyObject', 'example-bucket', 'dst.txt', 0, 'gateway'],
        ['copy-source', 'GetObject', 'src-bucket', 'dir/a.txt', undefined, 'gateway'],
      ]);
    } finally {
      await recording.close();
    }
  });
});

describe('authorization before signing: the default', () => {
  const external = Object.values(os.networkInterfaces())
    .flat()
    .find((address) => address !== undefined && address.family === 'IPv4' && !address.internal);

  it('signs for loopback clients only', async () => {
    // A real connection from a non-loopback address of this machine; without one the test cannot run.
    if (external === undefined) throw new Error('this test needs a non-loopback IPv4 interface');
    const { server } = createGatewayServer({ endpoint: gw.upstream.url, credentials: TEST_CREDENTIALS });
    await new Promise<void>((resolve) => server.listen(0, '0.0.0.0', () => resolve()));
    const port = (server.address() as AddressInfo).port;
    try {
      const before = gw.upstream.requests.length;
      const local = await send(port, 'GET', '/example-bucket/a.txt');
      expect(local.status).toBe(200);
      const remote = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        const req = http.request({ host: external.address, port, path: '/example-bucket/a.txt' }, (res) => {
          let body = '';
          res.on('data', (c) => {
            body += c;
          });
          res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        });
        req.on('error', reject);
        req.end();
      });
      expect([remote.status, xmlTag(remote.body, 'Code')]).toEqual([403, 'AccessDenied']);
      expect(gw.upstream.requests.length).toBe(before + 1);
    } finally {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('unknown keys', () => {
  const other = { accessKeyId: 'LTAI5tSomeoneElseKey01', accessKeySecret: 'anotherSecret0123456789' };
  const signedByOther = () =>
    signV4(
      {
        method: 'GET',
        bucket: 'example-bucket',
        key: 'a.txt',
        query: [],
        headers: {
          'x-oss-date': new Date()
            .toISOString()
            .replace(/[-:]/g, '')
            .replace(/\.\d{3}/, ''),
        },
      },
      other,
      { region: 'cn-hangzhou' },
    );

  it('are refused with InvalidAccessKeyId by default', async () => {
    const before = gw.upstream.requests.length;
    const res = await send(gw.port, 'GET', '/example-bucket/a.txt', signedByOther());
    expect([res.status, xmlTag(res.body, 'Code')]).toEqual([403, 'InvalidAccessKeyId']);
    expect(gw.upstream.requests.length).toBe(before);
  });

  it('are refused by a gateway that holds no key at all, unless forwarding is enabled', async () => {
    const keyless = await startGateway({ credentials: undefined });
    const forwarding = await startGateway({ credentials: undefined, unknownKeys: 'forward' });
    try {
      expect(
        xmlTag((await send(keyless.port, 'GET', '/example-bucket/a.txt', signedByOther())).body, 'Code'),
      ).toBe('InvalidAccessKeyId');
      expect((await send(forwarding.port, 'GET', '/example-bucket/a.txt', signedByOther())).status).toBe(200);
      expect(forwarding.upstream.requests).toHaveLength(1);
    } finally {
      await keyless.close();
      await forwarding.close();
    }
  });
});
