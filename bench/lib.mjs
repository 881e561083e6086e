// Shared helpers for the benchmarks: child processes, peak RSS, a discarding upstream.
import { fork } from 'node:child_process';
import fs from 'node:fs';

/** Starts `file` as a child process and resolves with its reported port once it listens. */
export function startChild(file, args = [], env = {}) {
  return new Promise((resolve, reject) => {
    const child = fork(file, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.once('message', (msg) => resolve({ child, port: msg.port }));
    child.once('exit', (code) => reject(new Error(`${file} exited with ${code}`)));
  });
}

/** Peak resident set size of a process (VmHWM), in MiB. */
export function peakRssMiB(pid) {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0);
  return kb / 1024;
}

export function stop(child) {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

export const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
