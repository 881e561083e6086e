// The code blocks of README.md that the tests run, each marked `<!-- readme-test: name -->` on the
// line before its fence, and a runner for the shell blocks: each command's output must contain the
// `# expected` lines that follow it in the README.
// CommonJS, so that the consumer script (ESM) and the jest tests can both load it.
const { spawnSync } = require('node:child_process');
const { readFileSync } = require('node:fs');

/** name -> { lang, code } for every marked block of the file. */
function readmeBlocks(file) {
  const text = readFileSync(file, 'utf8');
  const blocks = new Map();
  const marker = /<!-- readme-test: ([a-z0-9-]+) -->\n```([a-z]*)\n([\s\S]*?)\n```/g;
  for (const match of text.matchAll(marker)) {
    if (blocks.has(match[1])) throw new Error(`README.md: two blocks named ${match[1]}`);
    blocks.set(match[1], { lang: match[2], code: `${match[3]}\n` });
  }
  return blocks;
}

function block(blocks, name) {
  const found = blocks.get(name);
  if (found === undefined) throw new Error(`README.md has no block marked <!-- readme-test: ${name} -->`);
  return found.code;
}

/** The port a server snippet listens on when PORT is unset (`process.env.PORT ?? 8080`). */
function defaultPort(code) {
  const port = /process\.env\.PORT \?\? (\d+)/.exec(code)?.[1];
  if (port === undefined)
    throw new Error(`a server snippet must listen on process.env.PORT ?? <port>:\n${code}`);
  return Number(port);
}

/** Commands (backslash continuations joined) with the `# ...` lines that follow each. */
function commandsOf(code) {
  const commands = [];
  let pending = '';
  for (const line of code.split('\n')) {
    if (pending !== '') {
      pending += `\n${line}`;
      if (!line.endsWith('\\')) {
        commands.push({ command: pending, expect: [] });
        pending = '';
      }
    } else if (line.startsWith('# ')) {
      const last = commands.at(-1);
      if (last === undefined) throw new Error(`an expected output line before any command: ${line}`);
      last.expect.push(line.slice(2));
    } else if (line.trim() !== '') {
      if (line.endsWith('\\')) pending = line;
      else commands.push({ command: line, expect: [] });
    }
  }
  return commands;
}

/**
 * Runs the commands in one bash (variables carry over), in `cwd` with `env`, and returns the
 * problems: a command whose output lacks an expected line. `skip` leaves out commands (starting a
 * server the caller started itself).
 */
function runShellBlock(code, { cwd, env, replace = [], skip = () => false }) {
  let script = code;
  for (const [from, to] of replace) script = script.replaceAll(from, to);
  const commands = commandsOf(script).filter((c) => !skip(c.command));
  const marker = (i) => `@@@readme-command-${i}@@@`;
  // One stream, so each command's errors land next to its output.
  const bash = `exec 2>&1\n${commands.map((c, i) => `echo '${marker(i)}'\n${c.command}`).join('\n')}`;
  const run = spawnSync('bash', ['-c', bash], { cwd, env, encoding: 'utf8', timeout: 60_000 });
  if (run.error) throw run.error;
  const output = run.stdout;
  const problems = [];
  commands.forEach((c, i) => {
    const start = output.indexOf(marker(i));
    const end = i + 1 < commands.length ? output.indexOf(marker(i + 1)) : output.length;
    const got = start === -1 ? '' : output.slice(start + marker(i).length, end === -1 ? undefined : end);
    for (const expected of c.expect)
      if (!got.includes(expected))
        problems.push(`${c.command}\n  expected: ${expected}\n  got: ${got.trim()}`);
  });
  return { problems, output };
}

module.exports = { readmeBlocks, block, defaultPort, commandsOf, runShellBlock };
