// The package as a user installs it: scripts/consumer-test.mjs packs it, lints the tarball (publint,
// attw), installs it next to Express 4 and 5 from the registry and runs README.md's own code blocks
// (server snippets with their curl lines, the browser code, CommonJS, TypeScript in four resolution
// modes). npm test builds first; without a fresh dist/ the script refuses to run, loudly.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';

const root = path.resolve(__dirname, '../..');

describe('the packed package in fresh projects (README blocks, Express 4 and 5)', () => {
  it('installs, passes publint and attw, and every README block runs as written', () => {
    const run = spawnSync(process.execPath, [path.join(root, 'scripts/consumer-test.mjs')], {
      cwd: root,
      encoding: 'utf8',
      timeout: 280_000,
    });
    const report = `${run.stdout}\n${run.stderr}${run.error ? `\n${run.error.message}` : ''}`;
    if (run.status !== 0) throw new Error(`scripts/consumer-test.mjs exited ${run.status}:\n${report}`);
    expect(run.stdout).toMatch(/all cases passed/);
  }, 300_000);
});
