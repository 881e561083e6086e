// The package as a user gets it: packs the tarball, lints it (publint, @arethetypeswrong/cli),
// installs it from the tarball into fresh projects next to Express 4 and Express 5 from the npm
// registry, and runs README.md's own code blocks there: the server snippets with their curl lines
// (each `# line` under a command must appear in its output), the browser snippet, the CommonJS
// snippet, and the TypeScript snippet compiled with moduleResolution node16 (ESM and CommonJS),
// bundler and node10. One install serves every case; npm's cache is used first (--prefer-offline).
// Run by `npm test` (test/consumer/consumer.test.ts) after the build; `node scripts/consumer-test.mjs`
// runs it alone (after `npm run build`). Exits non-zero with every problem listed.
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { block, defaultPort, readmeBlocks, runShellBlock } from './readme-blocks.cjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const bin = (name) => path.join(root, 'node_modules/.bin', name);
const problems = [];
const started = Date.now();
const children = new Set();
const log = (message) => console.log(`[consumer ${((Date.now() - started) / 1000).toFixed(1)}s] ${message}`);

function fail(message) {
  throw new Error(`consumer test cannot run: ${message}`);
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: 300_000, ...options });
  if (result.error) fail(`${command} ${args.join(' ')}: ${result.error.message}`);
  return result;
}

