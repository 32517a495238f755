import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { PUBLISHED_EXAMPLE } from '../src/emulator/data.js';
import { RedisServer } from '../test/support/redis.js';
import { type Stream, subscribeOverSse, subscribeOverWebSocket } from '../test/support/subscriptions.js';
import { cpuMicros, PINNING, peakRssMb, pinLoadGenerator, type Spawned, spawnNode } from './processes.js';
import {
  type ClientBaseline,
  callCostBeside,
  median,
  nodeFlags,
  overheadInC1,
  type ScenarioReport,
  type ScenarioResult,
  summarise,
} from './report.js';

// `npm run bench [-- --quick]`: the emulator, the gateway and the load generator each in its own
// process on loopback; every scenario runs for a fixed time after a warm-up. Prints a markdown
// table and writes bench/results/latest.json.

const { values: options } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    // A subset (for profiling one change), e.g. --only=S1,B0; ratios then show what they can.
    only: { type: 'string' },
    rounds: { type: 'string', default: '3' },
  },
});
const quick = options.quick;
const DURATION_S = quick ? 2 : 10;
// A fresh gateway takes about 6 s of S1's load to reach its steady speed (its hot code optimised).
const WARMUP_S = quick ? 0.5 : 6;
// Runs of each scenario, each with fresh processes, taken in turn (S1, S4, ..., then S1 again):
// the same gateway measures 20-40% apart from one process to the next on this machine, so one run
// per scenario cannot carry a ratio. The report keeps the median run and every run's CPU figure.
const ROUNDS = quick ? 1 : Number(options.rounds);
if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`--rounds must be a positive integer, not ${options.rounds}`);
const only = options.only?.split(',');
const KEY = { id: 'LTAIBENCHMARK0000000000', secret: 'bench-secret-0123456789' };

/** A measured gateway's environment: on a free port, signing for the bench's emulator, and `extra`. */
function gatewayEnv(emulator: { url: string }, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PORT: '0',
    LOG_LEVEL: 'info',
    MAXCOMPUTE_ENDPOINT: emulator.url,
    ALIBABA_CLOUD_ACCESS_KEY_ID: KEY.id,
    ALIBABA_CLOUD_ACCESS_KEY_SECRET: KEY.secret,
    ...extra,
  };
}
const FIELDS =
  'id sourceId dbId dbName tableId tableName value spec { column value } size numRows updated lastDdlTime status source { id name } destination { projectName schemaName tableName value }';

interface Scenario {
  name: string;
  description: string;
  variant: 'gateway' | 'b0' | 'bn' | 'm1' | 'z1';
  latencyMs: number;
  connections: number;
  maxConcurrency: number;
  query: string;
  distinctKeys: number;
  /** Serve with the shared in-memory cache on (primed before counting upstream calls). */
  cached?: boolean;
  /** The gateway makes upstream calls of its own accord: count them over the measured run instead. */
  callsBeside?: boolean;
}

const s1 = `{ mmsPartition(sourceId: "200018", partitionId: "2323") { ${FIELDS} } }`;
// 100 aliases over 50 distinct partitions.
const s2 = `{ ${Array.from({ length: 100 }, (_, i) => `a${i}: mmsPartition(sourceId: "200019", partitionId: "${5000 + (i % 50)}") { id tableName status }`).join(' ')} }`;
const s3Keys = Array.from({ length: 100 }, (_, i) => `{ sourceId: "200019", partitionId: "${6000 + (i % 60)}" }`).join(', ');
const s3 = `{ mmsPartitions(keys: [${s3Keys}]) { id tableName status } }`;

// A page of 100 of a source's partitions with every field and their source's kind: one List call and
// one GetMmsDataSource (shared with the source read at the root) per request.
const s5 = `{ mmsDataSource(id: "200019") { partitions(first: 100) { totalCount edges { cursor node { ${FIELDS} source { type } } } } } }`;

