import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeFlags } from '../../bench/report.js';

// A smoke test of `npm run bench -- --quick`: the scenarios run, in their own processes, and
// make exactly the upstream calls they should. Times are the benchmark's business, not a test's.
describe('npm run bench -- --quick', () => {
  it('runs every scenario with the expected upstream calls and no errors', { timeout: 180_000 }, () => {
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/run.ts', '--quick'], {
      cwd: new URL('../..', import.meta.url).pathname,
      encoding: 'utf8',
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('| S1: one partition');
    const report = JSON.parse(readFileSync(new URL('../../bench/results/quick.json', import.meta.url), 'utf8')) as {
      results: { name: string; upstreamCallsPerRequest: number; errors: number; requestsPerSecond: number }[];
      c1: { calls: number };
      startFlags: string[];
    };
    const { M1: callsBeside, ...calls } = Object.fromEntries(report.results.map((r) => [r.name, r.upstreamCallsPerRequest]));
    expect(calls).toEqual({ S1: 1, S4: 0, B0: 0, Z1: 1, S2: 50, 'BN-S2': 100, S3: 60, 'BN-S3': 100, S5: 2 });
    // M1's calls run beside its requests, not for them: some were made while requests were served.
    expect(callsBeside).toBeGreaterThan(0);
    for (const result of report.results) {
      expect(result.errors, result.name).toBe(0);
      expect(result.requestsPerSecond, result.name).toBeGreaterThan(0);
    }
    expect(report.c1.calls).toBeGreaterThan(0);
    // Gateways run as `npm start` runs them, heap cap included.
    const { scripts } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } };
    expect(report.startFlags).toEqual(nodeFlags(scripts.start));
    expect(report.startFlags.some((flag) => flag.startsWith('--max-old-space-size='))).toBe(true);
  });
});
