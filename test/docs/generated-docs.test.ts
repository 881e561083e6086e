import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { renderErrorCodesDoc, renderRulesDoc, unaccountedCodes } from '../../scripts/render-docs';
import { messageKeys } from '../../src/core/catalogue';
import { builtInRules, FAMILIES } from '../../src/rules';

const docs = path.resolve(__dirname, '../../docs');
const update = process.env.UPDATE_DOCS === '1';

function expectFile(name: string, content: string) {
  const file = path.join(docs, name);
  if (update) fs.writeFileSync(file, content);
  expect(fs.readFileSync(file, 'utf8')).toBe(content);
}

describe('generated docs', () => {
  it('docs/rules.md is up to date (npm run docs)', () => expectFile('rules.md', renderRulesDoc()));
  it('docs/error-codes.md is up to date (npm run docs)', () =>
    expectFile('error-codes.md', renderErrorCodesDoc()));

  it('every rule declares only catalogued errors, a source, and a unique id', () => {
    const ids = new Set<string>();
    for (const rule of builtInRules) {
      expect(ids.has(rule.id)).toBe(false);
      ids.add(rule.id);
      expect(rule.source.length).toBeGreaterThan(5);
      expect(rule.errors.length).toBeGreaterThan(0);
      for (const key of rule.errors) expect(`${key}: ${messageKeys().includes(key)}`).toBe(`${key}: true`);
    }
  });

  it('every rule sits in the list of the family it declares: one section per family in docs/rules.md', () => {
    for (const family of FAMILIES)
      for (const rule of family.rules)
        expect(`${rule.id}: ${rule.family}`).toBe(`${rule.id}: ${family.name}`);
    const headings = renderRulesDoc()
      .split('\n')
      .filter((line) => line.startsWith('## '));
    expect(headings).toEqual(FAMILIES.map((family) => `## ${family.name}`));
  });

  it('accounts for every code: enforced by a rule or left to OSS with a reason', () => {
    expect(unaccountedCodes()).toEqual([]);
  });
});
