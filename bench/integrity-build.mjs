// Bundles the modules the integrity benchmark needs from the current sources into .tmp/ (git-ignored),
// so the numbers describe the code as it is, whether or not the package was rebuilt or the gateway
// already wires the body checks. Inside the project so that bare imports (fast-xml-parser, ...)
// resolve through its node_modules.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsdown';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function buildIntegrityBundle() {
  const dir = path.join(root, '.tmp', 'bench-integrity');
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const entry = path.join(dir, 'entry.ts');
  fs.writeFileSync(
    entry,
    [
      `export { createGateway } from '${root}/src/gateway/gateway';`,
      `export { handleExpectContinue } from '${root}/src/gateway/continue';`,
      `export { forward } from '${root}/src/gateway/forward';`,
      `export { forwardableHeaders } from '${root}/src/gateway/hop-by-hop';`,
      `export { createPreflight } from '${root}/src/core/preflight';`,
      `export { toRawRequest } from '${root}/src/express/preflight';`,
      `export { sendOssError } from '${root}/src/express/send-error';`,
      `export { createBodyChecks } from '${root}/src/integrity/body-checks';`,
      `export { Crc64 } from '${root}/src/integrity/crc64';`,
      '',
    ].join('\n'),
  );
  await build({
    config: false,
    entry: [entry],
    outDir: path.join(dir, 'out'),
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    dts: false,
    clean: true,
    // __filename for the lazy loads (src/core/lazy.ts), as in the package build.
    shims: true,
    logLevel: 'warn',
    cwd: root,
  });
  const out = fs.readdirSync(path.join(dir, 'out')).find((f) => /^entry\.m?js$/.test(f));
  if (!out) throw new Error('integrity bundle: no output');
  return path.join(dir, 'out', out);
}

/** True once src/gateway/gateway.ts passes createBodyChecks to forward(). */
export function gatewayWiresBodyChecks() {
  return fs.readFileSync(path.join(root, 'src/gateway/gateway.ts'), 'utf8').includes('createBodyChecks');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await buildIntegrityBundle());
