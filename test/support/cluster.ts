import { rmSync } from 'node:fs';
import { build } from 'esbuild';
import { type EmulatedPartition, indexPartitions, PUBLISHED_EXAMPLE } from '../../src/emulator/data.js';
import type { Emulator } from '../../src/emulator/server.js';
import { type GatewayCommand, runGatewayCommand } from './command.js';
import { postGraphQL } from './harness.js';

// Several gateway processes in front of one emulator, as replicas behind a load balancer:
// their own partitions to ask for (one source each, so the emulator tells whose calls are
// whose), a closed-loop load of distinct keys, and the windows the emulator saw calls in.

/** Partitions 1..count of one data source, shaped like the published example. */
export function sourcePartitions(sourceId: number, count: number): EmulatedPartition[] {
  return Array.from({ length: count }, (_, i) => ({ ...PUBLISHED_EXAMPLE, sourceId, id: i + 1, tableName: `t${i + 1}` }));
}

export function partitionsOf(...sets: EmulatedPartition[][]): Map<string, EmulatedPartition> {
  return indexPartitions(sets.flat());
}

const ROOT = new URL('../..', import.meta.url).pathname;

/**
 * The `mms-gateway` command (src/main.ts) bundled by esbuild into one file: several processes
 * starting at once load it in well under half the time tsx takes with the TypeScript sources.
 * It is written below the repository (dist/, ignored by git) so that its packages resolve.
 */
export async function buildGateway(): Promise<{ entry: string; remove(): void }> {
  const entry = `dist/test/gateway-${process.pid}.js`;
  await build({
    entryPoints: [`${ROOT}src/main.ts`],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: `${ROOT}${entry}`,
    logLevel: 'warning',
  });
  return { entry, remove: () => rmSync(`${ROOT}${entry}`, { force: true }) };
}

export interface GatewayProcess {
  command: GatewayCommand;
  graphql: string;
  /** Log lines (JSON) that contain `text`. */
  logLines(text: string): string[];
  metrics(): Promise<string>;
  stop(): Promise<void>;
}

/** Starts the `mms-gateway` command (`entry`, see buildGateway) with `env`, on a free port, and waits for its banner. */
export async function startGatewayProcess(entry: string, env: Record<string, string>): Promise<GatewayProcess> {
  const command = runGatewayCommand({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env }, [], entry);
  const banner = JSON.parse(await command.lineWith('MMS GraphQL gateway on')) as { graphql: string };
  return {
    command,
    graphql: banner.graphql,
    logLines: (text) =>
      command
        .stdout()
        .split('\n')
        .filter((line) => line.startsWith('{') && line.includes(text)),
    metrics: async () => (await fetch(banner.graphql.replace(/\/graphql$/, '/metrics'))).text(),
    stop: async () => {
      if (command.child.exitCode === null) command.child.kill('SIGKILL');
      await command.exited;
    },
  };
}

/** Hands out the next partition of one source: every request asks for a key never asked before. */
export class KeySource {
  private next = 1;
  constructor(readonly sourceId: number) {}
  take(): number {
    const id = this.next;
    this.next += 1;
    return id;
  }
  /** Every partition ID handed out so far. */
  get taken(): number[] {
    return Array.from({ length: this.next - 1 }, (_, i) => i + 1);
  }
}

export interface Answered {
  id: number;
  /** Partition answered as asked, with no error. */
  ok: boolean;
  /** What came back, when it was anything else. */
  problem?: string;
}

// One document for every key: compiled once by each gateway, whatever partition it names.
const PARTITION =
  'query Partition($sourceId: ID!, $partitionId: ID!) { mmsPartition(sourceId: $sourceId, partitionId: $partitionId) { id sourceId tableName status } }';

/** `workers` clients each sending a query and the next one when it is answered, until stopped. */
export function closedLoop(gateway: GatewayProcess, keys: KeySource, workers: number): { stop(): Promise<Answered[]> } {
  const answers: Answered[] = [];
  let running = true;
  const worker = async () => {
    while (running) {
      const id = keys.take();
      try {
        const answer = await postGraphQL(gateway.graphql, PARTITION, { sourceId: String(keys.sourceId), partitionId: String(id) });
        const partition = answer.data?.mmsPartition as { id?: unknown; tableName?: unknown } | null | undefined;
        const ok = answer.status === 200 && !answer.errors && partition?.id === String(id) && partition.tableName === `t${id}`;
        answers.push(ok ? { id, ok } : { id, ok, problem: answer.text });
      } catch (error) {
        answers.push({ id, ok: false, problem: String(error) });
      }
    }
  };
  const all = Promise.all(Array.from({ length: workers }, worker));
  return {
    stop: async () => {
      running = false;
      await all;
      return answers;
    },
  };
}

/** When the emulator received each call for the partitions handed out by `keys` (its clock: performance.now()). */
export function callTimes(emulator: Emulator, ...sources: KeySource[]): number[] {
  return sources.flatMap((keys) => keys.taken.flatMap((id) => emulator.callTimes(keys.sourceId, id))).sort((a, b) => a - b);
}

/** The most calls in any window of `windowMs` that lies wholly within [from, to). */
export function busiestWindow(times: number[], from: number, to: number, windowMs = 1000): number {
  const inside = times.filter((t) => t >= from && t < to);
  let most = 0;
  let end = 0;
  for (let start = 0; start < inside.length; start += 1) {
    const first = inside[start] ?? 0;
    if (first + windowMs > to) break;
    while (end < inside.length && (inside[end] ?? 0) < first + windowMs) end += 1;
    most = Math.max(most, end - start);
  }
  return most;
}

export function countWithin(times: number[], from: number, to: number): number {
  return times.filter((t) => t >= from && t < to).length;
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
