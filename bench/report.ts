// How the benchmark turns runs into its report: pure functions, tested on their own.

export interface ScenarioResult {
  name: string;
  description: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  cpuMicrosPerRequest: number;
  /** How much of one CPU the gateway used over the run: below about 95, something else held the load back. */
  cpuBusyPercent: number;
  upstreamCallsPerRequest: number;
  peakRssMb: number;
  errors: number;
  distinctKeys: number;
}

/** What the bare client loop (C1) prints. */
export interface ClientBaseline {
  cpuMicrosPerCall: number;
  calls: number;
}

/** A scenario over its rounds: the median run by CPU, the highest peak RSS, every error. */
export interface ScenarioReport extends ScenarioResult {
  cpuMicrosPerRequestRuns: number[];
  requestsPerSecondRuns: number[];
  upstreamCallsPerRequestRuns: number[];
}

/** The middle run by `by` (the lower of the two middle ones for an even count). */
export function median<T>(runs: T[], by: (run: T) => number): T {
  const sorted = [...runs].sort((a, b) => by(a) - by(b));
  const middle = sorted[Math.floor((sorted.length - 1) / 2)];
  if (middle === undefined) throw new Error('no runs');
  return middle;
}

export function summarise(runs: ScenarioResult[]): ScenarioReport {
  return {
    ...median(runs, (run) => run.cpuMicrosPerRequest),
    peakRssMb: Math.max(...runs.map((run) => run.peakRssMb)),
    errors: runs.reduce((sum, run) => sum + run.errors, 0),
    cpuMicrosPerRequestRuns: runs.map((run) => run.cpuMicrosPerRequest),
    requestsPerSecondRuns: runs.map((run) => run.requestsPerSecond),
    upstreamCallsPerRequestRuns: runs.map((run) => run.upstreamCallsPerRequest),
  };
}

/** What S1 adds over B0, in calls of the bare client: (S1 − B0) ÷ C1. */
export function overheadInC1(s1CpuMicros: number, b0CpuMicros: number, c1CpuMicrosPerCall: number): number {
  return (s1CpuMicros - b0CpuMicros) / c1CpuMicrosPerCall;
}

/**
 * CPU per upstream call in a process that also serves GraphQL (M1: B0 plus bare calls beside it):
 * M1's CPU per request less B0's, spread over M1's calls per request.
 */
export function callCostBeside(m1CpuMicros: number, b0CpuMicros: number, callsPerRequest: number): number {
  return (m1CpuMicros - b0CpuMicros) / callsPerRequest;
}

/** The Node flags of a package script such as `npm run -s build && node --flag dist/main.js`. */
export function nodeFlags(script: string): string[] {
  const words = script.split(/\s+/);
  const flags: string[] = [];
  for (const word of words.slice(words.indexOf('node') + 1)) {
    if (!word.startsWith('-')) break;
    flags.push(word);
  }
  return flags;
}