const ONE_PARTITION: Scenario = {
  name: 'S1',
  description: 'one partition, all fields, 32 connections',
  variant: 'gateway',
  latencyMs: 0,
  connections: 32,
  maxConcurrency: 16,
  query: s1,
  distinctKeys: 1,
};
const ALIASES: Scenario = {
  name: 'S2',
  description: '100 aliases / 50 distinct, upstream 20 ms, concurrency 16',
  variant: 'gateway',
  latencyMs: 20,
  connections: 1,
  maxConcurrency: 16,
  query: s2,
  distinctKeys: 50,
};
const KEY_LIST: Scenario = {
  name: 'S3',
  description: 'mmsPartitions, 100 keys / 60 distinct, upstream 5 ms',
  variant: 'gateway',
  latencyMs: 5,
  connections: 1,
  maxConcurrency: 16,
  query: s3,
  distinctKeys: 60,
};

// The baselines are the scenarios they are compared with, with one thing changed.
const SCENARIOS: Scenario[] = [
  ONE_PARTITION,
  { ...ONE_PARTITION, name: 'S4', description: 'S1 on a hot key with the shared cache on', cached: true },
  { ...ONE_PARTITION, name: 'B0', description: 'S1 with an in-process upstream (GraphQL cost alone)', variant: 'b0', distinctKeys: 0 },
  {
    ...ONE_PARTITION,
    name: 'M1',
    description: 'B0 with the bare client calling the emulator beside it, 16 at a time',
    variant: 'm1',
    distinctKeys: 0,
    callsBeside: true,
  },
  {
    ...ONE_PARTITION,
    name: 'Z1',
    description: "S1 with each call made by the bare client, none of the gateway's code around it",
    variant: 'z1',
  },
  ALIASES,
  { ...ALIASES, name: 'BN-S2', description: 'S2 without DataLoader', variant: 'bn' },
  KEY_LIST,
  { ...KEY_LIST, name: 'BN-S3', description: 'S3 without DataLoader', variant: 'bn' },
  {
    ...ONE_PARTITION,
    name: 'S5',
    description: 'a page of 100 partitions with source { type }, 32 connections',
    query: s5,
    distinctKeys: 2,
  },
];

// Q3: the upstream quota of a cluster. Three replicas on one Redis, each loaded far beyond its
// share: how many calls reach the upstream each second, against MMS_MAX_QPS. Left out of --quick
// (a rate over seconds; test/cluster proves the behaviour) unless --only names it.
const CLUSTER = { name: 'Q3', replicas: 3, maxQps: 300, connectionsPerReplica: 32 } as const;
const runCluster = only ? only.includes(CLUSTER.name) : !quick;

interface ClusterResult {
  name: string;
  description: string;
  maxQps: number;
  replicas: number;
  upstreamCallsPerSecond: number;
  quotaUsedPercent: number;
  /** The highest rate the emulator counted over one second of the run (sampled about each second). */
  busiestSecond: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

// The emulator's data: the published example plus the partitions S2 and S3 ask for.
const DATA_FILE = join(mkdtempSync(join(tmpdir(), 'mms-bench-')), 'partitions.json');
writeFileSync(
  DATA_FILE,
  JSON.stringify([
    PUBLISHED_EXAMPLE,
    ...[...Array.from({ length: 50 }, (_, i) => 5000 + i), ...Array.from({ length: 60 }, (_, i) => 6000 + i)].map((id) => ({
      ...PUBLISHED_EXAMPLE,
      id,
      sourceId: 200019,
      tableName: `t${id}`,
    })),
  ]),
);

async function startEmulator(latencyMs: number): Promise<Spawned & { url: string }> {
  const emulator = await spawnNode(
    [
      '--import',
      'tsx',
      'src/emulator/main.ts',
      '--port',
      '0',
      '--latency-ms',
      String(latencyMs),
      '--data',
      DATA_FILE,
      // The demo inventory around them, for S5's listing.
      '--demo',
      '--access-key-id',
      KEY.id,
      '--access-key-secret',
      KEY.secret,
    ],
    {},
    'endpoint',
    'other',
  );
  return { ...emulator, url: String(emulator.banner.endpoint) };
}

async function emulatorCalls(url: string): Promise<number> {
  return ((await (await fetch(`${url}/_emulator/stats`)).json()) as { total: number }).total;
}

async function post(url: string, query: string): Promise<{ status: number; errors: number }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as { errors?: unknown[] };
  return { status: response.status, errors: body.errors?.length ?? 0 };
}

