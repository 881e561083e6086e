// The `oss-preflight` command as an operator runs it: the built dist/cli.mjs in its own process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { SETTINGS } from '../../src/cli/settings';
import { CLI, cleanEnv, killAll, ROOT, startCli } from '../helpers/cli-process';
import { send, TEST_CREDENTIALS, xmlTag } from '../helpers/gateway-harness';
import { startRecordingUpstream } from '../helpers/recording-upstream';

afterAll(killAll);

function run(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, [CLI, ...args], {
    cwd: ROOT,
    env: cleanEnv(env),
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'oss-preflight-cli-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('oss-preflight --version and --help', () => {
  it('prints the package version', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(run(['--version'])).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
  });

  it('lists every setting with its flag, variable and default', () => {
    const help = run(['gateway', '--help']);
    expect(help.code).toBe(0);
    for (const spec of SETTINGS) {
      expect(help.stdout).toContain(spec.env);
      if (spec.flag) expect(help.stdout).toContain(`--${spec.flag}`);
      expect(help.stdout).toContain(`[default: ${spec.defaultText}]`);
    }
    // A secret is never a flag: flags show in `ps`.
    expect(help.stdout).not.toMatch(/--access-key-secret(?!-file)/);
  });

  it('refuses an unknown command', () => {
    const result = run(['gatway']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/unknown command "gatway"/);
  });
});

describe('invalid settings stop start-up with a message naming the setting', () => {
  const policyFile = path.join(tmp, 'bad-policy.json');
  fs.writeFileSync(policyFile, '{ "clients": [ { "name": "x", "token": "short" } ] }');
  const notJson = path.join(tmp, 'not-json.json');
  fs.writeFileSync(notJson, '{ clients: ');
  const cases: Array<[string, string[], Record<string, string>, RegExp]> = [
    ['port (flag)', ['--port', 'abc'], {}, /--port \(PORT\): must be an integer from 0 to 65535, got "abc"/],
    ['port (env)', [], { PORT: '70000' }, /--port \(PORT\): must be an integer/],
    ['unknown flag', ['--bogus'], {}, /Unknown option '--bogus'/],
    ['log level', ['--log-level', 'loud'], {}, /--log-level \(GATEWAY_LOG_LEVEL\): must be one of fatal/],
    ['workers', [], { GATEWAY_WORKERS: '-1' }, /--workers \(GATEWAY_WORKERS\): must be an integer/],
    [
      'signature version',
      ['--signature-version', 'v2'],
      {},
      /--signature-version \(GATEWAY_SIGNATURE_VERSION\)/,
    ],
    ['unknown keys', [], { GATEWAY_UNKNOWN_KEYS: 'pass' }, /--unknown-keys \(GATEWAY_UNKNOWN_KEYS\)/],
    [
      'disabled rule',
      ['--disable', 'names,no-such-rule'],
      {},
      /--disable \(GATEWAY_DISABLE_RULES\): "no-such-rule"/,
    ],
    ['a limit', ['--headers-timeout-ms', '0'], {}, /--headers-timeout-ms \(GATEWAY_HEADERS_TIMEOUT_MS\)/],
    [
      'upload cap',
      ['--max-upload-bytes', '6000000000'],
      {},
      /--max-upload-bytes \(GATEWAY_MAX_UPLOAD_BYTES\): cannot exceed/,
    ],
    [
      'upstream timeout',
      [],
      { GATEWAY_UPSTREAM_RESPONSE_TIMEOUT_MS: '1.5' },
      /--upstream-response-timeout-ms \(GATEWAY_UPSTREAM_RESPONSE_TIMEOUT_MS\)/,
    ],
    [
      'endpoint',
      ['--endpoint', 'ftp://x'],
      {},
      /--endpoint \(OSS_ENDPOINT\): must be an http: or https: URL/,
    ],
    ['key without secret', [], { OSS_ACCESS_KEY_ID: 'LTAI5tSomething' }, /OSS_ACCESS_KEY_SECRET/],
    [
      'secret file',
      ['--access-key-secret-file', '/nonexistent/secret'],
      { OSS_ACCESS_KEY_ID: 'LTAI5tX' },
      /--access-key-secret-file \(OSS_ACCESS_KEY_SECRET_FILE\): cannot read/,
    ],
    ['TLS half', ['--tls-key', policyFile], {}, /--tls-cert \(GATEWAY_TLS_CERT\): HTTPS needs both/],
    [
      'TLS not PEM',
      ['--tls-key', policyFile, '--tls-cert', policyFile],
      {},
      /--tls-key \(GATEWAY_TLS_KEY\): the key and certificate/,
    ],
    ['policy not JSON', ['--policy', notJson], {}, /--policy \(GATEWAY_POLICY\): .* is not JSON/],
    ['policy invalid', [], { GATEWAY_POLICY: policyFile }, /--policy \(GATEWAY_POLICY\): .*bad-policy\.json/],
    [
      'allow-anonymous value',
      [],
      { GATEWAY_ALLOW_ANONYMOUS: 'maybe' },
      /--allow-anonymous \(GATEWAY_ALLOW_ANONYMOUS\)/,
    ],
    ['open relay', ['--host', '0.0.0.0'], {}, /refusing to listen on 0\.0\.0\.0/],
  ];
  it.each(cases)('%s', (_name, args, env, message) => {
    const result = run(['gateway', ...args], env);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).toBe('');
  });
});

