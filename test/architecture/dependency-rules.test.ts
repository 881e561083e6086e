import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';

// The layer rules (.dependency-cruiser.cjs) run over src/ in `npm test` (npm run deps). This test
// shows they bite: a throw-away tree with one forbidden import per rule must fail with every rule
// named, and the same tree without them must pass.

const ROOT = path.resolve(__dirname, '../..');
const CONFIG = path.join(ROOT, '.dependency-cruiser.cjs');
const BIN = path.join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');
const run = promisify(execFile);

/** Files every tree has; each module exports one constant so imports are real. */
const BASE: Record<string, string> = {
  'src/core/request.ts': 'export const request = 1;\n',
  'src/signing/sign.ts':
    "import { createHmac } from 'node:crypto';\nimport type { X } from '../core/types';\nexport const sign = (x: X) => createHmac('sha1', 'k').update(String(x)).digest('hex');\n",
  'src/core/types.ts': 'export type X = number;\n',
  'src/rules/shared/helper.ts':
    "import { request } from '../../core/request';\nexport const helper = request;\n",
  'src/rules/names/name.ts': "import { helper } from '../shared/helper';\nexport const name = helper;\n",
  'src/rules/tagging/tag.ts': "import { request } from '../../core/request';\nexport const tag = request;\n",
  'src/rules/index.ts':
    "import { name } from './names/name';\nimport { tag } from './tagging/tag';\nexport const rules = [name, tag];\n",
  'src/http/send.ts': "import { request } from '../core/request';\nexport const send = request;\n",
  'src/preflight/create.ts': "import { rules } from '../rules/index';\nexport const create = rules;\n",
  'src/post/handler.ts': "import { send } from '../http/send';\nexport const handler = send;\n",
  'src/post/storage.ts': "import { send } from '../http/send';\nexport const storage = send;\n",
  'src/express/preflight.ts':
    "import { create } from '../preflight/create';\nexport const preflight = create;\n",
  'src/gateway/gateway.ts': "import { handler } from '../post/handler';\nexport const gateway = handler;\n",
  'src/index.ts':
    "export { gateway } from './gateway/gateway';\nexport { preflight } from './express/preflight';\n",
  'examples/demo.ts': 'export const demo = 1;\n',
};

/** One forbidden import per rule: the importing file, the line added to it, the rule it breaks. */
const VIOLATIONS: Array<[file: string, line: string, rule: string]> = [
  [
    'src/core/up.ts',
    "import { send } from '../http/send';\nexport const up = send;\n",
    'core-imports-nothing-above-it',
  ],
  [
    'src/signing/up.ts',
    "import { request } from '../core/request';\nexport const up = request;\n",
    'signing-uses-core-types-only',
  ],
  [
    'src/signing/rule.ts',
    "import { name } from '../rules/names/name';\nexport const r = name;\n",
    'signing-is-pure',
  ],
  [
    'src/rules/names/other.ts',
    "import { tag } from '../tagging/tag';\nexport const o = tag;\n",
    'no-family-imports-another-family',
  ],
  [
    'src/rules/shared/fam.ts',
    "import { tag } from '../tagging/tag';\nexport const f = tag;\n",
    'rules-shared-imports-no-family',
  ],
  [
    'src/rules/tagging/http.ts',
    "import { send } from '../../http/send';\nexport const h = send;\n",
    'rules-import-only-core-signing-shared',
  ],
  [
    'src/http/rules.ts',
    "import { rules } from '../rules/index';\nexport const r = rules;\n",
    'http-imports-only-core',
  ],
  [
    'src/preflight/http.ts',
    "import { send } from '../http/send';\nexport const h = send;\n",
    'preflight-composes-core-and-rules',
  ],
  [
    'src/http/up.ts',
    "import { gateway } from '../gateway/gateway';\nexport const g = gateway;\n",
    'lower-layers-import-no-adapter',
  ],
  [
    'src/limits/http.ts',
    "import { send } from '../http/send';\nexport const h = send;\n",
    'limits-use-core-and-request-auth',
  ],
  [
    'src/post/express.ts',
    "import { preflight } from '../express/preflight';\nexport const p = preflight;\n",
    'adapters-do-not-import-each-other',
  ],
  [
    'src/gateway/storage.ts',
    "import { storage } from '../post/storage';\nexport const s = storage;\n",
    'gateway-uses-only-the-post-handler',
  ],
  [
    'src/express/demo.ts',
    "import { demo } from '../../examples/demo';\nexport const d = demo;\n",
    'no-test-code-in-src',
  ],
  ['src/core/cycle-a.ts', "import { b } from './cycle-b';\nexport const a = () => b;\n", 'no-circular'],
  ['src/core/cycle-b.ts', "import { a } from './cycle-a';\nexport const b = () => a;\n", 'no-circular'],
];

let dir: string;

function writeTree(root: string, files: Record<string, string>): void {
  for (const [file, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
  fs.writeFileSync(
    path.join(root, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { module: 'esnext', moduleResolution: 'bundler', strict: true } }),
  );
}

async function cruise(root: string): Promise<{ code: number; output: string }> {
  try {
    const { stdout } = await run(process.execPath, [BIN, 'src', '--config', CONFIG, '--output-type', 'err'], {
      cwd: root,
    });
    return { code: 0, output: stdout };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? -1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'oss-preflight-layers-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('layer rules (.dependency-cruiser.cjs)', () => {
  it('accept a tree whose imports follow the layers', async () => {
    const root = path.join(dir, 'clean');
    writeTree(root, BASE);
    const { code, output } = await cruise(root);
    expect(output).toContain('no dependency violations found');
    expect(code).toBe(0);
  }, 60_000);

  it('fail on every forbidden import, naming its rule', async () => {
    const root = path.join(dir, 'broken');
    writeTree(root, { ...BASE, ...Object.fromEntries(VIOLATIONS.map(([file, text]) => [file, text])) });
    const { code, output } = await cruise(root);
    expect(code).not.toBe(0);
    // A cycle is reported once, from whichever of its files the cruiser met first.
    const reported = (file: string, rule: string): boolean =>
      rule === 'no-circular'
        ? /no-circular: src\/core\/cycle-[ab]\.ts/.test(output)
        : output.includes(`${rule}: ${file}`);
    const missed = VIOLATIONS.filter(([file, , rule]) => !reported(file, rule)).map(
      ([file, , rule]) => `${rule} ${file}`,
    );
    expect(missed).toEqual([]);
  }, 60_000);
});
