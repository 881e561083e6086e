import { defineConfig, type UserConfig } from 'tsdown';

const library: UserConfig = {
  // The library and the parts users pick separately; each is its own package entry (package.json exports).
  entry: {
    index: 'src/index.ts',
    signing: 'src/signing/index.ts',
    gateway: 'src/gateway/index.ts',
    post: 'src/post/index.ts',
    'dev-upstream': 'src/dev-upstream/index.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  platform: 'node',
  target: 'node20',
  clean: true,
  // __filename in the ESM build, for createRequire in src/core/lazy.ts.
  shims: true,
  outputOptions: {
    // One shared chunk for the code the entries have in common. Left to itself the bundler split it
    // into chunks that require each other, and a CommonJS cycle reads an export before it is set.
    codeSplitting: { groups: [{ name: 'shared', test: /[\\/]src[\\/].*(?<!\.d)\.ts$/ }] },
  },
};

export default defineConfig([
  library,
  {
    // The `oss-preflight` command: its own bundle, so the library entries stay free of what only the
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
