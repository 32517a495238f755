import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, generateCredential, startEmulator } from '../../src/emulator/server.js';
import {
  type Answered,
  buildGateway,
  busiestWindow,
  callTimes,
  closedLoop,
  countWithin,
  type GatewayProcess,
  KeySource,
  partitionsOf,
  sleep,
  sourcePartitions,
  startGatewayProcess,
} from '../support/cluster.js';
import { postGraphQL } from '../support/harness.js';
import { RedisServer } from '../support/redis.js';

// Real gateway processes on one real Redis, in front of the emulator (in this process, which
// records when each call arrives). Cluster A: three replicas with one AccessKey; cluster B: one
// replica with another. The phases run back to back on the same processes.

const QPS = 20;
const SHARE = Math.floor(QPS / 3);
const COOL_DOWN_MS = 3000;
// Within 10% of the quota (or of a share) in any second; at least 80% of it used over a run.
const MOST_IN_A_SECOND = Math.ceil(QPS * 1.1);
const MOST_OF_A_SHARE_IN_A_SECOND = Math.ceil(SHARE * 1.1);
const WORKERS = 8;

const SOURCES = { a: [410001, 410002, 410003], b: 420001, throttled: 430001, warmUp: 430002 } as const;

let build: Awaited<ReturnType<typeof buildGateway>>;
let redis: RedisServer;
let emulator: Emulator;
let replicas: GatewayProcess[];
let other: GatewayProcess;
const keys = SOURCES.a.map((sourceId) => new KeySource(sourceId));
const otherKeys = new KeySource(SOURCES.b);

function expectWellFormed(answers: Answered[]): void {
  const problems = answers.filter((answer) => !answer.ok);
  expect(problems.slice(0, 3), `${problems.length} of ${answers.length} answers`).toEqual([]);
  expect(answers.length).toBeGreaterThan(0);
}

