// The README lists every setting of the command with its default: generated from the same table
// the command parses (src/cli/settings.ts), so the two cannot disagree. UPDATE_DOCS=1 rewrites it.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { settingsTable } from '../../src/cli/help';

const README = path.resolve(__dirname, '../../README.md');
const START = '<!-- settings: generated from src/cli/settings.ts by test/cli/readme.test.ts -->\n';
const END = '<!-- /settings -->';

describe('README: the command settings', () => {
  it('lists every flag and variable with its default', () => {
    const readme = fs.readFileSync(README, 'utf8');
    const from = readme.indexOf(START);
    const to = readme.indexOf(END);
    expect(from).toBeGreaterThan(-1);
    expect(to).toBeGreaterThan(from);
    const expected = `${readme.slice(0, from + START.length)}${settingsTable()}${readme.slice(to)}`;
    if (process.env.UPDATE_DOCS) fs.writeFileSync(README, expected);
    expect(readme).toBe(expected);
  });
});
