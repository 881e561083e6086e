#!/usr/bin/env node
// Adds a message to schemas/errors.json under a lock, so parallel edits do not overwrite each other.
// Usage: node scripts/add-message.mjs CODE STATUS "message text" "source"
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const [code, status, text, source] = process.argv.slice(2);
if (!code || !status || !text || !source) {
  console.error('usage: node scripts/add-message.mjs CODE STATUS "message text" "source"');
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
  else {
    entry.messages.push({ text, source });
    fs.writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
    console.log(`added ${code}: ${text}`);
  }
} finally {
  fs.rmdirSync(lock);
}
