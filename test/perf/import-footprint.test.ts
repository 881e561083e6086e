// Guard for issue 9: importing the package must leave a streaming proxy's process as it found it.
// Loading ~6 MB of parsers, schemas and their compiled code at import changed how V8 and glibc
// recycled the proxy's 64 KiB socket buffers and cost it 2-3x CPU per GiB streamed
// (docs/benchmarks.md). Timing cannot be asserted on a shared machine, so this checks the cause,
// deterministically, in fresh processes against a baseline process: what the import loads and
// how much heap it leaves behind (after a full GC) and how far it grows the young generation.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from '@jest/globals';

const root = path.resolve(__dirname, '../..');
const probe = path.join(__dirname, 'import-probe.mjs');
const builds = ['dist/index.mjs', 'dist/index.cjs'];

type Footprint = {
  builtins: string[];
  packages: string[];
  retainedBytes: number;
  newSpaceBytes: number;
};

function footprint(target?: string): Footprint {
  const args = ['--expose-gc', probe, ...(target ? [path.join(root, target)] : [])];
  return JSON.parse(execFileSync(process.execPath, args, { cwd: root, encoding: 'utf8' })) as Footprint;
}

// Parts most requests never need; each loads on first use (src/core/lazy.ts).
const HEAVY_BUILTINS = ['https', 'tls', '_tls_wrap', 'worker_threads', 'internal/worker'];
// Measured after the fix: 2.1 MB (ESM) and 1.5 MB (CommonJS), of which node:crypto is ~0.5 MB;
// before it: 6.0 MB and 4.4 MB. The margin absorbs Node patch releases, not a dependency coming back.
const RETAINED_BUDGET_BYTES = 3.5 * 1024 * 1024;

describe('importing the built package (fresh process, no timing)', () => {
  it('has both builds to check (npm test builds before jest)', () => {
    for (const build of builds) expect(existsSync(path.join(root, build))).toBe(true);
  });

  it('the ESM build imports nothing but Node built-ins statically (its own shared chunks followed)', () => {
    const seen = new Set<string>();
    const outside: string[] = [];
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      const source = readFileSync(path.join(root, 'dist', file), 'utf8');
      for (const m of source.matchAll(/^import\s[^;]*?from\s+"([^"]+)";?$/gm)) {
        const specifier = m[1] ?? '';
        if (specifier.startsWith('./')) visit(specifier.slice(2));
        else if (!specifier.startsWith('node:')) outside.push(`${file} -> ${specifier}`);
      }
    };
    visit('index.mjs');
    expect(seen.size).toBeGreaterThan(1);
    expect(outside).toEqual([]);
  });

  const baseline = footprint();

  it.each(builds)('%s loads no dependency and no heavy built-in', (build) => {
    const loaded = footprint(build);
    expect(loaded.packages).toEqual([]);
    expect(loaded.builtins.filter((m) => HEAVY_BUILTINS.includes(m))).toEqual([]);
  });

  it.each(builds)('%s leaves little heap behind and the young generation as it was', (build) => {
    const loaded = footprint(build);
    expect(loaded.retainedBytes).toBeLessThan(RETAINED_BUDGET_BYTES);
    expect(loaded.newSpaceBytes).toBeLessThanOrEqual(baseline.newSpaceBytes);
  });

  it('the probe sees a dependency when one loads (the check can fail)', () => {
    const loaded = footprint('node_modules/ajv/dist/ajv.js');
    expect(loaded.packages.some((file) => file.includes(`${path.sep}ajv${path.sep}`))).toBe(true);
    expect(loaded.retainedBytes).toBeGreaterThan(0);
  });
});
