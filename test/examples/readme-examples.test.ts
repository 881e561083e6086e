// README.md's "From a clone" section tells how to call each example; its shell blocks run here against
// the examples as users start them (the built package, the development stand-in), so the calls, the
// tokens and the JSON shapes it shows stay true. The test starts each example itself on a free port
// (the block's `npm start` / `node examples/...` and `export` lines are skipped) and runs the rest.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';

type Blocks = {
  readmeBlocks(file: string): Map<string, { lang: string; code: string }>;
  block(blocks: Map<string, { lang: string; code: string }>, name: string): string;
  runShellBlock(
    code: string,
    options: {
      cwd: string;
      env: NodeJS.ProcessEnv;
      replace?: Array<[string, string]>;
      skip?: (command: string) => boolean;
    },
  ): { problems: string[]; output: string };
};
const { readmeBlocks, block, runShellBlock } = require('../../scripts/readme-blocks.cjs') as Blocks;

const root = path.resolve(__dirname, '../..');
const blocks = readmeBlocks(path.join(root, 'README.md'));
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'oss-preflight-readme-examples-'));
const children: ChildProcess[] = [];
fs.writeFileSync(path.join(work, '.curlrc'), 'silent\nshow-error\n');

afterAll(() => {
  for (const child of children) child.kill('SIGTERM');
  fs.rmSync(work, { recursive: true, force: true });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

async function startExample(command: string, env: NodeJS.ProcessEnv): Promise<void> {
  const [file = '', ...args] = command.split(' ');
  const child = spawn(process.execPath, [path.join(root, file), ...args], { cwd: root, env });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const deadline = Date.now() + 20_000;
  // The examples print "... on http://..."; the command logs a JSON line "gateway listening".
  while (!/ on http:\/\/|"gateway listening"/.test(output)) {
    if (Date.now() > deadline || child.exitCode !== null)
      throw new Error(`${command} did not start:\n${output}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const cases: Array<[block: string, file: string, port: number, env: Record<string, string>]> = [
  // `npm start` is the command from the build (npm test builds before jest).
  ['example-gateway', 'dist/cli.mjs gateway', 8080, {}],
  [
    'example-upload-proxy',
    'examples/upload-proxy/server.mjs',
    8081,
    { UPLOAD_TOKEN: randomBytes(24).toString('hex') },
  ],
  [
    'example-signing-gateway',
    'examples/signing-gateway/server.mjs',
    8083,
    { SIGN_TOKEN: randomBytes(24).toString('hex') },
  ],
  ['example-browser-upload', 'examples/browser-upload/server.mjs', 8082, {}],
];

describe('README: calling the examples', () => {
  it.each(cases)(
    '%s',
    async (name, file, readmePort, secrets) => {
      const code = block(blocks, name);
      // The block starts the example the README's way; the test starts it on a free port instead.
      const starts = (command: string) =>
        command === 'npm start' || command.startsWith('node examples/') || command.startsWith('export ');
      expect(code.split('\n').some(starts)).toBe(true);
      const clean = { ...process.env };
      for (const variable of [
        'OSS_ENDPOINT',
        'OSS_ACCESS_KEY_ID',
        'OSS_ACCESS_KEY_SECRET',
        'OSS_REGION',
        'GATEWAY_URL',
      ])
        delete clean[variable];
      const port = await freePort();
      const env = { ...clean, ...secrets, HOST: '127.0.0.1', PORT: String(port), CURL_HOME: work };
      await startExample(file, env);
      const dir = fs.mkdtempSync(path.join(work, `${name}-`));
      const { problems } = runShellBlock(code, {
        cwd: dir,
        env,
        replace: [[`127.0.0.1:${readmePort}`, `127.0.0.1:${port}`]],
        skip: starts,
      });
      expect(problems).toEqual([]);
    },
    60_000,
  );
});
