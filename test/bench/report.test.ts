import { describe, expect, it } from 'vitest';
import { callCostBeside, median, nodeFlags, overheadInC1, type ScenarioResult, summarise } from '../../bench/report.js';

function run(cpuMicrosPerRequest: number, peakRssMb: number, errors: number, upstreamCallsPerRequest = 1): ScenarioResult {
  return {
    name: 'S1',
    description: 'one partition',
    requestsPerSecond: Math.round(1e6 / cpuMicrosPerRequest),
    p50Ms: 20,
    p99Ms: 40,
    cpuMicrosPerRequest,
    cpuBusyPercent: 99,
    upstreamCallsPerRequest,
    peakRssMb,
    errors,
    distinctKeys: 1,
  };
}

describe('the benchmark report', () => {
  it('keeps the median run by CPU (the lower middle for an even count), and refuses no runs', () => {
    expect(median([{ cpu: 900 }, { cpu: 700 }, { cpu: 800 }], (r) => r.cpu)).toEqual({ cpu: 800 });
    expect(median([{ cpu: 900 }, { cpu: 700 }], (r) => r.cpu)).toEqual({ cpu: 700 });
    expect(() => median([], (r: { cpu: number }) => r.cpu)).toThrow('no runs');
  });

  it('summarises rounds: the median run, the highest peak RSS, every error, every CPU figure in round order', () => {
    const report = summarise([run(912, 151, 0, 0.5), run(780, 164, 1, 0.25), run(961, 140, 2, 1)]);
    expect(report).toMatchObject({ cpuMicrosPerRequest: 912, requestsPerSecond: 1096, peakRssMb: 164, errors: 3 });
    expect(report.cpuMicrosPerRequestRuns).toEqual([912, 780, 961]);
    expect(report.requestsPerSecondRuns).toEqual([1096, 1282, 1041]);
    expect(report.upstreamCallsPerRequestRuns).toEqual([0.5, 0.25, 1]);
  });

  it('expresses what S1 adds over B0 in calls of the bare client', () => {
    expect(overheadInC1(900, 400, 200)).toBe(2.5);
  });

  it('spreads what M1 costs over B0 across the calls it made beside each request', () => {
    // 0.5 calls per request costing 100 µs over B0's 400: 200 µs per call.
    expect(callCostBeside(500, 400, 0.5)).toBe(200);
    expect(callCostBeside(700, 400, 1.5)).toBe(200);
  });

  it("reads the Node flags of a start script, not the script's own arguments", () => {
    expect(nodeFlags('npm run -s build && node --enable-source-maps --max-old-space-size=2000 dist/main.js --port 4000')).toEqual([
      '--enable-source-maps',
      '--max-old-space-size=2000',
    ]);
    expect(nodeFlags('node dist/main.js')).toEqual([]);
  });
});