// Gateways run with the Node flags of `npm start`.
const START_FLAGS = nodeFlags(
  (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: { start: string } }).scripts.start,
);

async function runScenario(scenario: Scenario): Promise<ScenarioResult> {
  const emulator = await startEmulator(scenario.latencyMs);
  const env = gatewayEnv(emulator, {
    MMS_MAX_CONCURRENCY: String(scenario.maxConcurrency),
    MMS_MAX_KEYS_PER_REQUEST: '1000',
    MMS_CACHE: scenario.cached ? 'on' : 'off',
  });
  // Every gateway runs as `npm start` runs it: built by esbuild, without a TypeScript loader, with its Node flags.
  const args = [
    ...START_FLAGS,
    ...(scenario.variant === 'gateway' ? ['dist/main.js'] : ['dist/bench/variant-gateway.js', scenario.variant]),
  ];
  const gateway = await spawnNode(args, env, 'graphql', 'measured');
  const url = String(gateway.banner.graphql);
  const pid = gateway.child.pid ?? 0;
  try {
    // Exact upstream calls per request, from three requests on their own (a hot cache is primed
    // first); for calls made beside the requests, their count over the measured run instead.
    let upstreamCallsPerRequest = 0;
    if (!scenario.callsBeside) {
      if (scenario.cached) await post(url, scenario.query);
      const callsBefore = await emulatorCalls(emulator.url);
      for (let i = 0; i < 3; i += 1) await post(url, scenario.query);
      upstreamCallsPerRequest = ((await emulatorCalls(emulator.url)) - callsBefore) / 3;
    }

    const load = (duration: number) =>
      autocannon({
        url,
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: scenario.query }),
        connections: scenario.connections,
        duration,
      });
    await load(WARMUP_S);
    const cpuBefore = cpuMicros(pid);
    const windowCallsBefore = await emulatorCalls(emulator.url);
    const result = await load(DURATION_S);
    const cpuUsed = cpuMicros(pid) - cpuBefore;
    const requests = result.requests.total;
    if (scenario.callsBeside) {
      const callsDuringRun = (await emulatorCalls(emulator.url)) - windowCallsBefore;
      upstreamCallsPerRequest = Math.round((callsDuringRun / Math.max(1, requests)) * 1000) / 1000;
    }
    // HTTP errors come from autocannon; GraphQL errors are checked on one more answer.
    const check = await post(url, scenario.query);
    return {
      name: scenario.name,
      description: scenario.description,
      requestsPerSecond: Math.round(result.requests.average),
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      cpuMicrosPerRequest: Math.round(cpuUsed / Math.max(1, requests)),
      cpuBusyPercent: Math.round(cpuUsed / (result.duration * 1e4)),
      upstreamCallsPerRequest,
      peakRssMb: Math.round(peakRssMb(pid)),
      errors: result.errors + result.timeouts + result.non2xx + check.errors + (check.status === 200 ? 0 : 1),
      distinctKeys: scenario.distinctKeys,
    };
  } finally {
    await gateway.stop();
    await emulator.stop();
  }
}

