// The examples run as users run them: `node examples/...` against the built package (npm test builds first).
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { send, xmlTag } from '../helpers/gateway-harness';

const root = path.resolve(__dirname, '../..');
const children: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function startExample(file: string, env: Record<string, string>): Promise<{ output: () => string }> {
  const clean = { ...process.env };
  for (const name of ['OSS_ENDPOINT', 'OSS_ACCESS_KEY_ID', 'OSS_ACCESS_KEY_SECRET', 'OSS_REGION'])
    delete clean[name];
  const child = spawn(process.execPath, [path.join(root, file)], { cwd: root, env: { ...clean, ...env } });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const deadline = Date.now() + 20_000;
  while (!/ on http:\/\//.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`example did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return { output: () => output };
}

afterAll(() => {
  for (const child of children) child.kill('SIGTERM');
});

describe('examples/gateway (the library API)', () => {
  it('starts offline with the stand-in, stores and returns an object, and rejects bad requests', async () => {
    const port = await freePort();
    const started = await startExample('examples/gateway/server.mjs', {
      PORT: String(port),
      HOST: '127.0.0.1',
    });
    expect(started.output()).toMatch(/DEVELOPMENT STAND-IN/);
    const put = await send(
      port,
      'PUT',
      '/example-bucket/hello.txt',
      { 'content-type': 'text/plain' },
      'hello world',
    );
    expect(put.status).toBe(200);
    const get = await send(port, 'GET', '/example-bucket/hello.txt');
    expect(get.status).toBe(200);
    expect(get.body).toBe('hello world');
    const vhost = await send(port, 'GET', '/hello.txt', { host: `example-bucket.localhost:${port}` });
    expect(vhost.body).toBe('hello world');
    const bad = await send(port, 'PUT', '/example-bucket/%5Cbad', {}, 'x');
    expect(bad.status).toBe(400);
    expect(xmlTag(bad.body, 'Code')).toBe('InvalidObjectName');
    const missing = await send(port, 'GET', '/example-bucket/missing.txt');
    expect(missing.status).toBe(404);
    expect(xmlTag(missing.body, 'Code')).toBe('NoSuchKey');
  });
});

async function exitsWith(
  file: string,
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [path.join(root, file)], {
    cwd: root,
    env: { ...process.env, ...env },
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, output };
}

describe('examples/gateway: no open relay', () => {
  it('refuses to listen off loopback without a policy, and says why', async () => {
    const port = await freePort();
    const result = await exitsWith('examples/gateway/server.mjs', { PORT: String(port), HOST: '0.0.0.0' });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/refusing to listen on 0\.0\.0\.0/);
    expect(result.output).toMatch(/GATEWAY_POLICY/);
  });
});

describe('examples need their secrets: no built-in token', () => {
  it.each(['examples/upload-proxy/server.mjs', 'examples/signing-gateway/server.mjs'])('%s', async (file) => {
    const result = await exitsWith(file, {
      PORT: String(await freePort()),
      UPLOAD_TOKEN: '',
      SIGN_TOKEN: '',
    });
    expect(result.code).toBe(1);
    expect(result.output).toMatch(/at least 16 characters/);
  });
});

describe('examples/upload-proxy', () => {
  it('checks the application token, OSS rules and its own rule', async () => {
    const port = await freePort();
    const token = 'upload-token-for-the-test-0123';
    await startExample('examples/upload-proxy/server.mjs', { PORT: String(port), UPLOAD_TOKEN: token });
    const auth = { authorization: `Bearer ${token}` };
    expect(
      (await send(port, 'PUT', '/example-bucket/uploads/a.txt', { authorization: `Bearer ${token}x` }, 'a'))
        .status,
    ).toBe(401);
    // The gateway reads on the caller's behalf only what the application allows: no copy from elsewhere.
    const copy = await send(port, 'PUT', '/example-bucket/uploads/copy.txt', {
      ...auth,
      'x-oss-copy-source': '/example-bucket/private/secret.txt',
    });
    expect([copy.status, xmlTag(copy.body, 'Code')]).toEqual([403, 'AccessDenied']);
    expect((await send(port, 'PUT', '/example-bucket/uploads/a.txt', auth, 'a')).status).toBe(200);
    expect((await send(port, 'PUT', '/example-bucket/uploads/a.txt', {}, 'a')).status).toBe(401);
    const outside = await send(port, 'PUT', '/example-bucket/elsewhere/a.txt', auth, 'a');
    expect(xmlTag(outside.body, 'ArgumentName')).toBe('key');
    const badBucket = await send(port, 'PUT', '/Bad/uploads/a.txt', auth, 'a');
    expect(xmlTag(badBucket.body, 'Code')).toBe('InvalidBucketName');
  });
});

