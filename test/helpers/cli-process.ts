// Runs the built `oss-preflight` command (dist/cli.mjs) as a real process, as an operator would.
import { type ChildProcess, spawn } from 'node:child_process';
import net from 'node:net';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../..');
export const CLI = path.join(ROOT, 'dist/cli.mjs');

export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

export type LogLine = Record<string, unknown> & { msg?: string; level?: string; pid?: number };

export type CliProcess = {
  readonly child: ChildProcess;
  readonly port: number;
  /** Every stdout line so far, parsed (a line that is not JSON fails the test that reads it). */
  lines(): LogLine[];
  /** Raw stdout and stderr. */
  output(): string;
  /** Resolves with the first log line that matches, or rejects after `timeoutMs`. */
  waitFor(match: (line: LogLine) => boolean, timeoutMs?: number): Promise<LogLine>;
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILLs the whole process group if it is still running. */
  kill(): void;
};

const running = new Set<CliProcess>();

/** Kills whatever a test left running; call from afterAll. */
export function killAll(): void {
  for (const p of running) p.kill();
}

/** The environment of a fresh shell: none of the OSS or gateway variables the test runner may have. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(OSS_|GATEWAY_|HOST$|PORT$|GLIBC_TUNABLES$)/.test(name)) continue;
    env[name] = value;
  }
  return { ...env, ...extra };
}

/** Starts `oss-preflight <args>` and, unless `wait` is false, waits for its "gateway listening" line. */
export async function startCli(
  args: string[],
  env: Record<string, string> = {},
  options: { port?: number; wait?: boolean; cwd?: string; command?: string[] } = {},
): Promise<CliProcess> {
  const port = options.port ?? (await freePort());
  const command = options.command ?? [process.execPath, CLI];
  const child = spawn(command[0]!, [...command.slice(1), ...args], {
    cwd: options.cwd ?? ROOT,
    env: cleanEnv({ PORT: String(port), ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  let stdout = '';
  let all = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
    all += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    all += d.toString();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const lines = () =>
    stdout
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as LogLine);
  const proc: CliProcess = {
    child,
    port,
    lines,
    output: () => all,
    exited,
    waitFor: async (match, timeoutMs = 20_000) => {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = stdout
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .map((l) => {
            try {
              return JSON.parse(l) as LogLine;
            } catch {
              return undefined;
            }
          })
          .find((l) => l !== undefined && match(l));
        if (found) return found;
        if (child.exitCode !== null || child.signalCode !== null)
          throw new Error(`oss-preflight exited (${child.exitCode ?? child.signalCode}):\n${all}`);
        if (Date.now() > deadline) throw new Error(`timed out waiting for a log line:\n${all}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    kill: () => {
      if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    },
  };
  running.add(proc);
  child.once('exit', () => running.delete(proc));
  if (options.wait !== false) await proc.waitFor((l) => l.msg === 'gateway listening');
  return proc;
}
