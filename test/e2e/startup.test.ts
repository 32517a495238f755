import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { postGraphQL } from '../support/harness.js';

const ROOT = new URL('../..', import.meta.url).pathname;

/** Runs `src/main.ts` as `npm start` does, with only the given environment. */
function startMain(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', ...env } });
}

async function output(child: ChildProcess): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

describe('start-up', () => {
  it('stops on invalid configuration with one line per problem, exit code 1, nothing started', async () => {
    const { code, stdout, stderr } = await output(startMain({ PORT: '99999', MMS_TIMEOUT_MS: 'soon' }));
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n').sort()).toEqual([
      'config error: MMS_TIMEOUT_MS (got "soon"): must be an integer from 100 to 600000',
      'config error: PORT (got "99999"): must be an integer from 0 to 65535',
    ]);
  });

  it('with no endpoint, serves the embedded emulator, says so in one JSON line, and stops on SIGTERM', async () => {
    const child = startMain({ PORT: '0' });
    const exited = output(child);
    try {
      let firstLine = '';
      for await (const chunk of child.stdout ?? []) {
        firstLine += String(chunk);
        if (firstLine.includes('\n')) break;
      }
      const banner = JSON.parse(firstLine.split('\n')[0] ?? '') as { msg: string; graphql: string };
      expect(banner.msg).toMatch(/embedded MaxCompute emulator/);
      const answer = await postGraphQL(banner.graphql, '{ mmsPartition(sourceId: "200018", partitionId: "2323") { tableName status } }');
      expect(answer.data).toEqual({ mmsPartition: { tableName: 't1', status: 'DONE' } });
    } finally {
      child.kill('SIGTERM');
    }
    expect((await exited).code).toBe(0);
  });
});
