import { type ChildProcess, spawn } from 'node:child_process';

const ROOT = new URL('../..', import.meta.url).pathname;

export interface GatewayCommand {
  child: ChildProcess;
  /** Everything the process wrote so far. */
  stdout: () => string;
  stderr: () => string;
  /** Resolves with the first stdout line containing `text`; rejects if the process exits first. */
  lineWith: (text: string) => Promise<string>;
  exited: Promise<{ code: number | null; stdout: string; stderr: string }>;
}

/**
 * Runs the `mms-gateway` command as `npm start` does, with only the given environment (`entry`: the
 * same command built into one file). Output is read through one `data` listener per stream: mixing
 * it with an async iterator loses chunks.
 */
export function runGatewayCommand(env: Record<string, string>, args: string[] = [], entry = 'bin/mms-gateway.js'): GatewayCommand {
  const child = spawn(process.execPath, [entry, ...args], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
  let stdout = '';
  let stderr = '';
  const waiters = new Set<() => void>();
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk;
    for (const wake of waiters) wake();
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk));
  let closed = false;
  const exited = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    child.on('close', (code) => {
      closed = true;
      resolve({ code, stdout, stderr });
      for (const wake of waiters) wake();
    });
  });

  const lineWith = (text: string) =>
    new Promise<string>((resolve, reject) => {
      const check = () => {
        const line = stdout.split('\n').find((candidate, index, lines) => index < lines.length - 1 && candidate.includes(text));
        if (line !== undefined) {
          waiters.delete(check);
          resolve(line);
        } else if (closed) {
          waiters.delete(check);
          reject(new Error(`the command exited before printing ${JSON.stringify(text)}:\n${stdout}${stderr}`));
        }
      };
      waiters.add(check);
      check();
    });

  return { child, stdout: () => stdout, stderr: () => stderr, lineWith, exited };
}