async function runClusterScenario(): Promise<ClusterResult> {
  const [redis, emulator] = await Promise.all([RedisServer.start(), startEmulator(0)]);
  const env = gatewayEnv(emulator, {
    REDIS_URL: redis.url,
    // Every request one call: the same key over and over, no shared cache.
    MMS_CACHE: 'off',
    MMS_MAX_QPS: String(CLUSTER.maxQps),
    MMS_EXPECTED_REPLICAS: String(CLUSTER.replicas),
  });
  const gateways: Spawned[] = [];
  try {
    for (let i = 0; i < CLUSTER.replicas; i += 1)
      gateways.push(await spawnNode([...START_FLAGS, 'dist/main.js'], env, 'graphql', 'measured'));
    const urls = gateways.map((gateway) => String(gateway.banner.graphql));
    const load = (duration: number) =>
      Promise.all(
        urls.map((url) =>
          autocannon({
            url,
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({ query: s1 }),
            connections: CLUSTER.connectionsPerReplica,
            duration,
          }),
        ),
      );
    await load(WARMUP_S);
    const before = await emulatorCalls(emulator.url);
    let running = true;
    const perSecond: number[] = [];
    const sampling = (async () => {
      let last = { calls: before, at: performance.now() };
      while (running) {
        await new Promise((resolve) => setTimeout(resolve, 1000));
        const now = { calls: await emulatorCalls(emulator.url), at: performance.now() };
        // Timers and the stats call take their time: each sample is a rate over the time it really covered.
        if (running) perSecond.push(Math.round(((now.calls - last.calls) * 1000) / (now.at - last.at)));
        last = now;
      }
    })();
    const results = await load(DURATION_S);
    running = false;
    await sampling;
    const calls = (await emulatorCalls(emulator.url)) - before;
    const checks = await Promise.all(urls.map((url) => post(url, s1)));
    const upstreamCallsPerSecond = Math.round(calls / DURATION_S);
    return {
      name: CLUSTER.name,
      description: `${CLUSTER.replicas} replicas on one Redis, MMS_MAX_QPS=${CLUSTER.maxQps}, ${CLUSTER.connectionsPerReplica} connections each`,
      maxQps: CLUSTER.maxQps,
      replicas: CLUSTER.replicas,
      upstreamCallsPerSecond,
      quotaUsedPercent: Math.round((100 * upstreamCallsPerSecond) / CLUSTER.maxQps),
      busiestSecond: Math.max(...perSecond),
      requestsPerSecond: Math.round(results.reduce((sum, result) => sum + result.requests.average, 0)),
      p50Ms: Math.max(...results.map((result) => result.latency.p50)),
      p99Ms: Math.max(...results.map((result) => result.latency.p99)),
      errors:
        results.reduce((sum, result) => sum + result.errors + result.timeouts + result.non2xx, 0) +
        checks.reduce((sum, check) => sum + check.errors + (check.status === 200 ? 0 : 1), 0),
    };
  } finally {
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await emulator.stop();
    await redis.stop();
  }
}

// L1, L2: live status for many viewers. 1,000 subscribers over 100 partitions of the demo's big
// table (DONE, DOING and INIT ones, so every poll interval is at work), default intervals: how many
// upstream calls a minute are made, against one poller per subscriber. L1 is one gateway (SSE);
// L2 two replicas on one Redis, half the subscribers on each (SSE on the first, graphql-ws on the
// second): one poller per partition for the cluster, so about L1's calls. Left out of --quick
// unless --only names them.
interface LiveScenario {
  name: string;
  replicas: number;
  subscribers: number;
  partitions: number;
  firstPartitionId: number;
  windowS: number;
}
const LIVE_SCENARIOS: LiveScenario[] = [
  { name: 'L1', replicas: 1, subscribers: 1000, partitions: 100, firstPartitionId: 8141, windowS: 60 },
  { name: 'L2', replicas: 2, subscribers: 1000, partitions: 100, firstPartitionId: 8141, windowS: 60 },
];
const liveSelected = LIVE_SCENARIOS.filter((scenario) => (only ? only.includes(scenario.name) : !quick));

interface LiveResult {
  name: string;
  description: string;
  replicas: number;
  subscribers: number;
  partitions: number;
  upstreamCallsPerMinute: number;
  /** What polling per subscriber at the same intervals would cost. */
  perSubscriberCallsPerMinute: number;
  eventsReceived: number;
  /** Of each replica, in the order started. */
  gatewayCpuPercent: number[];
  peakRssMb: number[];
  errors: number;
}

