import { defineConfig } from 'tsdown';

export default defineConfig([
  {
    entry: ['src/index.ts'],
    format: ['esm', 'cjs'],
    dts: true,
    platform: 'node',
    target: 'node20',
    clean: true,
    // __filename in the ESM build, for createRequire in src/core/lazy.ts.
    shims: true,
  },
  {
    // The `oss-preflight` command: its own bundle, so the library entry stays free of what only the
    // command loads (pino, prom-client, node:cluster).
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    dts: false,
    platform: 'node',
    target: 'node20',
    clean: false,
    shims: true,
  },
]);
