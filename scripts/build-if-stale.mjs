#!/usr/bin/env node
// `npm start` builds only when dist/ is missing or older than what it is built from, and quietly.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outputs = ['dist/cli.mjs', 'dist/index.mjs', 'dist/index.cjs'].map((f) => path.join(root, f));
const inputs = ['src', 'schemas', 'tsdown.config.ts', 'package.json'].map((f) => path.join(root, f));

function newest(file) {
  const stat = fs.statSync(file);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of fs.readdirSync(file)) latest = Math.max(latest, newest(path.join(file, entry)));
  return latest;
}

const built = outputs.every((f) => fs.existsSync(f))
  ? Math.min(...outputs.map((f) => fs.statSync(f).mtimeMs))
  : 0;
const source = Math.max(...inputs.filter((f) => fs.existsSync(f)).map(newest));
if (built < source) {
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules/tsdown/dist/run.mjs'), '--silent'], {
      cwd: root,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
  } catch (error) {
    process.stderr.write(`npm start: the build failed:\n${error.stderr ?? error.message}\n`);
    process.exit(1);
  }
}