async function runLiveScenario(scenario: LiveScenario): Promise<LiveResult> {
  const emulator = await startEmulator(0);
  const redis = scenario.replicas > 1 ? await RedisServer.start() : null;
  const env = gatewayEnv(emulator, redis ? { REDIS_URL: redis.url } : {});
  const gateways: Spawned[] = [];
  const streams: Stream[] = [];
  let refused = 0;
  try {
    for (let i = 0; i < scenario.replicas; i += 1)
      gateways.push(await spawnNode([...START_FLAGS, 'dist/main.js'], env, 'graphql', 'measured'));
    const urls = gateways.map((gateway) => String(gateway.banner.graphql).replace(/\/graphql$/, ''));
    const keys = Array.from({ length: scenario.partitions }, (_, i) => ({
      sourceId: '200019',
      partitionId: String(scenario.firstPartitionId + i),
    }));
    await Promise.all(
      Array.from({ length: scenario.subscribers }, async (_, i) => {
        const replica = i % scenario.replicas;
        const url = urls[replica] ?? '';
        const variables = { keys: [keys[Math.floor(i / scenario.replicas) % scenario.partitions]] };
        try {
          streams.push(replica === 0 ? await subscribeOverSse(url, variables) : subscribeOverWebSocket(url, variables));
        } catch {
          refused += 1;
        }
      }),
    );
    const counts = () => {
      const events = streams.flatMap((stream) => stream.events);
      return { events: events.length, errors: refused + events.filter((event) => event.errors).length };
    };
    // Every subscriber has its first event, then the window starts.
    const settleUntil = Date.now() + 30_000;
    while (counts().events < scenario.subscribers && Date.now() < settleUntil) await new Promise((resolve) => setTimeout(resolve, 100));
    const before = await emulatorCalls(emulator.url);
    const cpuBefore = gateways.map((gateway) => cpuMicros(gateway.child.pid ?? 0));
    await new Promise((resolve) => setTimeout(resolve, scenario.windowS * 1000));
    const calls = (await emulatorCalls(emulator.url)) - before;
    const cpuUsed = gateways.map((gateway, i) => cpuMicros(gateway.child.pid ?? 0) - (cpuBefore[i] ?? 0));
    const upstreamCallsPerMinute = Math.round((calls * 60) / scenario.windowS);
    const partitionsSaid = `200019/${scenario.firstPartitionId}–${scenario.firstPartitionId + scenario.partitions - 1}: DONE, DOING, INIT`;
    return {
      name: scenario.name,
      description:
        scenario.replicas === 1
          ? `${scenario.subscribers} SSE subscribers over ${scenario.partitions} partitions (${partitionsSaid}), default intervals, ${scenario.windowS} s`
          : `${scenario.subscribers} subscribers over ${scenario.partitions} partitions (${partitionsSaid}) across ${scenario.replicas} replicas on one Redis (SSE on the first, graphql-ws on the others), default intervals, ${scenario.windowS} s`,
      replicas: scenario.replicas,
      subscribers: scenario.subscribers,
      partitions: scenario.partitions,
      upstreamCallsPerMinute,
      perSubscriberCallsPerMinute: Math.round((upstreamCallsPerMinute * scenario.subscribers) / scenario.partitions),
      eventsReceived: counts().events,
      gatewayCpuPercent: cpuUsed.map((used) => Math.round((used / (scenario.windowS * 1e6)) * 1000) / 10),
      peakRssMb: gateways.map((gateway) => Math.round(peakRssMb(gateway.child.pid ?? 0))),
      errors: counts().errors,
    };
  } finally {
    for (const stream of streams) stream.close();
    await Promise.all(gateways.map((gateway) => gateway.stop()));
    await emulator.stop();
    await redis?.stop();
  }
}

async function runClientBaseline(): Promise<ClientBaseline> {
  const emulator = await startEmulator(0);
  try {
    const loop = await spawnNode(
      ['--import', 'tsx', 'bench/client-loop.ts', emulator.url, '32', String(DURATION_S)],
      { ALIBABA_CLOUD_ACCESS_KEY_ID: KEY.id, ALIBABA_CLOUD_ACCESS_KEY_SECRET: KEY.secret },
      'cpuMicrosPerCall',
      'measured',
    );
    await loop.stop();
    return loop.banner as unknown as ClientBaseline;
  } finally {
    await emulator.stop();
  }
}

