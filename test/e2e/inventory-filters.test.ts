import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

// Each filter of each listing narrows as documented, and each order orders: values are taken
// from the unfiltered listing, so the checks hold for any data set with some variety.

type Node = Record<string, unknown>;

const TABLES = `query ($filter: MmsTableFilter, $orderBy: MmsTableOrder) {
  mmsDataSource(id: "200019") {
    tables(first: 100, filter: $filter, orderBy: $orderBy) {
      totalCount
      edges { node { id name dbId dbName type hasPartitions status size numRows lastDdlTime destination { projectName schemaName tableName } } }
    }
  }
}`;
const DATABASES = `query ($filter: MmsDatabaseFilter, $orderBy: MmsDatabaseOrder) {
  mmsDataSource(id: "200019") { databases(first: 100, filter: $filter, orderBy: $orderBy) { totalCount edges { node { id name status size numRows updateTime } } } }
}`;
const SOURCES = `query ($filter: MmsDataSourceFilter) { mmsDataSources(first: 100, filter: $filter) { totalCount edges { node { id name type region } } } }`;

describe('inventory filters and orders', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());

  async function list(query: string, path: string[], variables: Record<string, unknown> = {}): Promise<{ total: number; nodes: Node[] }> {
    const answer = await harness.query(query, variables);
    expect(answer.errors, JSON.stringify(variables)).toBeUndefined();
    let value: unknown = answer.data;
    for (const step of path) value = (value as Record<string, unknown>)[step];
    const connection = value as { totalCount: number; edges: { node: Node }[] };
    return { total: connection.totalCount, nodes: connection.edges.map((edge) => edge.node) };
  }

  const destination = (node: Node) => (node.destination ?? {}) as Record<string, unknown>;
  const tableFilters: [string, (sample: Node) => Record<string, unknown>, (node: Node, sample: Node) => boolean][] = [
    ['dbId', (s) => ({ dbId: s.dbId }), (n, s) => n.dbId === s.dbId],
    ['dbName', (s) => ({ dbName: s.dbName }), (n, s) => n.dbName === s.dbName],
    ['name (a part of it)', (s) => ({ name: String(s.name).slice(1, 5) }), (n, s) => String(n.name).includes(String(s.name).slice(1, 5))],
    [
      'dstProjectName',
      (s) => ({ dstProjectName: destination(s).projectName }),
      (n, s) => destination(n).projectName === destination(s).projectName,
    ],
    ['dstName', (s) => ({ dstName: destination(s).tableName }), (n, s) => destination(n).tableName === destination(s).tableName],
    ['type', (s) => ({ type: s.type }), (n, s) => n.type === s.type],
    ['hasPartitions', (s) => ({ hasPartitions: s.hasPartitions }), (n, s) => n.hasPartitions === s.hasPartitions],
    ['status', (s) => ({ status: [s.status] }), (n, s) => n.status === s.status],
    [
      'lastDdlTime bounds',
      (s) => ({ lastDdlTimeFrom: s.lastDdlTime, lastDdlTimeTo: s.lastDdlTime }),
      (n, s) => n.lastDdlTime === s.lastDdlTime,
    ],
  ];

  it.each(tableFilters)('tables by %s', async (_name, filterOf, matches) => {
    const all = await list(TABLES, ['mmsDataSource', 'tables']);
    // The table whose value is rarest for this filter, so that the filter has something to leave out.
    const sample = all.nodes
      .filter((node) => Object.values(filterOf(node)).every((value) => value !== null && value !== undefined))
      .sort((a, b) => all.nodes.filter((n) => matches(n, a)).length - all.nodes.filter((n) => matches(n, b)).length)[0];
    expect(sample).toBeDefined();
    if (!sample) return;
    const narrowed = await list(TABLES, ['mmsDataSource', 'tables'], { filter: filterOf(sample) });
    expect(narrowed.total).toBeGreaterThan(0);
    expect(narrowed.total).toBeLessThan(all.total);
    expect(narrowed.nodes.every((node) => matches(node, sample))).toBe(true);
    expect(narrowed.total).toBe(all.nodes.filter((node) => matches(node, sample)).length);
  });

  it.each([
    ['databases by name (a part of it)', { name: 'ale' }, (node: Node) => String(node.name).includes('ale')],
    ['databases by status', { status: 'PART_DONE' }, (node: Node) => node.status === 'PART_DONE'],
  ])('%s', async (_name, filter, matches) => {
    const all = await list(DATABASES, ['mmsDataSource', 'databases']);
    const narrowed = await list(DATABASES, ['mmsDataSource', 'databases'], { filter });
    expect(narrowed.total).toBe(all.nodes.filter(matches).length);
    expect(narrowed.total).toBeLessThan(all.total);
  });

  it.each([
    ['data sources by name (a part of it)', { name: 'hive' }, (node: Node) => String(node.name).includes('hive')],
    ['data sources by type', { type: 'MAXCOMPUTE' }, (node: Node) => node.type === 'MAXCOMPUTE'],
    ['data sources by region', { region: 'cn-beijing' }, (node: Node) => node.region === 'cn-beijing'],
  ])('%s', async (_name, filter, matches) => {
    const all = await list(SOURCES, ['mmsDataSources']);
    const narrowed = await list(SOURCES, ['mmsDataSources'], { filter });
    expect(narrowed.total).toBeGreaterThan(0);
    expect(narrowed.total).toBe(all.nodes.filter(matches).length);
    expect(narrowed.total).toBeLessThan(all.total);
  });

  it.each([
    ['tables', TABLES, 'SIZE', 'size'],
    ['tables', TABLES, 'NUM_ROWS', 'numRows'],
    ['tables', TABLES, 'LAST_DDL_TIME', 'lastDdlTime'],
    ['databases', DATABASES, 'SIZE', 'size'],
    ['databases', DATABASES, 'NUM_ROWS', 'numRows'],
    ['databases', DATABASES, 'UPDATE_TIME', 'updateTime'],
  ])('orders %s by %s', async (listing, query, field, member) => {
    const path = ['mmsDataSource', listing];
    for (const direction of ['ASC', 'DESC'] as const) {
      const { nodes } = await list(query, path, { orderBy: { field, direction } });
      // Records without the value sort lowest, as the emulator (and the reference) say nothing else.
      const values = nodes.map((node) => node[member] as string | number | null).filter((value) => value !== null);
      const sorted = [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      expect(values).toEqual(direction === 'ASC' ? sorted : sorted.reverse());
      expect(new Set(values).size).toBeGreaterThan(1);
    }
  });
});
