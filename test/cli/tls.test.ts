// HTTPS with a throw-away certificate made by the openssl command, and real HTTPS requests.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { killAll, startCli } from '../helpers/cli-process';
import { xmlTag } from '../helpers/gateway-harness';

afterAll(killAll);

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oss-preflight-tls-'));
const keyFile = path.join(dir, 'key.pem');
const certFile = path.join(dir, 'cert.pem');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

beforeAll(() => {
  // No openssl: the test fails here, loudly (it never skips).
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      keyFile,
      '-out',
      certFile,
      '-days',
      '1',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1,DNS:localhost',
    ],
    { stdio: 'pipe' },
  );
});

type Answer = { status: number; body: string; headers: Record<string, unknown> };

function httpsRequest(
  port: number,
  method: string,
  p: string,
  body?: string,
  host?: string,
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = https.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: p,
        ca: fs.readFileSync(certFile),
        // The certificate names localhost; a virtual-hosted Host is checked against that name.
        servername: 'localhost',
        agent: false,
        headers: host ? { host } : {},
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString(),
            headers: res.headers,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe('HTTPS (--tls-key, --tls-cert)', () => {
  it('serves the gateway and its endpoints over TLS, verified against the certificate, with 2 workers', async () => {
    const gateway = await startCli([
      'gateway',
      '--workers',
      '2',
      '--tls-key',
      keyFile,
      '--tls-cert',
      certFile,
    ]);
    try {
      expect(gateway.lines().find((l) => l.msg === 'gateway listening')?.url).toBe(
        `https://127.0.0.1:${gateway.port}`,
      );
      const health = await httpsRequest(gateway.port, 'GET', '/-/healthz');
      expect([health.status, health.body]).toEqual([200, 'ok\n']);
      // The development stand-in behind it: store, read back, refuse a bad name.
      expect((await httpsRequest(gateway.port, 'PUT', '/example-bucket/tls.txt', 'over tls')).status).toBe(
        200,
      );
      const got = await httpsRequest(gateway.port, 'GET', '/example-bucket/tls.txt');
      expect([got.status, got.body]).toEqual([200, 'over tls']);
      const vhost = await httpsRequest(
        gateway.port,
        'GET',
        '/tls.txt',
        undefined,
        `example-bucket.localhost:${gateway.port}`,
      );
      expect(vhost.body).toBe('over tls');
      const bad = await httpsRequest(gateway.port, 'PUT', '/Bad_Bucket/x', 'x');
      expect([bad.status, xmlTag(bad.body, 'Code')]).toEqual([400, 'InvalidBucketName']);
      // Plain HTTP on the TLS port gets no HTTP answer.
      const plain = await new Promise<string>((resolve) => {
        let data = '';
        const socket = net.connect(gateway.port, '127.0.0.1', () =>
          socket.write(`GET /-/healthz HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n`),
        );
        socket.on('data', (c: Buffer) => {
          data += c.toString('latin1');
        });
        socket.on('close', () => resolve(data));
        socket.on('error', () => resolve(data));
        socket.setTimeout(3000, () => socket.destroy());
      });
      expect(plain).not.toMatch(/^HTTP\/1\.1 200/);
      // A client that does not trust the certificate is refused by its own TLS check.
      await expect(
        new Promise((resolve, reject) => {
          https
            .get({ host: '127.0.0.1', port: gateway.port, path: '/-/healthz', agent: false }, resolve)
            .on('error', reject);
        }),
      ).rejects.toThrow(/self-signed|self signed/);
    } finally {
      gateway.kill();
    }
  });
});