const ROOT = new URL('..', import.meta.url).pathname;
execFileSync('npm', ['run', '-s', 'build'], { cwd: ROOT, stdio: 'inherit' });
execFileSync(
  'npx',
  [
    'esbuild',
    'bench/variant-gateway.ts',
    '--bundle',
    '--packages=external',
    '--platform=node',
    '--format=esm',
    '--target=node20',
    '--outfile=dist/bench/variant-gateway.js',
    '--log-level=warning',
  ],
  { cwd: ROOT, stdio: 'inherit' },
);
pinLoadGenerator();
const selected = SCENARIOS.filter((s) => !only || only.includes(s.name));
const runs = selected.map((scenario) => ({ scenario, results: [] as ScenarioResult[] }));
const c1Runs: ClientBaseline[] = [];
// With only Q3, L1 or L2 asked for, no round (and so no C1) is run.
for (let round = 1; round <= ROUNDS && runs.length > 0; round += 1) {
  for (const { scenario, results } of runs) {
    results.push(await runScenario(scenario));
    process.stderr.write(`${scenario.name} done (round ${round} of ${ROUNDS})\n`);
  }
  c1Runs.push(await runClientBaseline());
}
const cluster = runCluster ? await runClusterScenario() : null;
if (cluster) process.stderr.write(`${cluster.name} done\n`);
const live: LiveResult[] = [];
for (const scenario of liveSelected) {
  live.push(await runLiveScenario(scenario));
  process.stderr.write(`${scenario.name} done\n`);
}
const results = runs.map((run) => summarise(run.results));
const c1 =
  c1Runs.length > 0
    ? { ...median(c1Runs, (run) => run.cpuMicrosPerCall), cpuMicrosPerCallRuns: c1Runs.map((run) => Math.round(run.cpuMicrosPerCall)) }
    : { cpuMicrosPerCall: Number.NaN, calls: Number.NaN, cpuMicrosPerCallRuns: [] };
const spread = (values: number[]) => (values.length > 1 ? ` (${Math.min(...values)}–${Math.max(...values)})` : '');
const byName = (name: string) => results.find((r) => r.name === name);
const [S1, B0, S2, BN2, S3, BN3, S4, M1, Z1, S5] = ['S1', 'B0', 'S2', 'BN-S2', 'S3', 'BN-S3', 'S4', 'M1', 'Z1', 'S5'].map(byName);
// What a bare call costs when GraphQL work shares the process with it (M1), and S1's overhead in such calls.
const callBesideB0 = M1 && B0 ? callCostBeside(M1.cpuMicrosPerRequest, B0.cpuMicrosPerRequest, M1.upstreamCallsPerRequest) : Number.NaN;
// A figure for each round from that round's runs (NaN where a scenario was not run), two decimals.
const cpu = (scenario: ScenarioReport | undefined, round: number) => scenario?.cpuMicrosPerRequestRuns[round] ?? Number.NaN;
const byRound = (figure: (round: number, c1Run: ClientBaseline) => number) =>
  c1Runs.map((c1Run, round) => Math.round(figure(round, c1Run) * 100) / 100);
