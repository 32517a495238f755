import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ALL_PARTITION_FIELDS, type Harness, startHarness } from '../support/harness.js';

describe('mmsPartition over the real client and the emulator', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.emulator.reset());

  it('answers every field of the published example, trimmed, in one signed call', async () => {
    const answer = await harness.query(`{ mmsPartition(sourceId: "200018", partitionId: "2323") { ${ALL_PARTITION_FIELDS} } }`);
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({
      mmsPartition: {
        id: '2323',
        sourceId: '200018',
        dbId: '0',
        dbName: 'd1',
        tableId: '23',
        tableName: 't1',
        value: 'p1=1/p2=abc',
        spec: [
          { column: 'p1', value: '1' },
          { column: 'p2', value: 'abc' },
        ],
        size: 12323,
        numRows: 2323,
        updated: false,
        lastDdlTime: '2024-12-17 15:44:42',
        status: 'DONE',
        source: { id: '200018', name: 'demo' },
        destination: { projectName: 'mms_test', schemaName: 'default', tableName: 'test', value: 'p1=1/p2=abc' },
      },
    });
    expect(harness.emulator.stats().total).toBe(1);
  });

  it('returns a size of 5,000,000,000 bytes exactly', async () => {
    harness.emulator.data.set('9/9', { id: 9, sourceId: 9, size: 5_000_000_000, numRows: 4_294_967_297 });
    const answer = await harness.query('{ mmsPartition(sourceId: "9", partitionId: "9") { size numRows destination { value } } }');
    expect(answer.errors).toBeUndefined();
    expect(answer.text).toContain('"size":5000000000');
    expect(answer.data).toEqual({ mmsPartition: { size: 5_000_000_000, numRows: 4_294_967_297, destination: null } });
  });

  it('decodes Hive escapes in the parsed spec and keeps the raw value', async () => {
    const answer = await harness.query('{ mmsPartition(sourceId: "200019", partitionId: "3101") { value spec { column value } } }');
    expect(answer.data).toEqual({
      mmsPartition: {
        value: 'url=https%3A%2F%2Fexample.com%2Fa%3Db/day=1',
        spec: [
          { column: 'url', value: 'https://example.com/a=b' },
          { column: 'day', value: '1' },
        ],
      },
    });
  });

  it('gives destination null for a partition without dst* fields', async () => {
    const answer = await harness.query(
      '{ mmsPartition(sourceId: "200020", partitionId: "4001") { tableName destination { projectName } } }',
    );
    expect(answer.data).toEqual({ mmsPartition: { tableName: 'raw_events', destination: null } });
  });

  it('makes exactly one upstream call per distinct partition, concurrently (50 aliases over 10 partitions)', async () => {
    harness.emulator.latencyMs = 50;
    const ids = Array.from(
      { length: 50 },
      (_, i) => ['2323', '3001', '3002', '3003', '3004', '3101', '3102', '4001', '4002', '999'][i % 10],
    );
    const sources = ['200018', '200019', '200019', '200019', '200019', '200019', '200019', '200020', '200020', '200018'];
    // Zero-padded IDs and numbers name the same partitions as plain strings.
    const fields = ids.map(
      (id, i) =>
        `a${i}: mmsPartition(sourceId: "${i % 20 === 0 ? '00' : ''}${sources[i % 10]}", partitionId: ${i % 3 === 0 ? id : `"${id}"`}) { id }`,
    );
    const answer = await harness.query(`{ ${fields.join('\n')} }`);
    const stats = harness.emulator.stats();
    expect(stats.total).toBe(10);
    expect(Object.values(stats.perKey)).toEqual(Array(10).fill(1));
    expect(stats.maxInFlight).toBeGreaterThan(1);
    expect(answer.data?.a1).toEqual({ id: '3001' });
    // The unknown partition 200018/999 fails its five aliases only.
    expect(answer.errors).toHaveLength(5);
    expect(answer.errors?.every((e) => e.extensions?.code === 'NOT_FOUND')).toBe(true);
  });

  it('reuses pooled keep-alive connections for sequential calls', async () => {
    for (let i = 0; i < 20; i += 1) await harness.query(`{ mmsPartition(sourceId: "200019", partitionId: "${3001 + (i % 4)}") { id } }`);
    // At most one new connection: earlier tests may already have opened the pooled one.
    expect(harness.emulator.stats().total).toBe(20);
    expect(harness.emulator.stats().connections).toBeLessThanOrEqual(1);
  });

  it('never shares the loader between requests', async () => {
    await harness.query('{ mmsPartition(sourceId: "200018", partitionId: "2323") { id } }');
    await harness.query('{ mmsPartition(sourceId: "200018", partitionId: "2323") { id } }');
    expect(harness.emulator.calls(200018, 2323)).toBe(2);
  });

  it('keeps mmsPartitions in key order, with duplicates read once and misses null at their index', async () => {
    const answer = await harness.query(`query ($keys: [MmsPartitionKey!]!) { mmsPartitions(keys: $keys) { id sourceId tableName } }`, {
      keys: [
        { sourceId: '200019', partitionId: '3002' },
        { sourceId: '200018', partitionId: '1' },
        { sourceId: 200018, partitionId: 2323 },
        { sourceId: '200019', partitionId: '0003002' },
        { sourceId: '200020', partitionId: '4002' },
      ],
    });
    expect(answer.data).toEqual({
      mmsPartitions: [
        { id: '3002', sourceId: '200019', tableName: 'orders' },
        null,
        { id: '2323', sourceId: '200018', tableName: 't1' },
        { id: '3002', sourceId: '200019', tableName: 'orders' },
        { id: '4002', sourceId: '200020', tableName: 'raw_events' },
      ],
    });
    expect(answer.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['mmsPartitions', 1], 'NOT_FOUND']]);
    expect(harness.emulator.stats().total).toBe(4);
    expect(harness.emulator.calls(200019, 3002)).toBe(1);
  });

  // A repeated key settles later than a failing one: each item must still land at its own index.
  it.each([
    [
      ['200018/2323', '200019/3001', '200018/2323', '200018/99999'],
      ['2323', '3001', '2323', null],
    ],
    [
      ['200018/2323', '200018/2323', '200018/99999'],
      ['2323', '2323', null],
    ],
    [
      ['200018/99999', '200018/99999', '200018/2323'],
      [null, null, '2323'],
    ],
  ])('answers %j as one item per key, each failure at its own index, with its location', async (keys, ids) => {
    const answer = await harness.query(`query ($keys: [MmsPartitionKey!]!) {\n  mmsPartitions(keys: $keys) { id }\n}`, {
      keys: keys.map((key) => ({ sourceId: key.split('/')[0], partitionId: key.split('/')[1] })),
    });
    expect(answer.data).toEqual({ mmsPartitions: ids.map((id) => (id === null ? null : { id })) });
    const failed = ids.flatMap((id, index) => (id === null ? [index] : []));
    expect(answer.errors?.map((e) => [e.path, e.extensions?.code, e.locations])).toEqual(
      failed.map((index) => [['mmsPartitions', index], 'NOT_FOUND', [{ line: 2, column: 3 }]]),
    );
  });

  it('shares one loader between mmsPartition and mmsPartitions in the same request', async () => {
    await harness.query(`{
      one: mmsPartition(sourceId: "200018", partitionId: "2323") { id }
      many: mmsPartitions(keys: [{ sourceId: "200018", partitionId: "2323" }, { sourceId: "200019", partitionId: "3001" }]) { id }
    }`);
    expect(harness.emulator.stats().total).toBe(2);
  });
});

describe('the process-wide concurrency limit', () => {
  it('keeps at most MMS_MAX_CONCURRENCY upstream calls in flight, across concurrent requests', async () => {
    const harness = await startHarness({ env: { MMS_MAX_CONCURRENCY: '3' }, emulator: { latencyMs: 40 } });
    try {
      const query = (ids: number[]) =>
        harness.query(`{ ${ids.map((id) => `p${id}: mmsPartition(sourceId: "1", partitionId: "${id}") { id }`).join(' ')} }`);
      await Promise.all([query([1, 2, 3, 4, 5, 6]), query([7, 8, 9, 10, 11, 12])]);
      const stats = harness.emulator.stats();
      expect(stats.total).toBe(12);
      expect(stats.maxInFlight).toBe(3);
    } finally {
      await harness.close();
    }
  });
});
