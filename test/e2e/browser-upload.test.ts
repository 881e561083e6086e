// examples/browser-upload driven in headless Chromium: the page fetches a policy from the example
// backend and posts the file to the backend's /upload, which hands it to the gateway, in front of the
// development stand-in. Two ways the example runs: by default with the gateway in-process, and with
// GATEWAY_URL pointing at a separate gateway (here one from src on an ephemeral port).
// The example runs as users run it, against the built package (npm test builds first).
// Never skipped: `npm test` installs Chromium first (pretest: scripts/install-test-deps.sh); when it is
// still absent, every test here fails with a message saying so.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { type BrowserContext, chromium, type Page } from 'playwright-core';
import { type DevUpstream, startDevUpstream } from '../../src/dev-upstream';
import { createGatewayServer } from '../../src/gateway/server';

const CHROMIUM = '/usr/bin/chromium';
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const root = path.resolve(__dirname, '../..');
const BUCKET = 'e2e-browser-bucket';
const REGION = 'cn-hangzhou';
const CREDENTIALS = { accessKeyId: 'LTAI5tBrowserE2eKey', accessKeySecret: 'browser-e2e-secret-0123456789' };
const MAX_BYTES = 64 * 1024;
const TOO_LARGE = 'Your proposed upload exceeds the maximum allowed size.';
const LIMIT_SHOWN = 'Files up to 64 KiB.';

type Example = { readonly child: ChildProcess; readonly url: string; readonly output: () => string };