const idealS2Ms = Math.ceil(ALIASES.distinctKeys / ALIASES.maxConcurrency) * ALIASES.latencyMs;
const ratios = {
  s1OverheadInC1: S1 && B0 ? overheadInC1(S1.cpuMicrosPerRequest, B0.cpuMicrosPerRequest, c1.cpuMicrosPerCall) : Number.NaN,
  // The same ratio within each round, whose S1, B0 and C1 runs were measured minutes apart, not a quarter of an hour.
  s1OverheadInC1ByRound: byRound((round, c1Run) => overheadInC1(cpu(S1, round), cpu(B0, round), c1Run.cpuMicrosPerCall)),
  // The same ratio for a gateway adding nothing to the library's calls (Z1): what S1 can come down to.
  z1OverheadInC1: Z1 && B0 ? overheadInC1(Z1.cpuMicrosPerRequest, B0.cpuMicrosPerRequest, c1.cpuMicrosPerCall) : Number.NaN,
  z1OverheadInC1ByRound: byRound((round, c1Run) => overheadInC1(cpu(Z1, round), cpu(B0, round), c1Run.cpuMicrosPerCall)),
  // What the gateway's own code around its call (retry, breaker, span, reports, reader) costs per request.
  s1OverZ1Micros: S1 && Z1 ? S1.cpuMicrosPerRequest - Z1.cpuMicrosPerRequest : Number.NaN,
  s1OverZ1MicrosByRound: byRound((round) => cpu(S1, round) - cpu(Z1, round)),
  callBesideB0Micros: callBesideB0,
  callBesideB0OverC1: callBesideB0 / c1.cpuMicrosPerCall,
  s1OverheadInCallsBesideB0: S1 && B0 ? (S1.cpuMicrosPerRequest - B0.cpuMicrosPerRequest) / callBesideB0 : Number.NaN,
  s1OverheadInCallsBesideB0ByRound: byRound(
    (round) =>
      (cpu(S1, round) - cpu(B0, round)) /
      callCostBeside(cpu(M1, round), cpu(B0, round), M1?.upstreamCallsPerRequestRuns[round] ?? Number.NaN),
  ),
  s2P50OverIdeal: S2 ? S2.p50Ms / idealS2Ms : Number.NaN,
  s2CallsOverDistinct: S2 ? S2.upstreamCallsPerRequest / S2.distinctKeys : Number.NaN,
  s3CallsOverDistinct: S3 ? S3.upstreamCallsPerRequest / S3.distinctKeys : Number.NaN,
  naiveCallsOverOursS2: S2 && BN2 ? BN2.upstreamCallsPerRequest / S2.upstreamCallsPerRequest : Number.NaN,
  naiveCallsOverOursS3: S3 && BN3 ? BN3.upstreamCallsPerRequest / S3.upstreamCallsPerRequest : Number.NaN,
  s4ThroughputOverB0: S4 && B0 ? S4.requestsPerSecond / B0.requestsPerSecond : Number.NaN,
  s4ThroughputOverB0ByRound: byRound(
    (round) => (S4?.requestsPerSecondRuns[round] ?? Number.NaN) / (B0?.requestsPerSecondRuns[round] ?? Number.NaN),
  ),
};

