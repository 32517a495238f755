import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticCredential } from '../../src/app.js';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { type Harness, startHarness } from '../support/harness.js';
import { RedisServer } from '../support/redis.js';

const ONE = (id: string) => `{ mmsPartition(sourceId: "200019", partitionId: "${id}") { id status tableName } }`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the in-memory shared cache', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({
      env: {
        MMS_CACHE: 'on',
        MMS_CACHE_TTL_TERMINAL_S: '3',
        MMS_CACHE_TTL_ACTIVE_S: '1',
        MMS_CACHE_TTL_MISSING_S: '1',
        MMS_RETRY_MAX: '0',
      },
    });
  });
  afterAll(() => harness.close());

  it('serves a second request from the cache, and refetches by status: active after 1 s, terminal after 3 s', async () => {
    harness.emulator.reset();
    // 3001 is DOING (active), 3002 DONE (terminal) in the demo data.
    const both =
      '{ a: mmsPartition(sourceId: "200019", partitionId: "3001") { status } b: mmsPartition(sourceId: "200019", partitionId: "3002") { status } }';
    expect((await harness.query(both)).data).toEqual({ a: { status: 'DOING' }, b: { status: 'DONE' } });
    await harness.query(both);
    expect(harness.emulator.stats().total).toBe(2);
    await sleep(1200);
    await harness.query(both);
    expect([harness.emulator.calls(200019, 3001), harness.emulator.calls(200019, 3002)]).toEqual([2, 1]);
    await sleep(2000);
    await harness.query(both);
    expect(harness.emulator.calls(200019, 3002)).toBe(2);
  });

  it('remembers a NOT_FOUND for MMS_CACHE_TTL_MISSING_S, and never any other error', async () => {
    harness.emulator.reset();
    await harness.query(ONE('404404'));
    const again = await harness.query(ONE('404404'));
    expect(again.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(harness.emulator.calls(200019, 404404)).toBe(1);
    await sleep(1200);
    await harness.query(ONE('404404'));
    expect(harness.emulator.calls(200019, 404404)).toBe(2);

    for (const fault of [
      { kind: 'error', status: 503, code: 'ServiceUnavailable' },
      { kind: 'error', status: 429, code: 'Throttling' },
      { kind: 'error', status: 403, code: 'Forbidden.RAM' },
      { kind: 'error', status: 400, code: 'SignatureDoesNotMatch' },
      // 404s that say the call is unknown, not the partition: never remembered as missing.
      { kind: 'error', status: 404, code: 'InvalidAction.NotFound' },
      { kind: 'error', status: 404, code: 'InvalidVersion' },
    ] as const) {
      harness.emulator.reset();
      harness.emulator.setFault(200019, 3003, fault);
      await harness.query(ONE('3003'));
      await harness.query(ONE('3003'));
      expect(harness.emulator.calls(200019, 3003), fault.code).toBe(2);
    }
  });

  it('makes one upstream call for 50 simultaneous requests of one cold key', async () => {
    harness.emulator.reset();
    harness.emulator.setFault(200019, 3004, { kind: 'slow', ms: 150 });
    const answers = await Promise.all(Array.from({ length: 50 }, () => harness.query(ONE('3004'))));
    expect(answers.every((a) => (a.data?.mmsPartition as { id?: string } | null)?.id === '3004')).toBe(true);
    expect(harness.emulator.calls(200019, 3004)).toBe(1);
  });

  it('reads past the cache for a client that sends Cache-Control: no-cache, and refreshes it', async () => {
    harness.emulator.reset();
    const original = harness.emulator.data.get('200019/3101') ?? {};
    harness.emulator.data.set('200019/3101', { ...original, status: 'DONE', tableName: 'before' });
    await harness.query(ONE('3101'));
    harness.emulator.data.set('200019/3101', { ...original, status: 'DONE', tableName: 'after' });
    const tableName = (answer: { data?: Record<string, unknown> | null }) =>
      (answer.data?.mmsPartition as { tableName?: string } | undefined)?.tableName;
    expect(tableName(await harness.query(ONE('3101')))).toBe('before');
    expect(tableName(await harness.query(ONE('3101'), undefined, { 'cache-control': 'no-cache' }))).toBe('after');
    expect(tableName(await harness.query(ONE('3101')))).toBe('after');
    expect(harness.emulator.calls(200019, 3101)).toBe(2);
  });

  it('counts hits and misses by tier in the metrics', async () => {
    const text = await (await fetch(`${harness.url}/metrics`)).text();
    expect(text).toMatch(/mms_cache_lookups_total\{tier="memory",outcome="hit"\} [1-9]/);
    expect(text).toMatch(/mms_cache_lookups_total\{tier="memory",outcome="miss"\} [1-9]/);
    expect(text).toMatch(/mms_cache_lookups_total\{tier="memory",outcome="bypass"\} [1-9]/);
  });

  it('marks GET answers cacheable for their least fresh partition, and errors and POSTs not at all', async () => {
    const get = (query: string) =>
      fetch(`${harness.url}/graphql?query=${encodeURIComponent(query)}`, {
        headers: { 'x-graphql-yoga-csrf': '1', accept: 'application/json' },
      });
    // 3102 is DONE and not cached yet: fetched now, it stays fresh for the whole terminal TTL.
    const terminal = await get(ONE('3102'));
    expect(terminal.headers.get('cache-control')).toBe('private, max-age=3');
    // A copy is only for the credentials it was answered to.
    expect(terminal.headers.get('vary')).toContain('x-api-key, authorization');
    // With an active partition (1 s TTL) beside it, the answer is as fresh as the least fresh one.
    const mixed = await get(
      '{ a: mmsPartition(sourceId: "200019", partitionId: "3102") { id } b: mmsPartition(sourceId: "200019", partitionId: "3001") { id } }',
    );
    expect(mixed.headers.get('cache-control')).toMatch(/^private, max-age=[01]$/);
    expect((await get(ONE('777777'))).headers.get('cache-control')).toBe('no-store');
    const post = await fetch(`${harness.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: ONE('3002') }),
    });
    expect(post.headers.get('cache-control')).toBe('no-store');
  });
});

describe('a TTL of 0', () => {
  it('keeps nothing, and says so to HTTP caches', async () => {
    const harness = await startHarness({ env: { MMS_CACHE: 'on', MMS_CACHE_TTL_TERMINAL_S: '0' } });
    try {
      const get = () =>
        fetch(`${harness.url}/graphql?query=${encodeURIComponent(ONE('3002'))}`, {
          headers: { 'x-graphql-yoga-csrf': '1', accept: 'application/json' },
        });
      expect((await get()).headers.get('cache-control')).toBe('private, max-age=0');
      expect((await get()).headers.get('cache-control')).toBe('private, max-age=0');
      expect(harness.emulator.calls(200019, 3002)).toBe(2);
    } finally {
      await harness.close();
    }
  });
});

describe('the Redis shared cache (a real redis-server)', () => {
  let redis: RedisServer;
  let emulator: Emulator;
  beforeAll(async () => {
    redis = await RedisServer.start();
    emulator = await startEmulator({
      credentials: [
        { accessKeyId: 'LTAIFIRSTIDENTITY0001', accessKeySecret: 'secret-one-0123456789' },
        { accessKeyId: 'LTAISECONDIDENTITY002', accessKeySecret: 'secret-two-0123456789' },
      ],
    });
  });
  afterAll(async () => {
    await emulator.close();
    await redis.stop();
  });

  const gateway = (identity: 0 | 1 = 0) => {
    const key = emulator.credentials[identity];
    if (!key) throw new Error('no key');
    return startHarness({
      sharedEmulator: emulator,
      credential: staticCredential(key.accessKeyId, key.accessKeySecret),
      env: { MMS_CACHE: 'on', REDIS_URL: redis.url, REDIS_TIMEOUT_MS: '200', MMS_RETRY_MAX: '0' },
    });
  };

  it('lets replicas share entries, and keeps identities apart', async () => {
    const [a, b, other] = await Promise.all([gateway(0), gateway(0), gateway(1)]);
    try {
      emulator.reset();
      const expected = { mmsPartition: { id: '3001', status: 'DOING', tableName: 'orders' } };
      expect((await a.query(ONE('3001'))).data).toEqual(expected);
      expect((await b.query(ONE('3001'))).data).toEqual(expected);
      expect(emulator.calls(200019, 3001)).toBe(1);
      // Another AccessKey on the same Redis never reads the first one's entries.
      expect((await other.query(ONE('3001'))).data).toEqual(expected);
      expect(emulator.calls(200019, 3001)).toBe(2);
    } finally {
      await Promise.all([a.close(), b.close(), other.close()]);
    }
  });

  it('treats a Redis slower than REDIS_TIMEOUT_MS as a miss, and answers from the upstream', async () => {
    const a = await gateway(0);
    try {
      emulator.reset();
      // Cached first: only a Redis that times out sends the next read back to the upstream.
      await a.query(ONE('3004'));
      expect(emulator.calls(200019, 3004)).toBe(1);
      // DEBUG SLEEP blocks the Redis server itself for a second.
      const sleeper = spawn('redis-cli', ['-p', String(redis.port), 'DEBUG', 'SLEEP', '1']);
      const slept = new Promise((resolve) => sleeper.once('exit', resolve));
      await sleep(100);
      const started = Date.now();
      expect((await a.query(ONE('3004'))).data).toEqual({ mmsPartition: { id: '3004', status: 'INIT', tableName: 'orders' } });
      expect(Date.now() - started).toBeLessThan(900);
      expect(emulator.calls(200019, 3004)).toBe(2);
      await slept;
    } finally {
      await a.close();
    }
  });

  it('answers every query while Redis is down, and uses it again once it is back', async () => {
    const [a, b] = await Promise.all([gateway(0), gateway(0)]);
    try {
      emulator.reset();
      await redis.stop();
      for (const harness of [a, b]) {
        expect((await harness.query(ONE('3002'))).data).toEqual({ mmsPartition: { id: '3002', status: 'DONE', tableName: 'orders' } });
      }
      expect(emulator.calls(200019, 3002)).toBe(2);
      expect(a.logs.filter((line) => line.includes('Redis cache unavailable'))).toHaveLength(1);
      await redis.restart();
      await sleep(2500);
      await a.query(ONE('3003'));
      await b.query(ONE('3003'));
      expect(emulator.calls(200019, 3003)).toBe(1);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
