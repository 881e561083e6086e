import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';

// Tests name catalogue messages by key (test/helpers/catalogue.ts reads schemas/errors.json), so a
// message is written once. A ratchet: 18 literal copies are left in test/, each on purpose, and a file
// may not gain more than it has below. Lower a number when you remove one; never raise one.
const ROOT = path.resolve(__dirname, '../..');
const ALLOWED: Record<string, number> = {
  // A copy of the shared public conformance suite's cases, kept byte for byte as that suite has them.
  'test/post/fixtures/post-policy-cases.json': 7,
  // The catalogue's own tests: OSS typos kept verbatim, and code + text resolving to a key.
  'test/core/catalogue.test.ts': 5,
  'test/core/message-keys.test.ts': 3,
  // Byte-for-byte XML fixtures (the renderer, the dev stand-in's NoSuchKey): one literal each.
  'test/core/render.test.ts': 1,
  'test/gateway/dev-upstream.test.ts': 1,
  // The browser end-to-end test, edited elsewhere at the time of writing.
  'test/e2e/browser-upload.test.ts': 1,
};

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : files(full);
    return /\.(ts|mts|cts|js|mjs|cjs|json|xml|txt)$/.test(entry.name) ? [full] : [];
  });
}

describe('catalogue messages in test/', () => {
  it('are named by key, apart from the deliberate copies listed here', () => {
    const catalogue = JSON.parse(fs.readFileSync(path.join(ROOT, 'schemas/errors.json'), 'utf8')) as {
      codes: Record<string, { messages: { text: string }[] }>;
    };
    const texts = Object.entries(catalogue.codes).flatMap(([code, entry]) =>
      entry.messages
        // "AccessDenied" and "UserDisable" are their codes' only messages and their codes' names.
        .filter((m) => m.text !== code)
        // A template's fixed part (up to its first `{name}`) is what a copy would contain.
        .map((m) => m.text.split(/\{[a-z]+\}/)[0]!),
    );
    // One text is shared by two keys in a few cases; count each distinct text once.
    const distinct = [...new Set(texts)];
    const found: Record<string, number> = {};
    for (const file of files(path.join(ROOT, 'test'))) {
      const source = fs.readFileSync(file, 'utf8');
      let count = 0;
      for (const text of distinct) count += source.split(text).length - 1;
      if (count > 0) found[path.relative(ROOT, file).split(path.sep).join('/')] = count;
    }
    const over = Object.entries(found).filter(([file, count]) => count > (ALLOWED[file] ?? 0));
    expect(over).toEqual([]);
    // The scan itself works: it finds the fixture copies it is told about.
    expect(found['test/post/fixtures/post-policy-cases.json']).toBe(7);
  });
});
