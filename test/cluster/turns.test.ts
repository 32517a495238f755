import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localShare, sliceAllowances } from '../../src/upstream/quota.js';
import { busiestWindow, partitionsOf, sleep, sourcePartitions } from '../support/cluster.js';
import { type GraphQLAnswer, type Harness, startHarness } from '../support/harness.js';
import { RedisServer } from '../support/redis.js';

// One gateway in this process on the cluster quota (REDIS_URL with MMS_MAX_QPS): how a call
// over the budget waits, and what a slow Redis changes.

const SOURCE = 440001;
let redis: RedisServer;

beforeAll(async () => {
  redis = await RedisServer.start();
});
afterAll(async () => {
  await redis?.stop();
});

// One document for every key (variables): compiled once, so that requests reach the quota in the order they are sent.
const PARTITION =
  'query Partition($sourceId: ID!, $partitionId: ID!) { mmsPartition(sourceId: $sourceId, partitionId: $partitionId) { id tableName } }';
const partition = (harness: Harness, id: number) => harness.query(PARTITION, { sourceId: String(SOURCE), partitionId: String(id) });

describe('a call over the cluster quota', () => {
  it('waits for its turn in arrival order, and is refused unsent, retryable, when the turn would come after its deadline', async () => {
    const harness = await startHarness({
      env: { REDIS_URL: redis.url, MMS_MAX_QPS: '1', REQUEST_TIMEOUT_MS: '2500', REDIS_TIMEOUT_MS: '1000', LOG_LEVEL: 'info' },
      emulator: { data: partitionsOf(sourcePartitions(SOURCE, 10)) },
    });
    try {
      // Warmed up (a fresh gateway is slow to answer its first query), then started as the
      // second's one call may begin: in its last twentieth.
      await partition(harness, 10);
      await sleep((1955 - (Date.now() % 1000)) % 1000);
      const started = performance.now();
      const answers: Promise<{ id: number; answer: GraphQLAnswer; afterMs: number }>[] = [];
      for (let id = 1; id <= 6; id += 1) {
        answers.push(partition(harness, id).then((answer) => ({ id, answer, afterMs: performance.now() - started })));
        await sleep(50);
      }
      const settled = await Promise.all(answers);
      const served = settled.filter(({ answer }) => !answer.errors);
      const refused = settled.filter(({ answer }) => answer.errors);

      // One a second, in the order they came: 1 at once, 2 and 3 (2 alone if the first twentieth was missed).
      expect(served.map(({ id }) => id)).toEqual(served.length === 2 ? [1, 2] : [1, 2, 3]);
      for (const { id, answer } of served) expect(answer.data?.mmsPartition).toEqual({ id: String(id), tableName: `t${id}` });
      const calledAt = served.map(({ id }) => harness.emulator.callTimes(SOURCE, id)[0] ?? Number.NaN);
      // (Two in one second would be a twentieth of a second apart at most.)
      for (let i = 1; i < calledAt.length; i += 1) expect((calledAt[i] ?? 0) - (calledAt[i - 1] ?? 0)).toBeGreaterThanOrEqual(500);

      // The later ones would be called past their 2.5 s deadline: they waited, then were refused unsent.
      for (const { answer, afterMs } of refused) {
        expect(answer.data?.mmsPartition).toBeNull();
        expect(answer.errors?.map((error) => [error.extensions?.code, error.extensions?.retryable])).toEqual([
          ['UPSTREAM_THROTTLED', true],
        ]);
        expect(afterMs).toBeGreaterThanOrEqual(2300);
      }
      expect(refused.map(({ id }) => harness.emulator.calls(SOURCE, id))).toEqual(refused.map(() => 0));
      expect(harness.emulator.stats().total).toBe(1 + served.length);

      const metrics = await (await fetch(`${harness.url}/metrics`)).text();
      const turns = (outcome: string) =>
        Number(new RegExp(`^mms_upstream_quota_tokens_total\\{outcome="${outcome}"\\} (\\d+)$`, 'm').exec(metrics)?.[1] ?? 0);
      // Every call but the first after the warm-up (and maybe the warm-up) waited for its turn.
      expect(turns('granted') + turns('granted_after_wait')).toBe(1 + served.length);
      expect(turns('granted_after_wait')).toBeGreaterThanOrEqual(served.length - 1);
      expect(turns('refused')).toBe(refused.length);
      expect(metrics).toMatch(new RegExp(`^mms_upstream_quota_wait_seconds_count ${turns('granted_after_wait') + refused.length}$`, 'm'));
      expect(metrics).toMatch(/^mms_upstream_quota_local_fallback 0$/m);
    } finally {
      await harness.close();
    }
  });

  it('goes on at its local share while Redis answers slower than REDIS_TIMEOUT_MS, then back to the shared quota', async () => {
    const harness = await startHarness({
      env: { REDIS_URL: redis.url, MMS_MAX_QPS: '10', MMS_EXPECTED_REPLICAS: '2', REDIS_TIMEOUT_MS: '300', LOG_LEVEL: 'info' },
      emulator: { data: partitionsOf(sourcePartitions(SOURCE, 40)) },
    });
    try {
      expect((await partition(harness, 1)).data?.mmsPartition).toBeTruthy();
      // DEBUG SLEEP blocks the Redis server itself.
      const slept = once(spawn('redis-cli', ['-p', String(redis.port), 'DEBUG', 'SLEEP', '2']), 'exit');
      await sleep(100);
      const started = performance.now();
      const during = await Promise.all(Array.from({ length: 9 }, (_, i) => partition(harness, i + 2)));
      const tookMs = performance.now() - started;
      await slept;
      // Nothing failed; the local share (10 ÷ 2 a second, 4 once a slice's part is held back) spread
      // the nine calls over two seconds and more. The whole of MMS_MAX_QPS would take about one.
      expect(during.map((answer) => answer.errors)).toEqual(Array(9).fill(undefined));
      const calledAt = Array.from({ length: 9 }, (_, i) => harness.emulator.callTimes(SOURCE, i + 2)[0] ?? Number.NaN).sort(
        (a, b) => a - b,
      );
      expect(busiestWindow(calledAt, started, Number.POSITIVE_INFINITY)).toBeLessThanOrEqual(5);
      expect(tookMs).toBeGreaterThanOrEqual(1800);
      expect(harness.logs.filter((line) => line.includes('Redis unavailable for the upstream quota'))).toHaveLength(1);
      for (let waited = 0; !harness.logs.some((line) => line.includes('back to the cluster-wide upstream quota')); waited += 100) {
        if (waited > 5000) throw new Error('never went back to the shared quota');
        await sleep(100);
      }
      expect((await partition(harness, 20)).errors).toBeUndefined();
    } finally {
      await harness.close();
    }
  });
});