const lines = [
  `| scenario | req/s | p50 ms | p99 ms | gateway CPU µs/req${ROUNDS > 1 ? ' (all runs)' : ''} | CPU busy % | upstream calls/req | peak RSS MB | errors |`,
  `|---|---|---|---|---|---|---|---|---|`,
  ...results.map(
    (r) =>
      `| ${r.name}: ${r.description} | ${r.requestsPerSecond} | ${r.p50Ms} | ${r.p99Ms} | ${r.cpuMicrosPerRequest}${spread(r.cpuMicrosPerRequestRuns)} | ${r.cpuBusyPercent} | ${r.upstreamCallsPerRequest} | ${r.peakRssMb} | ${r.errors} |`,
  ),
  `| C1: bare client library, 32 concurrent | ${Math.round(c1.calls / DURATION_S)} calls/s | | | ${Math.round(c1.cpuMicrosPerCall)}${spread(c1.cpuMicrosPerCallRuns)} per call | | 1 | | |`,
  '',
  `- (S1 − B0) CPU ÷ C1: **${ratios.s1OverheadInC1.toFixed(2)}** (target ≤ 1.3)${ROUNDS > 1 ? `; round by round: ${ratios.s1OverheadInC1ByRound.join(', ')}` : ''}`,
  `- the same for a gateway adding nothing to the bare call, (Z1 − B0) ÷ C1: **${ratios.z1OverheadInC1.toFixed(2)}**${ROUNDS > 1 ? `; round by round: ${ratios.z1OverheadInC1ByRound.join(', ')}` : ''}; S1 − Z1 (the gateway's own code around its call): **${ratios.s1OverZ1Micros} µs** per request${ROUNDS > 1 ? `; round by round: ${ratios.s1OverZ1MicrosByRound.join(', ')}` : ''}`,
  `- a bare call beside GraphQL work, (M1 − B0) ÷ M1's calls per request: **${Math.round(ratios.callBesideB0Micros)} µs** CPU, ${ratios.callBesideB0OverC1.toFixed(2)} × C1; (S1 − B0) ÷ that: **${ratios.s1OverheadInCallsBesideB0.toFixed(2)}**${ROUNDS > 1 ? `; round by round: ${ratios.s1OverheadInCallsBesideB0ByRound.join(', ')}` : ''}`,
  `- S2 p50 ÷ ideal fan-out (ceil(${ALIASES.distinctKeys}/${ALIASES.maxConcurrency}) × ${ALIASES.latencyMs} ms = ${idealS2Ms} ms): **${ratios.s2P50OverIdeal.toFixed(2)}** (target ≤ 1.25)`,
  `- upstream calls ÷ distinct keys: S2 **${ratios.s2CallsOverDistinct}**, S3 **${ratios.s3CallsOverDistinct}** (target 1)`,
  `- naive (no DataLoader) calls ÷ ours: S2 **${ratios.naiveCallsOverOursS2}**, S3 **${ratios.naiveCallsOverOursS3.toFixed(2)}**`,
  `- S4 throughput ÷ B0: **${ratios.s4ThroughputOverB0.toFixed(2)}** (target ≥ 0.9)${ROUNDS > 1 ? `; round by round: ${ratios.s4ThroughputOverB0ByRound.join(', ')}` : ''}`,
  `- S5, a page of 100 partitions with \`source { type }\`: **${S5?.upstreamCallsPerRequest ?? 'NaN'}** upstream calls and **${S5?.cpuMicrosPerRequest ?? 'NaN'} µs** gateway CPU per request (${S5 && S1 ? (S5.cpuMicrosPerRequest / S1.cpuMicrosPerRequest).toFixed(1) : 'NaN'} × S1's, for 100 partitions instead of 1)`,
  cluster
    ? `- ${cluster.name}, ${cluster.description}: **${cluster.upstreamCallsPerSecond}** upstream calls a second, **${cluster.quotaUsedPercent}%** of the quota (busiest second ${cluster.busiestSecond}); ${cluster.requestsPerSecond} req/s, p50 ${cluster.p50Ms} ms, p99 ${cluster.p99Ms} ms, ${cluster.errors} errors`
    : `- ${CLUSTER.name} (the quota of a cluster): not run`,
  ...LIVE_SCENARIOS.map((scenario) => {
    const result = live.find((run) => run.name === scenario.name);
    return result
      ? `- ${result.name}, ${result.description}: **${result.upstreamCallsPerMinute}** upstream calls a minute (one poller per subscriber at the same intervals: ${result.perSubscriberCallsPerMinute}); ${result.eventsReceived} events received, gateway CPU ${result.gatewayCpuPercent.join(' + ')}%, peak RSS ${result.peakRssMb.join(' + ')} MB, ${result.errors} errors`
      : `- ${scenario.name} (live status for many subscribers${scenario.replicas > 1 ? ', across replicas' : ''}): not run`;
  }),
  `- ${quick ? 'quick mode: ' : ''}${DURATION_S} s per scenario after ${WARMUP_S} s of warm-up, ${ROUNDS === 1 ? 'one run' : `median of ${ROUNDS} runs taken in turn (peak RSS: the highest; errors: all runs)`}; Node ${process.version}, gateway started as \`npm start\` starts it (${START_FLAGS.join(' ')}); ${PINNING ? `measured process on CPU ${PINNING.measured}, emulator and load generator on CPU ${PINNING.others}` : 'processes not pinned to CPUs'}`,
];
process.stdout.write(`${lines.join('\n')}\n`);
writeFileSync(
  new URL(quick ? 'results/quick.json' : 'results/latest.json', import.meta.url),
  `${JSON.stringify({ date: new Date().toISOString(), quick, durationSeconds: DURATION_S, rounds: ROUNDS, node: process.version, startFlags: START_FLAGS, pinning: PINNING, results, c1, ratios, cluster, live }, null, 2)}\n`,
);
