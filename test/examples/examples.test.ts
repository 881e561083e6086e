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

describe('examples/gateway (npm start)', () => {
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

describe('examples/upload-proxy', () => {
  it('checks the application token, OSS rules and its own rule', async () => {
    const port = await freePort();
    await startExample('examples/upload-proxy/server.mjs', { PORT: String(port) });
    const auth = { authorization: 'Bearer demo-token' };
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
    await startExample('examples/signing-gateway/server.mjs', { PORT: String(port) });
    const ask = (description: object, token = 'demo-token') =>
      send(
        port,
        'POST',
        '/sign',
        { 'content-type': 'application/json', 'x-sign-token': token },
        JSON.stringify(description),
      );
    const put = await send(port, 'PUT', '/example-bucket/user-uploads/a.txt', {}, 'signed hello');
    expect(put.status).toBe(200);
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