describe('one upstream quota for a cluster of replicas on one Redis', () => {
  beforeAll(async () => {
    const [keyA, keyB] = [generateCredential(), generateCredential()];
    [build, redis, emulator] = await Promise.all([
      buildGateway(),
      RedisServer.start(),
      startEmulator({
        credentials: [keyA, keyB],
        data: partitionsOf(
          ...[...SOURCES.a, SOURCES.b].map((sourceId) => sourcePartitions(sourceId, 1500)),
          sourcePartitions(SOURCES.throttled, 1),
          sourcePartitions(SOURCES.warmUp, 100),
        ),
      }),
    ]);
    const env = (key: typeof keyA, replicaCount: number) => ({
      MAXCOMPUTE_ENDPOINT: emulator.url,
      ALIBABA_CLOUD_ACCESS_KEY_ID: key.accessKeyId,
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: key.accessKeySecret,
      REDIS_URL: redis.url,
      // The quota reads REDIS_URL whether the shared cache is on or not; off, each request is one call.
      MMS_CACHE: 'off',
      MMS_MAX_QPS: String(QPS),
      MMS_EXPECTED_REPLICAS: String(replicaCount),
      MMS_THROTTLE_COOLDOWN_MS: String(COOL_DOWN_MS),
      REQUEST_TIMEOUT_MS: '8000',
      // A busy test machine must not pass for a slow Redis: only the stopped one below should.
      REDIS_TIMEOUT_MS: '1000',
    });
    const started = await Promise.all([
      ...SOURCES.a.map(() => startGatewayProcess(build.entry, env(keyA, 3))),
      startGatewayProcess(build.entry, env(keyB, 1)),
    ]);
    replicas = started.slice(0, 3);
    other = started[3] as GatewayProcess;
    // Fresh processes are slow to make their first calls (code not yet optimised, connections not yet
    // open): calls granted in one second would reach the emulator in the next. Warm them up first.
    const warmUp = [...replicas, other].map((gateway) => closedLoop(gateway, new KeySource(SOURCES.warmUp), 2));
    await sleep(2500);
    await Promise.all(warmUp.map((loop) => loop.stop()));
  }, 60_000);

  afterAll(async () => {
    await Promise.all([...(replicas ?? []), ...(other ? [other] : [])].map((gateway) => gateway.stop()));
    await emulator?.close();
    await redis?.stop();
    build?.remove();
  });

  /** A closed-loop load of distinct keys on each given replica, at most `WORKERS` requests waiting on each. */
  function load(on: GatewayProcess[], sources: KeySource[]) {
    const loops = on.map((gateway, i) => closedLoop(gateway, sources[i] as KeySource, WORKERS));
    return { stop: async () => (await Promise.all(loops.map((loop) => loop.stop()))).flat() };
  }

  it('holds three replicas together to MMS_MAX_QPS, and uses it', { timeout: 30_000 }, async () => {
    const start = performance.now();
    const running = load(replicas, keys);
    await sleep(10_000);
    const end = performance.now();
    expectWellFormed(await running.stop());

    const times = callTimes(emulator, ...keys);
    expect(busiestWindow(times, start, end)).toBeLessThanOrEqual(MOST_IN_A_SECOND);
    // The first second fills the replicas' queues.
    expect(countWithin(times, start + 1000, end)).toBeGreaterThanOrEqual(0.8 * QPS * 9);
    // Every replica had its turns: the load was spread over all three.
    for (const replica of keys) expect(countWithin(callTimes(emulator, replica), start, end)).toBeGreaterThan(QPS);
  });

  it('keeps each replica to its share while Redis is down, fails nothing for it, and holds the cluster limit once Redis is back', {
    timeout: 40_000,
  }, async () => {
    const running = load(replicas, keys);
    await sleep(1000);
    const stoppedAt = performance.now();
    await redis.stop();
    await sleep(4000);
    const fallbackGauges = await Promise.all(replicas.map((replica) => replica.metrics()));
    const restartedAt = performance.now();
    await redis.restart();
    // Each replica probes Redis once a second once its connection is back.
    while (replicas.some((replica) => replica.logLines('back to the cluster-wide upstream quota').length === 0)) {
      if (performance.now() - restartedAt > 10_000) throw new Error('a replica never went back to the shared quota');
      await sleep(100);
    }
    const rejoinedAt = performance.now();
    await sleep(3000);
    const end = performance.now();
    // No request failed because Redis was down: every answer is the partition asked for.
    expectWellFormed(await running.stop());

    const downFrom = stoppedAt + 1000;
    for (const replica of keys) {
      const times = callTimes(emulator, replica);
      expect(busiestWindow(times, downFrom, restartedAt), `replica of source ${replica.sourceId}`).toBeLessThanOrEqual(
        MOST_OF_A_SHARE_IN_A_SECOND,
      );
      // ...and kept calling at its share meanwhile, rather than waiting for Redis.
      expect(countWithin(times, downFrom, restartedAt)).toBeGreaterThanOrEqual(0.5 * SHARE * ((restartedAt - downFrom) / 1000));
    }
    for (const [i, replica] of replicas.entries()) {
      expect(fallbackGauges[i]).toMatch(/^mms_upstream_quota_local_fallback 1$/m);
      expect(await replica.metrics()).toMatch(/^mms_upstream_quota_local_fallback 0$/m);
      // The switch is logged once each way, not once per call.
      expect(replica.logLines('Redis unavailable for the upstream quota')).toHaveLength(1);
      expect(replica.logLines('back to the cluster-wide upstream quota')).toHaveLength(1);
    }
    const times = callTimes(emulator, ...keys);
    expect(busiestWindow(times, rejoinedAt + 1000, end)).toBeLessThanOrEqual(MOST_IN_A_SECOND);
    expect(countWithin(times, rejoinedAt + 1000, end)).toBeGreaterThanOrEqual(0.8 * QPS * 2);
  });

  it('gives a cluster with another AccessKey on the same Redis a budget of its own', { timeout: 20_000 }, async () => {
    const start = performance.now();
    const runningA = load(replicas, keys);
    const runningB = load([other], [otherKeys]);
    await sleep(4000);
    const end = performance.now();
    expectWellFormed([...(await runningA.stop()), ...(await runningB.stop())]);

    for (const cluster of [keys, [otherKeys]]) {
      const times = callTimes(emulator, ...cluster);
      expect(busiestWindow(times, start, end)).toBeLessThanOrEqual(MOST_IN_A_SECOND);
      expect(countWithin(times, start + 1000, end)).toBeGreaterThanOrEqual(0.8 * QPS * 2);
    }
  });

  it('slows every replica down for the cool-down when the upstream throttles one of them', { timeout: 30_000 }, async () => {
    const [throttledReplica, ...others] = replicas as [GatewayProcess, ...GatewayProcess[]];
    const otherSources = keys.slice(1);
    const running = load(others, otherSources);
    await sleep(2500);
    emulator.setFault(SOURCES.throttled, 1, {
      kind: 'error',
      status: 400,
      code: 'Throttling.User',
      message: 'Request was denied due to user flow control.',
      times: 1,
    });
    const throttled = await postGraphQL(
      throttledReplica.graphql,
      `{ mmsPartition(sourceId: "${SOURCES.throttled}", partitionId: "1") { id } }`,
    );
    const [throttledAt = 0] = emulator.callTimes(SOURCES.throttled, 1);
    // Retried after its backoff, and answered.
    expect(throttled.errors).toBeUndefined();
    expect(emulator.calls(SOURCES.throttled, 1)).toBe(2);
    await sleep(Math.max(0, throttledAt + COOL_DOWN_MS + 2000 - performance.now()));
    expectWellFormed(await running.stop());

    const times = callTimes(emulator, ...otherSources);
    // Before: the two others had the whole quota between them.
    expect(busiestWindow(times, throttledAt - 2000, throttledAt)).toBeGreaterThanOrEqual(0.9 * QPS);
    // During the cool-down, once they have looked in Redis (every fifth of a second): half of it.
    expect(busiestWindow(times, throttledAt + 500, throttledAt + COOL_DOWN_MS - 100)).toBeLessThanOrEqual(0.6 * QPS);
    // After it: the whole quota again.
    expect(busiestWindow(times, throttledAt + COOL_DOWN_MS + 300, throttledAt + COOL_DOWN_MS + 2000)).toBeGreaterThanOrEqual(0.9 * QPS);
  });
});