function newest(dir) {
  let latest = 0;
  for (const entry of fs.readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile())
      latest = Math.max(latest, fs.statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
  }
  return latest;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port, child, output) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const open = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => socket.end(() => resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`did not start listening on ${port}:\n${output()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Starts `file` with node in `cwd`; resolves once it listens on `port`. */
async function startServer(file, cwd, env, port) {
  const child = spawn(process.execPath, [file], { cwd, env: { ...env, PORT: String(port) } });
  children.add(child);
  let output = '';
  child.stdout.on('data', (d) => {
    output += d;
  });
  child.stderr.on('data', (d) => {
    output += d;
  });
  await waitForPort(port, child, () => output);
  return {
    output: () => output,
    stop: () =>
      new Promise((resolve) => {
        children.delete(child);
        if (child.exitCode !== null) return resolve();
        child.once('exit', resolve);
        child.kill('SIGTERM');
      }),
  };
}

function killAll() {
  for (const child of children) child.kill('SIGKILL');
}
process.on('exit', killAll);

// --- the tarball -------------------------------------------------------------------------------

if (spawnSync('curl', ['--version']).error) fail('curl is not installed (the README calls use it)');
const dist = path.join(root, 'dist/index.mjs');
if (!fs.existsSync(dist) || fs.statSync(dist).mtimeMs < newest(path.join(root, 'src')))
  fail('dist/ is missing or older than src/: run `npm run build` first (npm test does)');

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'oss-preflight-consumer-'));
try {
  // npm test has just built dist/; the tarball holds exactly that (prepack would build again).
  const packed = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], {
    cwd: root,
  });
  if (packed.status !== 0) fail(`npm pack failed:\n${packed.stderr}`);
  const tarball = path.join(work, JSON.parse(packed.stdout)[0].filename);
  const files = JSON.parse(packed.stdout)[0].files.map((f) => f.path);
  for (const required of ['LICENSE', 'README.md', 'package.json', 'dist/index.mjs', 'dist/index.cjs'])
    if (!files.includes(required)) problems.push(`the tarball lacks ${required}`);
  log(`packed ${path.basename(tarball)} (${files.length} files)`);

  const publint = run(bin('publint'), ['run', tarball, '--strict'], { cwd: work });
  if (publint.status !== 0) problems.push(`publint:\n${publint.stdout}${publint.stderr}`);
  const attw = run(bin('attw'), [tarball, '--format', 'ascii'], { cwd: work });
  if (attw.status !== 0) problems.push(`attw (Are the types wrong?):\n${attw.stdout}${attw.stderr}`);
  log(
    `publint: ${publint.status === 0 ? 'no problems' : 'PROBLEMS'}; attw: ${attw.status === 0 ? 'no problems' : 'PROBLEMS'}`,
  );

  // --- one install: the tarball, TypeScript, and Express 4 and 5 in a workspace each ------------

  const app = path.join(work, 'app');
  const writeJson = (file, value) => {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
  };
  const variants = { express4: '^4.21.0', express5: '^5.0.0' };
  writeJson(path.join(app, 'package.json'), {
    name: 'oss-preflight-consumer',
    private: true,
    type: 'module',
    workspaces: Object.keys(variants),
    dependencies: {
      'oss-preflight': `file:${tarball}`,
      typescript: pkg.devDependencies.typescript,
      '@types/node': pkg.devDependencies['@types/node'],
    },
  });
  for (const [name, range] of Object.entries(variants))
    writeJson(path.join(app, name, 'package.json'), {
      name,
      private: true,
      type: 'module',
      dependencies: { express: range },
    });
  const install = run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: app,
  });
  if (install.status !== 0) fail(`npm install failed:\n${install.stdout}${install.stderr}`);
  for (const [name, range] of Object.entries(variants)) {
    const version = execFileSync(process.execPath, ['-p', "require('express/package.json').version"], {
      cwd: path.join(app, name),
      encoding: 'utf8',
    }).trim();
    if (version[0] !== range[1]) fail(`${name} resolves express ${version}, not ${range}`);
    log(`${name}: express ${version}`);
  }

  // --- README blocks ---------------------------------------------------------------------------

  const blocks = readmeBlocks(path.join(root, 'README.md'));
  if (!/^npm install oss-preflight express$/m.test(fs.readFileSync(path.join(root, 'README.md'), 'utf8')))
    problems.push('README.md: the install line `npm install oss-preflight express` is missing');

  // The development stand-in from the installed package plays OSS.
  const standInPort = await freePort();
  fs.writeFileSync(
    path.join(app, 'stand-in.mjs'),
    "import { startDevUpstream } from 'oss-preflight/dev-upstream';\n" +
      'await startDevUpstream({ port: Number(process.env.PORT) });\n',
  );
  const standIn = await startServer('stand-in.mjs', app, process.env, standInPort);
  const endpoint = `http://127.0.0.1:${standInPort}`;
  // curl as in a terminal: no progress meter in the outputs the README lines are matched against.
  fs.writeFileSync(path.join(work, '.curlrc'), 'silent\nshow-error\n');
  const env = {
    ...process.env,
    CURL_HOME: work,
    OSS_ENDPOINT: endpoint,
    OSS_ACCESS_KEY_ID: 'LTAI5tConsumerTestKey',
    OSS_ACCESS_KEY_SECRET: 'consumer-test-secret',
    OSS_UPLOAD_URL: `${endpoint}/example-bucket`,
    SIGN_TOKEN: randomBytes(24).toString('hex'),
  };

  /** Runs a server snippet and its calls; returns the port it used. */
  async function serverCase(label, dir, serverName, file, callsName, after) {
    const code = block(blocks, serverName);
    fs.writeFileSync(path.join(dir, file), code);
    const port = await freePort();
    let server;
    try {
      server = await startServer(file, dir, env, port);
    } catch (error) {
      problems.push(`${label}: ${serverName} ${error.message}`);
      return;
    }
    try {
      if (callsName !== undefined) {
        const calls = runShellBlock(block(blocks, callsName), {
          cwd: dir,
          env,
          replace: [[`127.0.0.1:${defaultPort(code)}`, `127.0.0.1:${port}`]],
        });
        for (const problem of calls.problems) problems.push(`${label}: ${callsName}: ${problem}`);
      }
      if (after) await after(port);
    } finally {
      await server.stop();
    }
    if (/Error|Warning/.test(server.output()))
      problems.push(`${label}: ${serverName} printed:\n${server.output()}`);
  }

  for (const variant of Object.keys(variants)) {
    const dir = path.join(app, variant);
    await serverCase(variant, dir, 'quick-start', 'quick-start.mjs', 'quick-start-calls');
    await serverCase(variant, dir, 'upload-proxy', 'upload-proxy.mjs', 'upload-proxy-calls');
    await serverCase(variant, dir, 'signing', 'signing.mjs', 'signing-calls');
    await serverCase(variant, dir, 'browser-policy', 'browser-policy.mjs', undefined, async (port) => {
      // The page's code, with a file as a browser hands it over.
      fs.writeFileSync(path.join(dir, 'browser-page.mjs'), block(blocks, 'browser-page'));
      const name = `photo-${variant}.txt`;
      const content = `uploaded from the README's page code (${variant})`;
      const page = run(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import { upload } from './browser-page.mjs';
           const response = await upload(new File([${JSON.stringify(content)}], ${JSON.stringify(name)}),
             'http://127.0.0.1:${port}/upload-policy');
           console.log(response.status);`,
        ],
        { cwd: dir, env },
      );
      if (page.status !== 0) problems.push(`${variant}: browser-page: ${page.stdout}${page.stderr}`);
      const stored = await fetch(`${endpoint}/example-bucket/uploads/${name}`);
      const body = await stored.text();
      if (stored.status !== 200 || body !== content)
        problems.push(`${variant}: browser upload not stored: ${stored.status} ${body}`);
    });
    log(`${variant}: README server snippets and their calls done`);
  }

  const cjs = path.join(app, 'commonjs');
  writeJson(path.join(cjs, 'package.json'), { name: 'commonjs-consumer', private: true, type: 'commonjs' });
  await serverCase('commonjs', cjs, 'commonjs', 'server.js', 'commonjs-calls');
  log('commonjs: done');

  // --- TypeScript: the README's TypeScript block, compiled in four resolution modes -------------

  const typescript = block(blocks, 'typescript');
  const expected = /\/\/ (.+)\s*$/.exec(typescript.trim().split('\n').at(-1))?.[1];
  if (expected === undefined)
    problems.push('README typescript block: its last line ends with a comment of what it prints');
  // libCheck: the package's declaration files are type-checked too (.d.cts in one mode, .d.mts in
  // another; the others only resolve them, which halves the time).
  const modes = {
    'ts-node16': { type: 'module', module: 'node16', moduleResolution: 'node16', run: true, libCheck: false },
    'ts-node16-cjs': {
      type: 'commonjs',
      module: 'node16',
      moduleResolution: 'node16',
      run: true,
      libCheck: true,
    },
    'ts-bundler': {
      type: 'module',
      module: 'esnext',
      moduleResolution: 'bundler',
      run: false,
      libCheck: true,
    },
    'ts-node10': {
      type: 'commonjs',
      module: 'commonjs',
      moduleResolution: 'node10',
      run: true,
      libCheck: false,
    },
  };
  // The four compilations run side by side: each checks @types/node and the package's declarations.
  const compiled = await Promise.all(
    Object.entries(modes).map(([name, mode]) => {
      const dir = path.join(app, name);
      writeJson(path.join(dir, 'package.json'), { name, private: true, type: mode.type });
      writeJson(path.join(dir, 'tsconfig.json'), {
        compilerOptions: {
          strict: true,
          target: 'es2022',
          module: mode.module,
          moduleResolution: mode.moduleResolution,
          types: ['node'],
          skipLibCheck: !mode.libCheck,
          outDir: 'out',
        },
        files: ['main.ts'],
      });
      fs.writeFileSync(path.join(dir, 'main.ts'), typescript);
      const args = ['-p', '.', ...(mode.run ? [] : ['--noEmit'])];
      return new Promise((resolve) => {
        const tsc = spawn(path.join(app, 'node_modules/.bin/tsc'), args, { cwd: dir });
        let output = '';
        tsc.stdout.on('data', (d) => {
          output += d;
        });
        tsc.stderr.on('data', (d) => {
          output += d;
        });
        tsc.on('error', (error) => resolve({ name, mode, dir, status: -1, output: error.message }));
        tsc.on('exit', (status) => resolve({ name, mode, dir, status, output }));
      });
    }),
  );
  for (const { name, mode, dir, status, output } of compiled) {
    if (status !== 0) {
      problems.push(`${name}: tsc:\n${output}`);
      continue;
    }
    if (mode.run) {
      const out = run(process.execPath, ['out/main.js'], { cwd: dir });
      if (out.status !== 0 || out.stdout.trim() !== expected)
        problems.push(
          `${name}: printed ${JSON.stringify(out.stdout.trim())}, the README says ${JSON.stringify(expected)}\n${out.stderr}`,
        );
    }
  }
  log(`typescript: ${Object.keys(modes).join(', ')} done`);
  await standIn.stop();
} finally {
  killAll();
  if (process.env.KEEP_CONSUMER_DIR) console.log(`kept ${work}`);
  else fs.rmSync(work, { recursive: true, force: true });
}

if (problems.length > 0) {
  console.error(`consumer test: ${problems.length} problem(s)\n\n${problems.join('\n\n')}`);
  process.exit(1);
}
log('all cases passed');
