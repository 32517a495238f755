import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { buildGateway, type GatewayProcess, sleep, startGatewayProcess } from '../support/cluster.js';
import { type Harness, startHarness } from '../support/harness.js';
import { RedisServer } from '../support/redis.js';
import { type Stream, subscribeOverSse, subscribeOverWebSocket } from '../support/subscriptions.js';

// Two gateway processes on one Redis, subscribers on both: one poller for the cluster (a lease
// per partition), its changes published to every replica's subscribers; when the lease holder
// dies, the other replica takes the partition over within the lease's expiry.

const LEASE_S = 2;
const INTERVAL_S = 1;
const SOURCE = 7;
const PARTITION = 1;
const KEY = { sourceId: String(SOURCE), partitionId: String(PARTITION) };

let build: Awaited<ReturnType<typeof buildGateway>>;
let redis: RedisServer;
let emulator: Emulator;
let replicas: GatewayProcess[] = [];

const setStatus = (status: string, size: number) =>
  emulator.data.set(`${SOURCE}/${PARTITION}`, { id: PARTITION, sourceId: SOURCE, tableName: 'live', status, size });
const statusOf = (event: Record<string, unknown> | undefined) =>
  (event?.data as { mmsPartitionChanged?: { status?: string } } | undefined)?.mmsPartitionChanged?.status;
const base = (replica: GatewayProcess) => replica.graphql.replace(/\/graphql$/, '');
const total = (values: number[]) => values.reduce((sum, value) => sum + value, 0);
const gauge = (metrics: string, name: string) => Number(new RegExp(`^${name} (\\d+)$`, 'm').exec(metrics)?.[1] ?? Number.NaN);

describe('live status across replicas on one Redis', () => {
  beforeAll(async () => {
    [build, redis, emulator] = await Promise.all([buildGateway(), RedisServer.start(), startEmulator()]);
    setStatus('INIT', 1);
    const [key] = emulator.credentials;
    const env = {
      MAXCOMPUTE_ENDPOINT: emulator.url,
      ALIBABA_CLOUD_ACCESS_KEY_ID: key?.accessKeyId ?? '',
      ALIBABA_CLOUD_ACCESS_KEY_SECRET: key?.accessKeySecret ?? '',
      REDIS_URL: redis.url,
      REDIS_TIMEOUT_MS: '1000',
      MMS_WATCH_ACTIVE_S: String(INTERVAL_S),
      MMS_WATCH_IDLE_S: String(INTERVAL_S),
      MMS_WATCH_TERMINAL_S: String(INTERVAL_S),
      MMS_WATCH_LEASE_S: String(LEASE_S),
    };
    replicas = await Promise.all([startGatewayProcess(build.entry, env), startGatewayProcess(build.entry, env)]);
  }, 30_000);
  afterAll(async () => {
    await Promise.all(replicas.map((replica) => replica.stop()));
    await emulator?.close();
    await redis?.stop();
    build?.remove();
  });

  it('polls each partition once for the cluster, and the survivor takes over when the lease holder is killed', async () => {
    const [first, second] = replicas as [GatewayProcess, GatewayProcess];
    // The first replica to watch the partition takes its lease.
    const onFirst: Stream[] = await Promise.all(Array.from({ length: 5 }, () => subscribeOverSse(base(first), { keys: [KEY] })));
    for (const stream of onFirst) expect(statusOf((await stream.waitFor(1, 5_000))[0])).toBe('INIT');
    const onSecond: Stream[] = [
      ...Array.from({ length: 3 }, () => subscribeOverWebSocket(base(second), { keys: [KEY] })),
      ...(await Promise.all(Array.from({ length: 2 }, () => subscribeOverSse(base(second), { keys: [KEY] })))),
    ];
    // The latest state, from Redis: the second replica has not read the partition itself.
    for (const stream of onSecond) expect(statusOf((await stream.waitFor(1, 5_000))[0])).toBe('INIT');

    const before = emulator.calls(SOURCE, PARTITION);
    await sleep(4_000);
    const calls = emulator.calls(SOURCE, PARTITION) - before;
    // One poller (1 s ± 10%): two would make at least 7 calls in 4 s.
    expect(calls).toBeGreaterThanOrEqual(3);
    expect(calls).toBeLessThanOrEqual(Math.ceil(4 / 0.9));
    expect(gauge(await first.metrics(), 'mms_watch_polled_partitions')).toBe(1);
    expect(gauge(await second.metrics(), 'mms_watch_polled_partitions')).toBe(0);
    expect(gauge(await second.metrics(), 'mms_watch_subscribers')).toBe(5);

    // A change seen by the first replica reaches the second's subscribers too.
    setStatus('DOING', 2);
    const flipped = Date.now();
    for (const stream of [...onFirst, ...onSecond]) expect(statusOf((await stream.waitFor(2, 3_000))[1])).toBe('DOING');
    expect(Date.now() - flipped).toBeLessThan(INTERVAL_S * 1_100 + 1_000);

    await first.stop();
    // The emulator stamps calls with performance.now().
    const killed = performance.now();
    setStatus('DONE', 3);
    for (const stream of onSecond) expect(statusOf((await stream.waitFor(3, 6_000))[2])).toBe('DONE');
    const takenOver = emulator.callTimes(SOURCE, PARTITION).find((at) => at >= killed) ?? Number.NaN;
    // Within the lease's expiry (the holder's last renewal came before it died), and a little slack.
    expect(takenOver - killed).toBeLessThanOrEqual(LEASE_S * 1_000 + 300);
    expect(gauge(await second.metrics(), 'mms_watch_polled_partitions')).toBe(1);
    // Its subscribers saw each state once, in order.
    for (const stream of onSecond) expect(stream.events.map(statusOf)).toEqual(['INIT', 'DOING', 'DONE']);

    for (const stream of onSecond) stream.close();
    await sleep(INTERVAL_S * 1_200);
    const afterLeaving = emulator.calls(SOURCE, PARTITION);
    await sleep(2_000);
    expect(emulator.calls(SOURCE, PARTITION)).toBe(afterLeaving);
    for (const stream of onFirst) stream.close();
  }, 40_000);
});

