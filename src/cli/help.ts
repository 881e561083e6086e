import { label, SETTINGS } from './settings';

/** --help: every setting with its flag, variable and default, grouped as in the README. */
export function helpText(version: string): string {
  const lines = [
    `oss-preflight ${version}`,
    '',
    'Usage: oss-preflight gateway [flags]',
    '       oss-preflight --help | --version',
    '',
    'Runs the validating, signing OSS gateway. Every setting is a flag or an environment variable (the',
    'flag wins); secrets only from the environment or files. SIGTERM/SIGINT drain; a second one exits.',
    'Own endpoints: /-/healthz, /-/readyz, /-/metrics (never forwarded).',
  ];
  let group = '';
  for (const spec of SETTINGS) {
    if (spec.group !== group) {
      group = spec.group;
      lines.push('', `${group}:`);
    }
    const value =
      spec.type === 'boolean'
        ? ''
        : spec.choices
          ? ` ${spec.choices.join('|')}`
          : spec.type === 'integer'
            ? ' N'
            : ' VALUE';
    lines.push(`  ${label(spec)}${spec.flag ? value : ''}`);
    lines.push(`      ${spec.help} [default: ${spec.defaultText}]`);
  }
  lines.push(
    '',
    'Documentation: the README (every setting), docs/deploying.md and docs/security.md in the repository.',
    '',
  );
  return lines.join('\n');
}

/** The README's table of settings (kept equal by test/cli/readme.test.ts; UPDATE_DOCS=1 rewrites it). */
export function settingsTable(): string {
  const cell = (text: string) => text.replace(/\|/g, '\\|');
  const lines = ['| flag | environment variable | meaning | default |', '| --- | --- | --- | --- |'];
  for (const spec of SETTINGS) {
    const flag = spec.flag ? `\`--${spec.flag}\`` : '— (secret: environment only)';
    lines.push(`| ${flag} | \`${spec.env}\` | ${cell(spec.help)} | ${cell(spec.defaultText)} |`);
  }
  return `${lines.join('\n')}\n`;
}
