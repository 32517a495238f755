import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_BIG_TABLE } from '../../src/emulator/data.js';
import { type GraphQLAnswer, type Harness, startHarness } from '../support/harness.js';

// The inventory as a graph over the real client and the emulator: connections, filters,
// orders, navigation, and what each costs upstream.

interface Edge {
  cursor: string;
  node: Record<string, unknown>;
}
interface ConnectionAnswer {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  edges: Edge[];
}

const BIG = { sourceId: '200019', tableId: String(DEMO_BIG_TABLE.tableId) };

const TABLE_PARTITIONS = `query ($first: Int, $after: String, $filter: MmsPartitionFilter, $orderBy: MmsPartitionOrder) {
  mmsTable(sourceId: "${BIG.sourceId}", tableId: "${BIG.tableId}") {
    partitions(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
      totalCount
      pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
      edges { cursor node { id status size numRows updated lastDdlTime } }
    }
  }
}`;

function partitionsOf(answer: GraphQLAnswer): ConnectionAnswer {
  expect(answer.errors).toBeUndefined();
  const table = answer.data?.mmsTable as { partitions: ConnectionAnswer };
  return table.partitions;
}

describe('the inventory graph', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.emulator.reset());

  const listCalls = () => harness.emulator.callsOf('ListMmsPartitions');

  it('pages 250 partitions of one table by 100: each once, in order, totalCount 250, one List call a page', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    const pages: ConnectionAnswer[] = [];
    do {
      const page = partitionsOf(await harness.query(TABLE_PARTITIONS, { first: 100, after }));
      pages.push(page);
      seen.push(...page.edges.map((edge) => String(edge.node.id)));
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    } while (after !== null && pages.length < 5);
    expect(pages.map((page) => page.edges.length)).toEqual([100, 100, 50]);
    expect(pages.map((page) => page.totalCount)).toEqual([250, 250, 250]);
    expect(pages.map((page) => [page.pageInfo.hasPreviousPage, page.pageInfo.hasNextPage])).toEqual([
      [false, true],
      [true, true],
      [true, false],
    ]);
    expect(seen).toEqual(Array.from({ length: 250 }, (_, i) => String(DEMO_BIG_TABLE.firstPartitionId + i)));
    expect(listCalls()).toBe(3);
    // The table was read once per request (mmsTable), its partitions never one by one.
    expect(harness.emulator.callsOf('GetMmsPartition')).toBe(0);
  });

  it('answers a page of 30 after a page of 20 with the right 30 rows, in at most two List calls', async () => {
    const first = partitionsOf(await harness.query(TABLE_PARTITIONS, { first: 20 }));
    harness.emulator.reset();
    const next = partitionsOf(await harness.query(TABLE_PARTITIONS, { first: 30, after: first.pageInfo.endCursor }));
    expect(next.edges.map((edge) => edge.node.id)).toEqual(
      Array.from({ length: 30 }, (_, i) => String(DEMO_BIG_TABLE.firstPartitionId + 20 + i)),
    );
    expect(listCalls()).toBeLessThanOrEqual(2);
  });

  it('narrows by status, both statuses sent as the JSON array the provider expects', async () => {
    const all = partitionsOf(await harness.query(TABLE_PARTITIONS, { first: 100 }));
    const done = partitionsOf(await harness.query(TABLE_PARTITIONS, { first: 100, filter: { status: ['DONE', 'FAILED'] } }));
    expect(done.totalCount).toBeLessThan(all.totalCount);
    expect(done.totalCount).toBeGreaterThan(0);
    expect(done.edges.every((edge) => edge.node.status === 'DONE' || edge.node.status === 'FAILED')).toBe(true);
    const failed = partitionsOf(await harness.query(TABLE_PARTITIONS, { first: 100, filter: { status: ['FAILED'] } }));
    expect(failed.edges.map((edge) => edge.node.status)).toEqual(Array(failed.totalCount).fill('FAILED'));
    expect(harness.emulator.stats().unexpectedPaths).toEqual([]);
  });

  it.each([
    ['updated', { updated: true }, (node: Record<string, unknown>) => node.updated === true],
    [
      'lastDdlTime bounds',
      { lastDdlTimeFrom: '2024-11-10 00:00:00', lastDdlTimeTo: '2024-11-20 23:59:59' },
      (node: Record<string, unknown>) => {
        const time = String(node.lastDdlTime);
        return time >= '2024-11-10 00:00:00' && time <= '2024-11-20 23:59:59';
      },
    ],
  ])('narrows by %s', async (_name, filter, holds) => {
    const all = partitionsOf(await harness.query(TABLE_PARTITIONS, { first: 100 }));
    const narrowed = partitionsOf(await harness.query(TABLE_PARTITIONS, { first: 100, filter }));
    expect(narrowed.totalCount).toBeGreaterThan(0);
    expect(narrowed.totalCount).toBeLessThan(all.totalCount);
    expect(narrowed.edges.every((edge) => holds(edge.node))).toBe(true);
  });

  it.each([
    ['SIZE', 'size'],
    ['NUM_ROWS', 'numRows'],
    ['LAST_DDL_TIME', 'lastDdlTime'],
  ])('orders by %s, both directions', async (field, member) => {
    for (const direction of ['ASC', 'DESC'] as const) {
      const page = partitionsOf(await harness.query(TABLE_PARTITIONS, { first: 100, orderBy: { field, direction } }));
      const values = page.edges.map((edge) => edge.node[member] as string | number);
      const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(values).toEqual(direction === 'ASC' ? sorted : sorted.reverse());
    }
  });

  it('reads a page of 100 partitions with their source and table: 1 List, 1 GetMmsDataSource, 1 GetMmsTable a table, no GetMmsPartition', async () => {
    const answer = await harness.query(`{
      mmsDataSource(id: "200019") {
        partitions(first: 100) {
          edges { node { id source { type region } table { name columns { name } } } }
        }
      }
    }`);
    expect(answer.errors).toBeUndefined();
    const edges = (answer.data?.mmsDataSource as { partitions: { edges: Edge[] } } | undefined)?.partitions.edges ?? [];
    expect(edges).toHaveLength(100);
    expect(edges.every((edge) => (edge.node.source as { type: string }).type === 'HIVE')).toBe(true);
    const tables = new Set(edges.map((edge) => (edge.node.table as { name: string }).name));
    expect(harness.emulator.callsOf('ListMmsPartitions')).toBe(1);
    // mmsDataSource read the source once; the partitions' `source` fields share that read.
    expect(harness.emulator.callsOf('GetMmsDataSource')).toBe(1);
    expect(harness.emulator.callsOf('GetMmsTable')).toBeLessThanOrEqual(tables.size);
    expect(harness.emulator.callsOf('GetMmsPartition')).toBe(0);
  });

  it('costs nothing for source { id name } and table { id name } of listed partitions', async () => {
    const answer = await harness.query(`{
      mmsTable(sourceId: "200019", tableId: "71") { partitions(first: 10) { edges { node { id source { id name } table { id name } database { id name } } } } }
    }`);
    expect(answer.errors).toBeUndefined();
    expect(harness.emulator.stats().perAction).toEqual({ GetMmsTable: 1, ListMmsPartitions: 1 });
  });

  it('refuses bad paging arguments and foreign cursors with BAD_USER_INPUT and no upstream call', async () => {
    const cursor = partitionsOf(await harness.query(TABLE_PARTITIONS, { first: 5 })).pageInfo.endCursor;
    harness.emulator.reset();
    const otherFilter = await harness.query(TABLE_PARTITIONS, { first: 5, after: cursor, filter: { updated: true } });
    for (const variables of [
      { first: 0 },
      { first: 101 },
      { first: 5, after: 'not-a-cursor' },
      { first: 5, after: cursor, orderBy: { field: 'SIZE' } },
    ]) {
      const answer = await harness.query(TABLE_PARTITIONS.replace(/mmsTable\([^)]*\) \{/, 'mmsDataSource(id: "200019") {'), variables);
      expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
    expect(otherFilter.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(harness.emulator.callsOf('ListMmsPartitions')).toBe(0);
    // A connection at the root: refused before any call at all.
    harness.emulator.reset();
    for (const args of ['first: 0', 'first: 101', 'first: 5, after: "not-a-cursor"']) {
      const answer = await harness.query(`{ mmsDataSources(${args}) { totalCount } }`);
      expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    }
    expect(harness.emulator.stats().total).toBe(0);
  });

  it('refuses a nested document over the read budget before any call, and answers a modest nested page', async () => {
    const nested = (first: number) => `{
      mmsDataSources(first: ${first}) { edges { node { id tables(first: ${first}) { edges { node { id partitions(first: ${first}) { totalCount edges { node { id } } } } } } } } }
    }`;
    const refused = await harness.query(nested(100));
    expect(refused.data ?? null).toBeNull();
    expect(refused.errors?.map((e) => e.extensions?.code)).toEqual(['QUERY_LIMIT_EXCEEDED']);
    expect(harness.emulator.stats().total).toBe(0);
    const modest = await harness.query(nested(2));
    expect(modest.errors).toBeUndefined();
    expect((modest.data?.mmsDataSources as { edges: Edge[] } | undefined)?.edges).toHaveLength(2);
  });

  it('lists data sources by type, a source databases and its tables, and navigates back', async () => {
    const answer = await harness.query(`{
      mmsDataSources(first: 2, filter: { type: BIGQUERY }) { totalCount edges { node { id name type status databases(first: 3) { totalCount edges { node { id name source { id } tables(first: 5) { totalCount edges { node { id name database { id name } } } } } } } } } }
    }`);
    expect(answer.errors).toBeUndefined();
    const sources = answer.data?.mmsDataSources as ConnectionAnswer;
    expect(sources.edges.map((edge) => edge.node.type)).toEqual(Array(sources.totalCount).fill('BIGQUERY'));
    const source = sources.edges[0]?.node as {
      id: string;
      databases: { edges: { node: { source: { id: string }; tables: ConnectionAnswer } }[] };
    };
    for (const { node } of source.databases.edges) {
      expect(node.source.id).toBe(source.id);
      for (const table of node.tables.edges)
        expect((table.node.database as { id: string }).id).toBe((node as unknown as { id: string }).id);
    }
  });

  it('answers NOT_FOUND for a source, database or table that does not exist, and BAD_USER_INPUT for a bad ID, without a call', async () => {
    const missing = await harness.query(
      '{ a: mmsDataSource(id: "9") { name } b: mmsDatabase(sourceId: "200019", dbId: "999") { name } c: mmsTable(sourceId: "200019", tableId: "999") { name } }',
    );
    expect(missing.data).toEqual({ a: null, b: null, c: null });
    expect(missing.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND', 'NOT_FOUND']);
    harness.emulator.reset();
    const bad = await harness.query('{ mmsTable(sourceId: "x", tableId: "1") { name } }');
    expect(bad.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(harness.emulator.stats().total).toBe(0);
  });
});

describe('the inventory graph with the shared cache', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ env: { MMS_CACHE: 'on' } });
  });
  afterAll(() => harness.close());

  it("serves a listed partition's mmsPartition from the cache in a later request", async () => {
    const listed = await harness.query(
      `{ mmsTable(sourceId: "200019", tableId: "71") { partitions(first: 10) { edges { node { id } } } } }`,
    );
    expect(listed.errors).toBeUndefined();
    harness.emulator.reset();
    const later = await harness.query('{ mmsPartition(sourceId: "200019", partitionId: "3002") { id tableName status } }');
    expect(later.data).toEqual({ mmsPartition: { id: '3002', tableName: 'orders', status: expect.any(String) } });
    expect(harness.emulator.stats().total).toBe(0);
  });
});
