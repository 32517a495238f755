import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

const ROOT = new URL('..', import.meta.url).pathname;
const CLOCK_TICKS_PER_SECOND = 100;

function hasTaskset(): boolean {
  try {
    execFileSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * CPU placement: the process measured (gateway or bare client) alone on CPU 0, the emulator and
 * the load generator on the others. Left to the scheduler, the three share every core and each
 * one's CPU time per request grows with the others' load (a cache-cold core, a preempted
 * event loop), which is noise, not the gateway's cost. Needs taskset and two CPUs; else unpinned.
 */
export const PINNING = availableParallelism() >= 2 && hasTaskset() ? { measured: '0', others: `1-${availableParallelism() - 1}` } : null;

/** Moves this process (the load generator) and its threads onto the CPUs of the others. */
export function pinLoadGenerator(): void {
  if (PINNING) execFileSync('taskset', ['-a', '-p', '-c', PINNING.others, String(process.pid)], { stdio: 'ignore' });
}

export interface Spawned {
  child: ChildProcess;
  /** The first JSON log line that has `field`, parsed. */
  banner: Record<string, unknown>;
  stop(): Promise<void>;
}

/**
 * Starts a Node program of this repository and waits for its JSON line that names `field`;
 * `role` places it (see PINNING): taskset execs node, so the pid is node's.
 */
export async function spawnNode(args: string[], env: Record<string, string>, field: string, role: 'measured' | 'other'): Promise<Spawned> {
  const [command, commandArgs] = PINNING
    ? ['taskset', ['-c', role === 'measured' ? PINNING.measured : PINNING.others, process.execPath, ...args]]
    : [process.execPath, args];
  const child = spawn(command, commandArgs, {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  let output = '';
  const banner = await new Promise<Record<string, unknown>>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code} before it was ready:\n${output}`)));
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk;
      // The last piece may be a line still being written: only whole lines are parsed.
      for (const line of output.split('\n').slice(0, -1)) {
        if (!line.startsWith('{')) continue;
        const parsed = JSON.parse(line) as Record<string, unknown>;
        if (field in parsed) resolve(parsed);
      }
    });
  });
  child.stdout?.removeAllListeners('data');
  child.stdout?.resume();
  return {
    child,
    banner,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** CPU time (user + system) a process has used so far, in microseconds, from /proc. */
export function cpuMicros(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const ticks = Number(fields[11]) + Number(fields[12]);
  return (ticks / CLOCK_TICKS_PER_SECOND) * 1e6;
}

/** Peak resident memory of a process so far, in MB (VmHWM). */
export function peakRssMb(pid: number): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) / 1024 : Number.NaN;
}