describe("a replica's share while Redis is out", () => {
  it('is MMS_MAX_QPS ÷ MMS_EXPECTED_REPLICAS, rounded down, and never nothing', () => {
    expect(localShare(20, 3)).toEqual({ calls: 6, periodMs: 1000 });
    expect(localShare(20, 1)).toEqual({ calls: 20, periodMs: 1000 });
    // Fewer calls a second than replicas: one call each, every so many seconds.
    expect(localShare(2, 5)).toEqual({ calls: 1, periodMs: 3000 });
  });
});

describe('the slices of a budget', () => {
  it('let no window of one period hold more than the budget, and use all of it but a slice', () => {
    for (const calls of [2, 3, 6, 10, 19, 20, 25, 100, 333]) {
      const slices = sliceAllowances(calls);
      // A window of one period spans 21 slices at most (20 whole, parts of two).
      const most = Math.max(...slices.map((_, i) => [...slices, ...slices].slice(i, i + slices.length + 1).reduce((sum, n) => sum + n, 0)));
      expect(most, `${calls} a period`).toBeLessThanOrEqual(calls);
      expect(slices.reduce((sum, n) => sum + n, 0)).toBe(calls - Math.ceil(calls / slices.length));
    }
    // One call a period cannot be held back: it starts in the period's last slice.
    expect(sliceAllowances(1).reduce((sum, n) => sum + n, 0)).toBe(1);
  });
});
