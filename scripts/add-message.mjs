#!/usr/bin/env node
// Adds a message to schemas/errors.json under a lock, so parallel edits do not overwrite each other.
// The key names the message in code (`ossError('Code.key')`): camelCase, unique within the code.
// Usage: node scripts/add-message.mjs CODE STATUS key "message text" "source"
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { renderMessageKeys } from './message-keys.mjs';

const [code, status, key, text, source] = process.argv.slice(2);
if (!code || !status || !key || !text || !source) {
  console.error('usage: node scripts/add-message.mjs CODE STATUS key "message text" "source"');
  process.exit(2);
}
if (!/^[a-z][A-Za-z0-9]*$/.test(key)) {
  console.error(`key "${key}" must be camelCase (letters and digits, a lower-case first letter)`);
  process.exit(2);
}
const file = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'schemas', 'errors.json');
const lock = `${file}.lock`;
for (let i = 0; ; i++) {
  try {
    fs.mkdirSync(lock);
    break;
  } catch {
    if (i > 200) throw new Error(`could not take ${lock}`);
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 50);
  }
}
try {
  const doc = JSON.parse(fs.readFileSync(file, 'utf8'));
  doc.codes[code] ??= { status: Number(status), messages: [] };
  const entry = doc.codes[code];
  if (entry.status !== Number(status)) throw new Error(`${code} has status ${entry.status}, not ${status}`);
  if (entry.messages.some((m) => m.text === text)) console.log('already there');
  else if (entry.messages.some((m) => m.key === key)) throw new Error(`${code}.${key} names another message`);
  else {
    entry.messages.push({ key, text, source });
    fs.writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
    const keysFile = path.join(path.dirname(file), '..', 'src', 'core', 'message-keys.ts');
    fs.writeFileSync(keysFile, renderMessageKeys(doc));
    console.log(`added ${code}.${key}: ${text}`);
  }
} finally {
  fs.rmdirSync(lock);
}
