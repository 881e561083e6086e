#!/usr/bin/env node
// Writes src/core/message-keys.ts, the `MessageKey` type, from schemas/errors.json: every message's
// `Code.key`, so a key that is not in the catalogue fails to compile. add-message.mjs runs it;
// test/core/message-keys.test.ts fails when the file is stale.
// Usage: node scripts/message-keys.mjs [--check]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const target = path.join(root, 'src', 'core', 'message-keys.ts');

export function renderMessageKeys(catalogue) {
  const keys = [];
  for (const [code, entry] of Object.entries(catalogue.codes)) {
    for (const message of entry.messages) keys.push(`${code}.${message.key}`);
  }
  return [
    '// Generated from schemas/errors.json by scripts/message-keys.mjs: do not edit by hand.',
    '',
    '/** `Code.key` of every message in the catalogue (schemas/errors.json). */',
    'export type MessageKey =',
    ...keys.map((key, i) => `  | '${key}'${i === keys.length - 1 ? ';' : ''}`),
    '',
  ].join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const catalogue = JSON.parse(fs.readFileSync(path.join(root, 'schemas', 'errors.json'), 'utf8'));
  const text = renderMessageKeys(catalogue);
  if (process.argv.includes('--check')) {
    const current = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : '';
    if (current !== text) {
      console.error('src/core/message-keys.ts is stale: run node scripts/message-keys.mjs');
      process.exit(1);
    }
  } else {
    fs.writeFileSync(target, text);
    console.log(`wrote ${path.relative(root, target)}`);
  }
}