describe('examples/signing-gateway', () => {
  it('signs only what the policy allows, and the signed URL works through the gateway', async () => {
    const port = await freePort();
    const token = 'sign-token-for-the-test-0123';
    await startExample('examples/signing-gateway/server.mjs', { PORT: String(port), SIGN_TOKEN: token });
    const bearer = { authorization: `Bearer ${token}` };
    const ask = (description: object, presented = token) =>
      send(
        port,
        'POST',
        '/sign',
        { 'content-type': 'application/json', authorization: `Bearer ${presented}` },
        JSON.stringify(description),
      );
    // The same policy guards the gateway's own door: no token, no signature, not even from loopback.
    const anonymous = await send(port, 'PUT', '/example-bucket/user-uploads/a.txt', {}, 'x');
    expect([anonymous.status, xmlTag(anonymous.body, 'Code')]).toEqual([403, 'AccessDenied']);
    const put = await send(port, 'PUT', '/example-bucket/user-uploads/a.txt', bearer, 'signed hello');
    expect(put.status).toBe(200);
    for (const [name, value] of [
      ['x-oss-copy-source', '/example-bucket/private/secret.txt'],
      ['x-oss-copy-source', '/other-bucket/user-uploads/a.txt'],
    ] as const) {
      const copy = await send(port, 'PUT', '/example-bucket/user-uploads/copy.txt', {
        ...bearer,
        [name]: value,
      });
      expect([copy.status, xmlTag(copy.body, 'Code')]).toEqual([403, 'AccessDenied']);
    }
    const link = await send(port, 'PUT', '/example-bucket/user-uploads/link?symlink', {
      ...bearer,
      'x-oss-symlink-target': 'private/secret.txt',
    });
    expect(xmlTag(link.body, 'Code')).toBe('AccessDenied');
    // A URL without "expires" gets the endpoint's default, which the policy allows.
    expect((await ask({ method: 'GET', bucket: 'example-bucket', key: 'user-uploads/a.txt' })).status).toBe(
      200,
    );
    const signed = await ask({
      method: 'GET',
      bucket: 'example-bucket',
      key: 'user-uploads/a.txt',
      expires: 300,
      type: 'url',
    });
    expect(signed.status).toBe(200);
    const url = new URL(JSON.parse(signed.body).url);
    expect(url.searchParams.get('x-oss-signature')).toMatch(/^[0-9a-f]{64}$/);
    const fetched = await send(port, 'GET', `${url.pathname}${url.search}`);
    expect(fetched.status).toBe(200);
    expect(fetched.body).toBe('signed hello');
    const outside = await ask({
      method: 'GET',
      bucket: 'example-bucket',
      key: 'private/a.txt',
      expires: 300,
      type: 'url',
    });
    expect(outside.status).toBe(403);
    expect(xmlTag(outside.body, 'Code')).toBe('AccessDenied');
    const badName = await ask({
      method: 'GET',
      bucket: 'Example',
      key: 'user-uploads/a',
      expires: 300,
      type: 'url',
    });
    expect(xmlTag(badName.body, 'Code')).toBe('InvalidBucketName');
    expect(
      (await ask({ method: 'GET', bucket: 'example-bucket', key: 'user-uploads/a', type: 'url' }, 'wrong'))
        .status,
    ).toBe(403);
  });
});