describe('live status when Redis goes away', () => {
  let harnesses: Harness[] = [];
  let ownRedis: RedisServer;
  let sharedEmulator: Emulator;
  beforeAll(async () => {
    ownRedis = await RedisServer.start();
    const env = {
      REDIS_URL: ownRedis.url,
      REDIS_TIMEOUT_MS: '1000',
      MMS_WATCH_ACTIVE_S: String(INTERVAL_S),
      MMS_WATCH_IDLE_S: String(INTERVAL_S),
      MMS_WATCH_TERMINAL_S: String(INTERVAL_S),
      MMS_WATCH_LEASE_S: String(LEASE_S),
      LOG_LEVEL: 'info',
    };
    // Two replicas in this process, on one emulator: each has its own identity in Redis.
    sharedEmulator = await startEmulator();
    harnesses = [await startHarness({ env, sharedEmulator }), await startHarness({ env, sharedEmulator })];
  });
  afterAll(async () => {
    for (const harness of harnesses) await harness.close();
    await sharedEmulator?.close();
    await ownRedis?.stop();
  });
  const polledBy = async (harness: Harness) => gauge(await (await fetch(`${harness.url}/metrics`)).text(), 'mms_watch_polled_partitions');
  /** Partition 8/`id` (INIT), watched first on the first replica (which takes its lease), then on the second. */
  const watchedOnBoth = async (id: number): Promise<[Stream, Stream]> => {
    const [first, second] = harnesses as [Harness, Harness];
    sharedEmulator.data.set(`8/${id}`, { id, sourceId: 8, tableName: 'live', status: 'INIT', size: 1 });
    const keys = [{ sourceId: '8', partitionId: String(id) }];
    const onFirst = await subscribeOverSse(first.url, { keys });
    await onFirst.waitFor(1, 5_000);
    const onSecond = await subscribeOverSse(second.url, { keys });
    await onSecond.waitFor(1, 5_000);
    return [onFirst, onSecond];
  };

  it("sends another replica's read failure to this one's subscribers as the same error, with its key", async () => {
    const [onFirst, onSecond] = await watchedOnBoth(2);
    sharedEmulator.data.delete('8/2');
    for (const stream of [onFirst, onSecond]) {
      const [, failed] = await stream.waitFor(2, 4_000);
      expect(failed?.errors).toEqual([
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'NOT_FOUND', sourceId: '8', partitionId: '2' }) }),
      ]);
    }
    onFirst.close();
    onSecond.close();
  });

  it('has every replica poll for its own subscribers while Redis is down, and one again once it is back', async () => {
    const [, second] = harnesses as [Harness, Harness];
    const [onFirst, onSecond] = await watchedOnBoth(1);
    const polled = () => Promise.all(harnesses.map(polledBy));
    expect(await polled()).toEqual([1, 0]);

    await ownRedis.stop();
    sharedEmulator.data.set('8/1', { id: 1, sourceId: 8, tableName: 'live', status: 'DOING', size: 2 });
    // No word from the holder can arrive: the follower polls itself once it cannot ask Redis.
    expect(statusOf((await onSecond.waitFor(2, LEASE_S * 1_000 + INTERVAL_S * 1_100 + 1_500))[1])).toBe('DOING');
    expect(await polled()).toEqual([1, 1]);
    expect(second.logs.filter((line) => line.includes('Redis unavailable for live status'))).toHaveLength(1);

    await ownRedis.restart();
    // Reconnected, the replicas contend for the lease again: one keeps it, the other follows.
    const until = Date.now() + 8_000;
    let now = await polled();
    while (total(now) !== 1 && Date.now() < until) {
      await sleep(250);
      now = await polled();
    }
    expect(total(now)).toBe(1);
    sharedEmulator.data.set('8/1', { id: 1, sourceId: 8, tableName: 'live', status: 'DONE', size: 3 });
    for (const stream of [onFirst, onSecond]) expect(statusOf((await stream.waitFor(3, 4_000))[2])).toBe('DONE');
    onFirst.close();
    onSecond.close();
  }, 30_000);

  it('hands its leases over at once when it shuts down, not when they would expire', async () => {
    const [first, second] = harnesses as [Harness, Harness];
    const [, onSecond] = await watchedOnBoth(3);
    expect([await polledBy(first), await polledBy(second)]).toEqual([1, 0]);
    harnesses = [second];
    const closing = performance.now();
    await first.close();
    // The emulator stamps calls with performance.now(): the second replica's first poll.
    const until = Date.now() + LEASE_S * 1_000 + 1_000;
    let takenOver = Number.NaN;
    while (Number.isNaN(takenOver) && Date.now() < until) {
      takenOver = second.emulator.callTimes(8, 3).find((at) => at >= closing) ?? Number.NaN;
      await sleep(20);
    }
    // Well before the lease (2 s) could have expired.
    expect(takenOver - closing).toBeLessThan(700);
    expect(await polledBy(second)).toBe(1);
    onSecond.close();
  });
});
