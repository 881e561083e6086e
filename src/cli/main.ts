#!/usr/bin/env node
// The `oss-preflight` command: `oss-preflight gateway [flags]`, `--help`, `--version`.
import { createRequire } from 'node:module';
import { gatewayCommand } from './gateway-command';
import { helpText } from './help';

// The package's own package.json, one folder up from dist/ (and from src/cli/ under a source run).
const requireHere = createRequire(__filename);

function version(): string {
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const pkg = requireHere(candidate) as { name?: string; version?: string };
      if (pkg.name === 'oss-preflight' && pkg.version) return pkg.version;
    } catch {
      // not this one
    }
  }
  return 'unknown';
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === '--version' || command === '-v') {
    process.stdout.write(`${version()}\n`);
    return;
  }
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(helpText(version()));
    return;
  }
  if (command !== 'gateway') {
    process.stderr.write(`oss-preflight: unknown command "${command}" (try oss-preflight --help)\n`);
    process.exit(2);
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    process.stdout.write(helpText(version()));
    return;
  }
  await gatewayCommand(rest);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`oss-preflight: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
