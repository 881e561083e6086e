// The layers of src/ and the directions imports may take (docs/architecture.md draws them).
// `npm run deps` checks them; test/architecture/dependency-rules.test.ts proves a violation fails.
//
//   core  <-  signing  <-  rules/<family> (+ rules/shared)  <-  rules/index.ts (the family table)
//   core  <-  http, authorize
//   preflight (composition), integrity  <-  adapters: express, post, gateway, dev-upstream  <-  cli, entries
//
// Entries (src/index.ts, src/<folder>/index.ts) and the command (src/cli/) may import any layer.

const LOWER_LAYERS = '^src/(core|signing|rules|http|authorize|preflight|integrity|limits)/';
const ADAPTERS = '^src/(express|post|gateway|dev-upstream)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'A cycle makes the load order depend on who imports first (and broke the CommonJS build once).',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-test-code-in-src',
      severity: 'error',
      comment: 'The package ships src/ only: nothing in it may reach examples/, test/, bench/ or scripts/.',
      from: { path: '^src/' },
      to: { path: '^(examples|test|bench|scripts)/' },
    },
    {
      name: 'core-imports-nothing-above-it',
      severity: 'error',
      comment: 'core/ is the floor: node built-ins, its own files and schemas/ only.',
      from: { path: '^src/core/' },
      to: { pathNot: ['^src/core/', '^schemas/'], dependencyTypesNot: ['core', 'type-only'] },
    },
    {
      name: 'core-types-only-from-packages',
      severity: 'error',
      comment: 'core/ loads packages lazily (core/lazy.ts); a static import would load them with the library.',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-peer', 'npm-optional'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'signing-is-pure',
      severity: 'error',
      comment: 'signing/ imports node:crypto, its own files and types from core/, nothing else.',
      from: { path: '^src/signing/' },
      to: {
        pathNot: ['^src/signing/', '^src/core/', '^crypto$', '^node:crypto$'],
      },
    },
    {
      name: 'signing-uses-core-types-only',
      severity: 'error',
      comment: 'signing/ takes only types from core/, so it stays usable without the catalogue or the parser.',
      from: { path: '^src/signing/' },
      to: { path: '^src/core/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'rules-import-only-core-signing-shared',
      severity: 'error',
      comment: 'A rule reads the request model (core/), may verify signatures (signing/), and shares helpers through rules/shared/.',
      from: { path: '^src/rules/[^/]+/' },
      to: {
        path: '^src/',
        pathNot: ['^src/core/', '^src/signing/', '^src/rules/[^/]+/'],
      },
    },
    {
      name: 'no-family-imports-another-family',
      severity: 'error',
      comment: 'Families are independent: shared helpers live in rules/shared/ (or core/), never in another family.',
      from: { path: '^src/rules/([^/]+)/' },
      to: { path: '^src/rules/', pathNot: ['^src/rules/$1/', '^src/rules/shared/'] },
    },
    {
      name: 'rules-shared-imports-no-family',
      severity: 'error',
      comment: 'rules/shared/ sits under every family.',
      from: { path: '^src/rules/shared/' },
      to: { path: '^src/rules/', pathNot: '^src/rules/shared/' },
    },
    {
      name: 'http-imports-only-core',
      severity: 'error',
      comment: 'http/ is the node:http toolkit every adapter shares: node built-ins and core/ only.',
      from: { path: '^src/http/' },
      to: { path: '^src/', pathNot: ['^src/http/', '^src/core/'] },
    },
    {
      name: 'authorize-imports-only-core',
      severity: 'error',
      comment: 'authorize/ (who may do what) is policy data and matching: core/ only.',
      from: { path: '^src/authorize/' },
      to: { path: '^src/', pathNot: ['^src/authorize/', '^src/core/'] },
    },
    {
      name: 'lower-layers-import-no-adapter',
      severity: 'error',
      comment: 'Adapters and the command sit on top; nothing below them may import them.',
      from: { path: LOWER_LAYERS },
      to: { path: [ADAPTERS, '^src/cli/', '^src/index\\.ts$'] },
    },
    {
      name: 'preflight-composes-core-and-rules',
      severity: 'error',
      comment: 'createPreflight() puts the family table on the engine: core/, signing/ and rules/ only.',
      from: { path: '^src/preflight/' },
      to: { path: '^src/', pathNot: ['^src/preflight/', '^src/core/', '^src/signing/', '^src/rules/'] },
    },
    {
      name: 'limits-use-core-and-request-auth',
      severity: 'error',
      comment: 'Rate limits (gateway, limitRequests()) read the request model and the key a request names.',
      from: { path: '^src/limits/' },
      to: { path: '^src/', pathNot: ['^src/limits/', '^src/core/', '^src/rules/auth/'] },
    },
    {
      name: 'adapters-do-not-import-each-other',
      severity: 'error',
      comment: 'express/, post/ and dev-upstream/ are independent of each other and of gateway/.',
      from: { path: '^src/(express|post|dev-upstream)/' },
      to: { path: ADAPTERS, pathNot: ['^src/$1/'] },
    },
    {
      name: 'gateway-uses-only-the-post-handler',
      severity: 'error',
      comment:
        'The one allowed edge between adapters: the gateway serves PostObject with post/handler.ts (the same handler users mount).',
      from: { path: '^src/gateway/' },
      to: { path: ADAPTERS, pathNot: ['^src/gateway/', '^src/post/handler\\.ts$'] },
    },
  ],
  allowed: [],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.mts', '.js', '.mjs', '.cjs', '.json', '.d.ts'],
    },
  },
};
