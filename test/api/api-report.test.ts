import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { ENTRIES, renderApiReport } from '../../scripts/api-report';

// docs/api-report.md records the public API of every entry, read from the built declarations (npm test
// builds before jest). A change to an export shows up as a change to docs/api-report.md in review.
// UPDATE_API=1 (npm run api) rewrites it.
const ROOT = path.resolve(__dirname, '../..');
const REPORT = path.join(ROOT, 'docs/api-report.md');

describe('public API report (docs/api-report.md)', () => {
  it('covers every subpath the package exports', () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
      exports: Record<string, unknown>;
    };
    const codeEntries = Object.keys(pkg.exports)
      .filter((subpath) => subpath !== './package.json' && !subpath.includes('*'))
      .map((subpath) => (subpath === '.' ? 'oss-preflight' : `oss-preflight/${subpath.slice(2)}`));
    expect(ENTRIES.map(([subpath]) => subpath).sort()).toEqual(codeEntries.sort());
  });

  it('matches the built declarations', () => {
    const report = renderApiReport(ROOT);
    if (process.env.UPDATE_API === '1') fs.writeFileSync(REPORT, report);
    expect(report).toBe(fs.readFileSync(REPORT, 'utf8'));
  }, 60_000);
});