describe('the gateway command: own endpoints, logs and metrics', () => {
  it('answers /-/ endpoints itself, logs one JSON line per request with no secret, counts in metrics', async () => {
    const upstream = await startRecordingUpstream(TEST_CREDENTIALS);
    const token = 'bearer-token-for-the-log-test-0123456789';
    const policy = path.join(tmp, 'policy.json');
    fs.writeFileSync(
      policy,
      JSON.stringify({
        clients: [{ name: 'app', token, buckets: ['example-bucket'], operations: ['read', 'write'] }],
      }),
    );
    const gateway = await startCli(['gateway', '--workers', '0', '--policy', policy], {
      OSS_ENDPOINT: upstream.url,
      OSS_ACCESS_KEY_ID: TEST_CREDENTIALS.accessKeyId,
      OSS_ACCESS_KEY_SECRET: TEST_CREDENTIALS.accessKeySecret,
      OSS_REGION: 'cn-hangzhou',
    });
    try {
      const { port } = gateway;
      const health = await send(port, 'GET', '/-/healthz');
      expect([health.status, health.body]).toEqual([200, 'ok\n']);
      expect((await send(port, 'GET', '/-/readyz')).status).toBe(200);
      expect((await send(port, 'HEAD', '/-/healthz')).status).toBe(200);
      const post = await send(port, 'POST', '/-/healthz');
      expect([post.status, xmlTag(post.body, 'Code')]).toEqual([405, 'MethodNotAllowed']);
      // Any other path under /-/ names the bucket "-", which no bucket can be: refused (here already by
      // the policy, which knows no bucket "-"), never forwarded.
      const other = await send(port, 'GET', '/-/other');
      expect([other.status, xmlTag(other.body, 'Code')]).toEqual([403, 'AccessDenied']);

      const bearer = { authorization: `Bearer ${token}` };
      const put = await send(port, 'PUT', '/example-bucket/a.txt', bearer, 'hello');
      expect(put.status).toBe(200);
      const signedByClient = await send(port, 'GET', '/example-bucket/a.txt', {
        authorization: `OSS4-HMAC-SHA256 Credential=${TEST_CREDENTIALS.accessKeyId}/20250101/cn-hangzhou/oss/aliyun_v4_request,Signature=${'ab'.repeat(32)}`,
        'x-oss-date': '20250101T000000Z',
        'x-oss-security-token': 'security-token-value-that-must-not-be-logged',
      });
      expect(signedByClient.status).toBeGreaterThanOrEqual(400);
      const presigned = await send(
        port,
        'GET',
        `/example-bucket/a.txt?OSSAccessKeyId=${TEST_CREDENTIALS.accessKeyId}&Expires=1&Signature=presignedSignatureValue123%3D`,
      );
      expect(presigned.status).toBeGreaterThanOrEqual(400);
      const rejected = await send(port, 'PUT', '/example-bucket/%5Cbad', bearer, 'x');
      expect(xmlTag(rejected.body, 'Code')).toBe('InvalidObjectName');

      // Nothing under /-/ reached the upstream: only the one accepted PUT did.
      expect(upstream.requests.map((r) => `${r.method} ${r.bucket}/${r.key}`)).toEqual([
        'PUT example-bucket/a.txt',
      ]);

      const metrics = await send(port, 'GET', '/-/metrics');
      expect(metrics.status).toBe(200);
      expect(metrics.headers['content-type']).toMatch(/^text\/plain/);
      expect(metrics.body).toContain(
        'oss_preflight_requests_total{operation="PutObject",outcome="forwarded",code=""} 1',
      );
      expect(metrics.body).toContain(
        'oss_preflight_requests_total{operation="PutObject",outcome="rejected",code="InvalidObjectName"} 1',
      );
      expect(metrics.body).toMatch(
        /oss_preflight_request_duration_seconds_bucket\{le="0.005",operation="PutObject"/,
      );
      expect(metrics.body).toMatch(/oss_preflight_received_bytes_total\{operation="PutObject"\} \d+/);
      expect(metrics.body).toContain('oss_preflight_requests_in_flight 0');
      expect(metrics.body).toContain('process_cpu_seconds_total');

      await gateway.waitFor((l) => l.msg === 'request' && l.code === 'InvalidObjectName');
      const requests = gateway.lines().filter((l) => l.msg === 'request');
      expect(requests).toHaveLength(5);
      const forwarded = requests.find((l) => l.method === 'PUT' && l.key === 'a.txt')!;
      expect(forwarded).toMatchObject({
        requestId: put.headers['x-oss-request-id'],
        bucket: 'example-bucket',
        key: 'a.txt',
        operation: 'PutObject',
        outcome: 'forwarded',
        status: 200,
      });
      expect(forwarded.bytesIn).toBeGreaterThan(5);
      expect(forwarded.bytesOut).toBeGreaterThan(0);
      expect(typeof forwarded.durationMs).toBe('number');
      const refused = requests.find((l) => l.code === 'InvalidObjectName')!;
      expect(refused).toMatchObject({
        requestId: rejected.headers['x-oss-request-id'],
        outcome: 'rejected',
        key: '\\bad',
        status: 400,
      });
      // The /-/ endpoints are not request lines (they are at debug level).
      expect(requests.some((l) => String(l.bucket) === '-' && l.key === 'healthz')).toBe(false);

      const everything = gateway.output();
      for (const secret of [
        TEST_CREDENTIALS.accessKeySecret,
        token,
        'ab'.repeat(32),
        'security-token-value-that-must-not-be-logged',
        'presignedSignatureValue123',
        'OSS4-HMAC-SHA256',
        'Bearer',
      ]) {
        expect(everything).not.toContain(secret);
      }
      // The signature the gateway added upstream never appears either.
      const upstreamSignature = /Signature=([0-9a-f]{64})/.exec(
        String(upstream.requests[0]?.headers.authorization),
      )?.[1];
      expect(upstreamSignature).toBeDefined();
      expect(everything).not.toContain(upstreamSignature!);
    } finally {
      gateway.kill();
      await upstream.close();
    }
  });
});
