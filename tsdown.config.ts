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
    // One chunk for the layers below the adapters and the Express middleware: everything the root
    // entry needs, and nothing it does not (the gateway, the POST handler and the stand-in stay in
    // their entries' chunks, so `import 'oss-preflight'` does not evaluate them). Left to itself the
    // bundler split the shared code into chunks that required each other, and a CommonJS cycle read an
    // export before it was set. The lower layers never import an adapter (.dependency-cruiser.cjs),
    // so the chunks above this one cannot form a cycle with it.
    codeSplitting: {
      groups: [
        {
          name: 'shared',
          test: /[\\/]src[\\/](core|signing|rules|http|authorize|preflight|integrity|limits|express)[\\/].*(?<!\.d)\.ts$/,
        },
      ],
    },
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