async function startExample(env: Record<string, string>): Promise<Example> {
  const clean = { ...process.env };
  for (const name of [
    'OSS_ENDPOINT',
    'OSS_ACCESS_KEY_ID',
    'OSS_ACCESS_KEY_SECRET',
    'OSS_REGION',
    'GATEWAY_URL',
  ])
    delete clean[name];
  const child = spawn(process.execPath, [path.join(root, 'examples/browser-upload/server.mjs')], {
    cwd: root,
    env: {
      ...clean,
      HOST: '127.0.0.1',
      PORT: '0',
      OSS_BUCKET: BUCKET,
      OSS_REGION: REGION,
      OSS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
      OSS_ACCESS_KEY_SECRET: CREDENTIALS.accessKeySecret,
      MAX_UPLOAD_BYTES: String(MAX_BYTES),
      ...env,
    },
  });
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const deadline = Date.now() + 20_000;
  for (;;) {
    const url = /browser-upload example on (http:\/\/\S+)/.exec(output)?.[1];
    if (url) return { child, url, output: () => output };
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGTERM');
      const stale = /does not provide an export named/.test(output)
        ? '\nThe built package lacks an export the example needs: export it from src/index.ts and run `npx tsdown`.'
        : '';
      throw new Error(`examples/browser-upload did not start:\n${output}${stale}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The object as the stand-in stored it (read straight from the stand-in, bypassing the gateway). */
async function stored(standIn: string, key: string): Promise<{ status: number; body: Buffer }> {
  const res = await fetch(`${standIn}/${BUCKET}/${key.split('/').map(encodeURIComponent).join('/')}`);
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

const sha256 = (data: Buffer) => createHash('sha256').update(data).digest('hex');

describe('examples/browser-upload in headless Chromium', () => {
  let profile: string;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) {
      throw new Error(
        `${CHROMIUM} is absent: run scripts/install-test-deps.sh (npm test does it in pretest).`,
      );
    }
    // A fresh profile per run: no state from an earlier run can change what the page does.
    profile = await mkdtemp(path.join(tmpdir(), 'oss-preflight-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
    });
    page = context.pages()[0] ?? (await context.newPage());
  }, 60_000);

  afterAll(async () => {
    await context?.close();
    if (profile) await rm(profile, { recursive: true, force: true });
  });

  type Shown = { state: string; summary: string; code: string; message: string; detail: string };

  async function uploadInPage(example: Example, name: string, bytes: Buffer): Promise<Shown> {
    await page.goto(example.url);
    // The page asks the backend for the policy's limit as it loads, and tells the user.
    await page.locator('#limit', { hasText: 'Files up to' }).waitFor();
    expect(await page.textContent('#limit')).toBe(LIMIT_SHOWN);
    await page.setInputFiles('#file', { name, mimeType: 'application/octet-stream', buffer: bytes });
    if (bytes.length > MAX_BYTES) {
      // Over the limit: the page says so before the upload (and still lets it go, to show the gateway's answer).
      expect(await page.getAttribute('#result', 'data-state')).toBe('warning');
      expect(await page.textContent('#summary')).toMatch(/^This file \(.+\) is over the limit of 64 KiB\.$/);
    }
    await page.click('#upload');
    await page.waitForSelector('#result[data-state="success"], #result[data-state="error"]', {
      timeout: 30_000,
    });
    const text = async (selector: string) => (await page.textContent(selector)) ?? '';
    return {
      state: (await page.getAttribute('#result', 'data-state')) ?? '',
      summary: await text('#summary'),
      code: await text('#code'),
      message: await text('#message'),
      detail: await text('#detail'),
    };
  }

  async function expectStoredIntact(example: Example, standIn: string, name: string, size: number) {
    const bytes = randomBytes(size);
    const shown = await uploadInPage(example, name, bytes);
    expect(shown).toMatchObject({
      state: 'success',
      summary: 'Uploaded (HTTP 201)',
      message: `Stored as uploads/demo/${name}`,
      code: '',
    });
    const object = await stored(standIn, `uploads/demo/${name}`);
    expect(object.status).toBe(200);
    expect(object.body.length).toBe(bytes.length);
    expect(sha256(object.body)).toBe(sha256(bytes));
  }

  async function expectRefusedAsTooLarge(example: Example, standIn: string, name: string, size: number) {
    const shown = await uploadInPage(example, name, randomBytes(size));
    // In words first, then OSS's own code and message, and the status and request id for support.
    expect(shown).toEqual({
      state: 'error',
      summary: 'The file is too large: files up to 64 KiB are accepted.',
      code: 'EntityTooLarge',
      message: TOO_LARGE,
      detail: expect.stringMatching(/^· HTTP 400, request id [0-9A-F]{24}$/),
    });
    expect((await stored(standIn, `uploads/demo/${name}`)).status).toBe(404);
  }

  describe('default: the gateway in-process', () => {
    let example: Example;
    let standIn: string;
    beforeAll(async () => {
      example = await startExample({});
      standIn = /DEVELOPMENT STAND-IN (http:\/\/\S+)/.exec(example.output())?.[1] ?? '';
      expect(standIn).not.toBe('');
    }, 30_000);
    afterAll(() => {
      example?.child.kill('SIGTERM');
    });

    it('a valid file: the stand-in stores exactly its bytes and the page shows success', async () => {
      await expectStoredIntact(example, standIn, 'photo-ok.bin', MAX_BYTES);
    }, 60_000);

    it('one byte over the policy maximum: EntityTooLarge in the page, nothing stored', async () => {
      await expectRefusedAsTooLarge(example, standIn, 'too-big.bin', MAX_BYTES + 1);
    }, 60_000);

    it('far over the maximum (the gateway answers at once and closes): the page still shows the error', async () => {
      // Above the gateway's 1 MiB drain limit the rest of the body is not read; Chromium must still
      // get the OSS answer rather than a connection reset.
      await expectRefusedAsTooLarge(example, standIn, 'much-too-big.bin', 4 * 1024 * 1024);
    }, 60_000);
  });

  describe('GATEWAY_URL: the form streamed to a separate gateway', () => {
    let dev: DevUpstream;
    let gateway: ReturnType<typeof createGatewayServer>;
    let example: Example;
    beforeAll(async () => {
      dev = await startDevUpstream();
      gateway = createGatewayServer({ endpoint: dev.url, region: REGION, credentials: CREDENTIALS });
      await new Promise<void>((resolve) => gateway.server.listen(0, '127.0.0.1', () => resolve()));
      const gatewayPort = (gateway.server.address() as AddressInfo).port;
      example = await startExample({ GATEWAY_URL: `http://127.0.0.1:${gatewayPort}` });
    }, 30_000);
    afterAll(async () => {
      example?.child.kill('SIGTERM');
      if (gateway) {
        gateway.server.closeAllConnections();
        await new Promise<void>((resolve) => gateway.server.close(() => resolve()));
      }
      await dev?.close();
    });

    it('a valid file arrives intact', async () => {
      await expectStoredIntact(example, dev.url, 'proxied-ok.bin', MAX_BYTES - 1);
    }, 60_000);

    it('one byte over the maximum: EntityTooLarge relayed to the page, nothing stored', async () => {
      await expectRefusedAsTooLarge(example, dev.url, 'proxied-too-big.bin', MAX_BYTES + 1);
    }, 60_000);
  });
});
