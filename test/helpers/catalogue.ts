import fs from 'node:fs';
import path from 'node:path';
import type { MessageKey } from '../../src/core/message-keys';

/**
 * Catalogue text for tests, read from schemas/errors.json itself rather than through src/core/catalogue:
 * the code under test builds its messages through src, so the expected bytes come from the JSON file,
 * and a test keeps checking the wire text independently of the code paths it exercises.
 */
interface CatalogueFile {
  codes: Record<string, { messages: { key: string; text: string }[] }>;
}

const FILE = path.resolve(__dirname, '../../schemas/errors.json');
const CODES = (JSON.parse(fs.readFileSync(FILE, 'utf8')) as CatalogueFile).codes;

/** The message text of `Code.key`, with `{name}` placeholders filled from `vars`. */
export function message(key: MessageKey, vars: Record<string, string> = {}): string {
  const dot = key.indexOf('.');
  const entry = CODES[key.slice(0, dot)]?.messages.find((m) => m.key === key.slice(dot + 1));
  if (!entry) throw new Error(`${key} is not in schemas/errors.json`);
  return entry.text.replace(/\{([a-z]+)\}/g, (_whole, name: string) => {
    const value = vars[name];
    if (value === undefined) throw new Error(`${key} needs a value for {${name}}`);
    return value;
  });
}

/**
 * The one-line form `"<status> <Code>: <message><rest>"` that rule tests compare against. The status is
 * written by the test (an error's status is not always its catalogue default), the code comes from the key.
 */
export function summary(status: number, key: MessageKey, rest = ''): string {
  return `${status} ${key.slice(0, key.indexOf('.'))}: ${message(key)}${rest}`;
}
