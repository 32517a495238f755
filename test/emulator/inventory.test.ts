import { stringify } from 'lossless-json';
import { describe, expect, it } from 'vitest';
import { DEMO_BIG_TABLE, demoInventory, PUBLISHED_EXAMPLE } from '../../src/emulator/data.js';
import {
  DATA_SOURCE_STATUSES,
  type DbAnswer,
  getDataSource,
  getDb,
  getTable,
  type InventoryQuery,
  type InventoryStore,
  listDataSources,
  listDbs,
  listPartitions,
  listTables,
  PARTITION_STATUSES,
  rolledUpStatus,
  TABLE_STATUSES,
  type TableAnswer,
} from '../../src/emulator/inventory.js';
import { type QueryForm, QueryFormError, readWireQuery } from '../../src/upstream/action.js';

const big = (query: InventoryQuery = {}) =>
  listPartitions(demoInventory(), DEMO_BIG_TABLE.sourceId, { tableId: String(DEMO_BIG_TABLE.tableId), ...query });

function tablesOf(store: InventoryStore, sourceId: number | bigint, query: InventoryQuery = {}): TableAnswer[] {
  return listTables(store, sourceId, query).objectList as TableAnswer[];
}

const sum = (values: unknown[]) => values.reduce<bigint>((total, value) => total + BigInt(value as number | bigint), 0n);
const countBy = <T>(rows: T[], status: (row: T) => unknown, wanted: string) => rows.filter((row) => status(row) === wanted).length;
const ids = (rows: { id?: unknown }[]) => rows.map((row) => Number(row.id));

/** Checks that rows are ordered by the keys in turn, then by ID ascending. */
function expectOrdered<Row extends { id?: unknown }>(rows: Row[], keys: { of: (row: Row) => bigint | string; descending: boolean }[]) {
  for (let i = 1; i < rows.length; i += 1) {
    const [a, b] = [rows[i - 1], rows[i]] as [Row, Row];
    let decided = false;
    for (const key of keys) {
      const [x, y] = [key.of(a), key.of(b)];
      if (x === y) continue;
      expect(key.descending ? x > y : x < y, `rows ${String(a.id)} then ${String(b.id)}`).toBe(true);
      decided = true;
      break;
    }
    if (!decided) expect(BigInt(a.id as number) < BigInt(b.id as number), `tie ${String(a.id)} then ${String(b.id)}`).toBe(true);
  }
}

describe('the demo inventory', () => {
  it('keeps the published example verbatim and gives every demo partition its table, database and source', () => {
    const store = demoInventory();
    expect(store.partitions.get('200018/2323')).toEqual(PUBLISHED_EXAMPLE);
    for (const [key, partition] of store.partitions) {
      const [sourceId] = key.split('/');
      const source = store.sources.get(sourceId ?? '');
      const table = store.tables.get(`${sourceId}/${partition.tableId}`);
      const db = store.dbs.get(`${sourceId}/${partition.dbId}`);
      expect(source?.name, key).toBe(partition.sourceName);
      expect(table?.name, key).toBe(partition.tableName);
      expect(table?.dbId, key).toBe(partition.dbId);
      expect(db?.name, key).toBe(partition.dbName);
      expect(table?.hasPartitions, key).toBe(true);
    }
  });

  it('names partition columns as the partitions spell their specs', () => {
    const store = demoInventory();
    for (const [key, partition] of store.partitions) {
      // 3102 is a case of Hive's escaping in a spec, not of its table's columns.
      if (key === '200019/3102') continue;
      const table = store.tables.get(`${partition.sourceId}/${partition.tableId}`);
      const names = String(partition.value)
        .trim()
        .split('/')
        .map((level) => level.slice(0, level.indexOf('=')));
      expect(
        table?.schema.partitions.map((column) => column.name),
        key,
      ).toEqual(names);
    }
    for (const table of store.tables.values()) expect(table.schema.partitions.length > 0).toBe(table.hasPartitions);
  });

  it('has every data source status, kind, table and database status, and JSON text in extra', () => {
    const store = demoInventory();
    const sources = listDataSources(store).objectList;
    expect(new Set(sources.map((source) => source.status))).toEqual(new Set(DATA_SOURCE_STATUSES));
    expect(new Set(sources.map((source) => source.type))).toEqual(new Set(['HIVE', 'BIGQUERY', 'MAXCOMPUTE']));
    for (const source of sources) expect(source.errMsg !== undefined, source.name).toBe(source.status.endsWith('_FAILED'));
    const tables = sources.flatMap((source) => tablesOf(store, source.id));
    const dbs = sources.flatMap((source) => listDbs(store, source.id).objectList);
    expect(new Set(tables.map((table) => table.status))).toEqual(new Set(TABLE_STATUSES));
    expect(new Set(dbs.map((db) => db.status))).toEqual(new Set(TABLE_STATUSES));
    expect(new Set(tables.map((table) => table.hasPartitions))).toEqual(new Set([true, false]));
    for (const row of [...tables, ...dbs]) expect(typeof JSON.parse(row.extra), row.name).toBe('object');
    expect(tables.some((table) => Object.keys(JSON.parse(table.extra)).length >= 3)).toBe(true);
    expect(tables.some((table) => table.dstSchemaName === null)).toBe(true);
    expect(dbs.some((db) => db.tables === 0)).toBe(true);
    expect(dbs.some((db) => db.deleted)).toBe(true);
  });

  it('keeps demo figures exact as JavaScript numbers', () => {
    const store = demoInventory();
    const values = [
      ...store.partitions.values(),
      ...listDataSources(store).objectList,
      ...[...store.sources.keys()].flatMap((id) => [...listDbs(store, id).objectList, ...tablesOf(store, BigInt(id))]),
    ].flatMap((row) => Object.values(row));
    for (const value of values) if (typeof value === 'number') expect(Number.isSafeInteger(value) || !Number.isInteger(value)).toBe(true);
    expect(values.some((value) => typeof value === 'bigint')).toBe(false);
  });

  it('holds a table of 250 partitions in every status, past 2^32, updated or not, with varied DDL times', () => {
    const { total, objectList } = big();
    expect(total).toBe(DEMO_BIG_TABLE.partitionCount);
    expect(total).toBeGreaterThanOrEqual(250);
    expect(new Set(objectList.map((p) => p.status))).toEqual(new Set(PARTITION_STATUSES));
    expect(objectList.some((p) => Number(p.size) > 2 ** 32)).toBe(true);
    expect(new Set(objectList.map((p) => p.updated))).toEqual(new Set([true, false]));
    expect(new Set(objectList.map((p) => p.lastDdlTime)).size).toBeGreaterThan(200);
    const first = DEMO_BIG_TABLE.firstPartitionId;
    expect(ids(objectList)).toEqual(Array.from({ length: total }, (_, i) => first + i));
    for (const taken of [2323, 3001, 3004, 3101, 3102, 4001, 4002]) expect(taken < first || taken >= first + total).toBe(true);
  });
});

describe('counters', () => {
  it('agree with the rows for every data source, database and table', () => {
    const store = demoInventory();
    for (const source of listDataSources(store).objectList) {
      const dbs = listDbs(store, source.id).objectList;
      const tables = tablesOf(store, source.id);
      const partitions = listPartitions(store, source.id).objectList;
      expect(source.dbNum).toBe(dbs.length);
      expect(source.tableNum).toBe(tables.length);
      expect(source.partitionNum).toBe(partitions.length);
      expect(source.partitionNum).toBe(tables.reduce((total, table) => total + table.partitions, 0));
      expect(source.tablesDoingNum).toBe(countBy(tables, (t) => t.status, 'DOING'));
      expect(source.tablesDoneNum).toBe(countBy(tables, (t) => t.status, 'DONE'));
      expect(source.tablesFailedNum).toBe(countBy(tables, (t) => t.status, 'FAILED'));
      expect(source.tablesPartDoneNum).toBe(countBy(tables, (t) => t.status, 'PART_DONE'));
      expect(source.partitionsDoingNum).toBe(countBy(partitions, (p) => p.status, 'DOING'));
      expect(source.partitionsDoneNum).toBe(countBy(partitions, (p) => p.status, 'DONE'));
      expect(source.partitionsFailedNum).toBe(countBy(partitions, (p) => p.status, 'FAILED'));
      expect(getDataSource(store, source.id)).toMatchObject({ dbNum: source.dbNum, partitionNum: source.partitionNum });

      for (const db of dbs) {
        const inDb = tablesOf(store, source.id, { dbId: String(db.id) });
        const dbPartitions = listPartitions(store, source.id, { dbId: String(db.id) }).objectList;
        expect(db.tables).toBe(inDb.length);
        expect(db.tablesDoing).toBe(countBy(inDb, (t) => t.status, 'DOING'));
        expect(db.tablesDone).toBe(countBy(inDb, (t) => t.status, 'DONE'));
        expect(db.tablesPartDone).toBe(countBy(inDb, (t) => t.status, 'PART_DONE'));
        expect(db.tablesFailed).toBe(countBy(inDb, (t) => t.status, 'FAILED'));
        expect(db.partitions).toBe(dbPartitions.length);
        expect(db.partitionsDoing).toBe(countBy(dbPartitions, (p) => p.status, 'DOING'));
        expect(db.partitionsDone).toBe(countBy(dbPartitions, (p) => p.status, 'DONE'));
        expect(db.partitionsFailed).toBe(countBy(dbPartitions, (p) => p.status, 'FAILED'));
        expect(BigInt(db.size)).toBe(sum(inDb.map((t) => t.size)));
        expect(BigInt(db.numRows)).toBe(sum(inDb.map((t) => t.numRows)));
        expect(db.status).toBe(rolledUpStatus({ rows: inDb.length, ...tally(inDb.map((t) => t.status)) }));
        const { deleted: _deleted, createTime: _created, updateTime: _updated, ...asGot } = db;
        expect(getDb(store, source.id, db.id)).toEqual(asGot);
      }

      for (const table of tables) {
        const own = listPartitions(store, source.id, { tableId: String(table.id) }).objectList;
        expect(table.partitions).toBe(own.length);
        expect(table.partitionsDoing).toBe(countBy(own, (p) => p.status, 'DOING'));
        expect(table.partitionsDone).toBe(countBy(own, (p) => p.status, 'DONE'));
        expect(table.partitionsFailed).toBe(countBy(own, (p) => p.status, 'FAILED'));
        if (table.hasPartitions) {
          expect(BigInt(table.size)).toBe(sum(own.map((p) => p.size)));
          expect(BigInt(table.numRows)).toBe(sum(own.map((p) => p.numRows)));
          expect(table.status).toBe(rolledUpStatus({ rows: own.length, ...tally(own.map((p) => p.status)) }));
        }
        expect(getTable(store, source.id, table.id)).toEqual(table);
      }
    }
  });

  it('roll statuses up with FAILED over DOING over PART_DONE, DONE only when all are', () => {
    const store = demoInventory();
    const statusOf = (sourceId: number, tableId: number) => getTable(store, sourceId, tableId)?.status;
    expect(statusOf(200018, 23)).toBe('DONE'); // one DONE partition
    expect(statusOf(200018, 26)).toBe('PART_DONE'); // DONE, DONE, INIT
    expect(statusOf(200019, 71)).toBe('FAILED'); // DOING, DONE, FAILED, INIT
    expect(statusOf(200019, 72)).toBe('DOING'); // DOING, DONE
    expect(statusOf(200019, 82)).toBe('INIT'); // INIT, INIT
    expect(statusOf(200018, 25)).toBe('INIT'); // no partitions: its own status
    const dbStatus = (sourceId: number, dbId: number) => getDb(store, sourceId, dbId)?.status;
    expect([dbStatus(200018, 0), dbStatus(200018, 1), dbStatus(200018, 2)]).toEqual(['DONE', 'PART_DONE', 'INIT']);
    expect([dbStatus(200019, 7), dbStatus(200019, 8)]).toEqual(['FAILED', 'DOING']);
    expect(rolledUpStatus({ rows: 3, doing: 1, done: 0, partDone: 1, failed: 0 })).toBe('DOING');
    expect(rolledUpStatus({ rows: 2, doing: 0, done: 0, partDone: 0, failed: 0 })).toBe('INIT');
  });

  it('count a partition set directly in the partitions map, in its source, database, table and lists', () => {
    const store = demoInventory();
    const before = { source: getDataSource(store, 200019), db: getDb(store, 200019, 7), table: getTable(store, 200019, 71) };
    store.partitions.set('200019/9999', {
      id: 9999,
      dbId: 7,
      tableId: 71,
      dbName: 'sales',
      tableName: 'orders',
      value: 'dt=2024-12-03/region=eu',
      sourceId: 200019,
      sourceName: 'hive_prod',
      size: 9_007_199_254_740_993n,
      numRows: 7,
      updated: true,
      lastDdlTime: '2024-12-20 00:00:00',
      status: 'DONE',
    });
    const source = getDataSource(store, 200019);
    const db = getDb(store, 200019, 7);
    const table = getTable(store, 200019, 71);
    expect(source?.partitionNum).toBe((before.source?.partitionNum ?? 0) + 1);
    expect(source?.partitionsDoneNum).toBe((before.source?.partitionsDoneNum ?? 0) + 1);
    expect(db?.partitions).toBe((before.db?.partitions ?? 0) + 1);
    expect(table?.partitions).toBe(5);
    expect(table?.partitionsDone).toBe((before.table?.partitionsDone ?? 0) + 1);
    // Beyond 2^53: kept as bigint, written with every digit.
    expect(table?.size).toBe(BigInt(before.table?.size ?? 0) + 9_007_199_254_740_993n);
    expect(stringify({ size: db?.size })).toBe(`{"size":${BigInt(before.db?.size ?? 0) + 9_007_199_254_740_993n}}`);
    expect(ids(listPartitions(store, 200019, { tableId: '71' }).objectList)).toEqual([3001, 3002, 3003, 3004, 9999]);
    expect(ids(listPartitions(store, 200019, { sorter: { lastDdlTime: 'desc' }, pageSize: '1' }).objectList)).toEqual([9999]);

    // Partitions of a source without a record are listed under its ID; the source itself is not found.
    store.partitions.set('9/9', { id: 9, sourceId: 9, size: 5_000_000_000, numRows: 4_294_967_297 });
    store.partitions.set('9/10', { id: 10, sourceId: 9, tableName: 't', status: 'MIGRATING' });
    expect(listPartitions(store, 9)).toMatchObject({ total: 2, objectList: [{ id: 9 }, { id: 10 }] });
    expect(listPartitions(store, 9, { status: ['INIT', 'DOING', 'DONE', 'FAILED'] }).total).toBe(0);
    expect(getDataSource(store, 9)).toBeNull();
    expect(listDataSources(store).objectList.map((s) => s.id)).not.toContain(9);

    // A status outside the documented set counts as a partition, in no status counter, and keeps its table from DONE.
    store.partitions.set('200018/7777', { id: 7777, sourceId: 200018, dbId: 0, tableId: 23, status: 'MIGRATING' });
    expect(getTable(store, 200018, 23)).toMatchObject({ status: 'PART_DONE', partitions: 2, partitionsDone: 1, size: 12323 });
  });
});

function tally(statuses: unknown[]) {
  return {
    doing: statuses.filter((s) => s === 'DOING').length,
    done: statuses.filter((s) => s === 'DONE').length,
    partDone: statuses.filter((s) => s === 'PART_DONE').length,
    failed: statuses.filter((s) => s === 'FAILED').length,
  };
}

describe('filters', () => {
  const store = demoInventory();

  it('ListMmsDataSources: name as a case-sensitive substring, type and region exact', () => {
    const names = (query: InventoryQuery) => listDataSources(store, query).objectList.map((source) => source.name);
    expect(names({ name: 'hive_' })).toEqual(['hive_prod', 'hive_staging', 'hive_dev']);
    expect(names({ name: 'hive' })).toEqual(['hive_prod', 'mc_archive', 'hive_staging', 'hive_dev']);
    expect(names({ name: 'Hive' })).toEqual([]);
    expect(names({ type: 'MAXCOMPUTE' })).toEqual(['mc_archive', 'mc_backup']);
    expect(names({ type: 'MAXCOMP' })).toEqual([]);
    expect(names({ region: 'cn-hangzhou', name: 'prod' })).toEqual(['hive_prod']);
    expect(listDataSources(store, { name: 'hive_' }).total).toBe(3);
  });

  it('ListMmsDbs: name as a substring, status exact on the rolled-up status', () => {
    const names = (sourceId: number, query: InventoryQuery) => listDbs(store, sourceId, query).objectList.map((db) => db.name);
    expect(names(200018, { name: 'd' })).toEqual(['d1', 'd2', 'd_empty']);
    expect(names(200018, { name: 'd_' })).toEqual(['d_empty']);
    expect(names(200018, { status: 'PART_DONE' })).toEqual(['d2']);
    expect(names(200019, { status: 'FAILED' })).toEqual(['sales']);
    expect(names(200019, { status: 'FAIL' })).toEqual([]);
  });

  it('ListMmsTables: each filter narrows as documented', () => {
    const names = (query: InventoryQuery, sourceId = 200019) => tablesOf(store, sourceId, query).map((table) => table.name);
    expect(names({})).toEqual(['orders', 'clicks', 'page_views', 'customers', 'orders_tmp', 'orders_new']);
    expect(names({ dbId: '7' })).toEqual(['orders', 'clicks', 'page_views', 'customers']);
    expect(names({ dbId: '0007' })).toEqual(names({ dbId: '7' }));
    expect(names({ dbName: 'staging' })).toEqual(['orders_tmp', 'orders_new']);
    expect(names({ dbName: 'stag' })).toEqual([]);
    expect(names({ name: 'orders' })).toEqual(['orders', 'orders_tmp', 'orders_new']);
    expect(names({ name: 'Orders' })).toEqual([]);
    expect(names({ dstProjectName: 'mms_staging' })).toEqual(['orders_tmp', 'orders_new']);
    expect(names({ dstSchemaName: 'd2' }, 200018)).toEqual(['t2', 't3']);
    expect(names({ dstName: 'test' }, 200018)).toEqual(['t1']);
    expect(names({ type: 'EXTERNAL_TABLE' })).toEqual(['orders_tmp']);
    expect(names({ hasPartitions: false })).toEqual(['customers', 'orders_tmp']);
    expect(names({ hasPartitions: true, dbId: '8' })).toEqual(['orders_new']);
    expect(names({ status: ['DOING', 'INIT'] })).toEqual(['clicks', 'orders_tmp', 'orders_new']);
    expect(names({ status: ['PART_DONE'] }, 200018)).toEqual(['t3']);
    expect(names({ status: [] })).toEqual(names({}));
    // Inclusive bounds: orders and customers have exactly 2024-12-12 04:15:00.
    expect(names({ lastDdlTimeStart: '2024-12-12 04:15:00' })).toEqual(['orders', 'clicks', 'customers', 'orders_tmp', 'orders_new']);
    expect(names({ lastDdlTimeEnd: '2024-12-12 04:15:00' })).toEqual(['orders', 'page_views', 'customers']);
    expect(names({ lastDdlTimeStart: '2024-12-12 04:15:00', lastDdlTimeEnd: '2024-12-12 04:15:00' })).toEqual(['orders', 'customers']);
  });

  it('ListMmsTables: onlyName answers IDs and names', () => {
    expect(listTables(store, 200018, { onlyName: true, dbId: '0' }).objectList).toEqual([
      { id: 23, name: 't1' },
      { id: 24, name: 't1_dim' },
    ]);
  });

  it('ListMmsPartitions: each filter narrows as documented', () => {
    const found = (query: InventoryQuery, sourceId = 200019) => ids(listPartitions(store, sourceId, query).objectList);
    expect(found({ dbId: '8' })).toEqual([3201, 3202]);
    expect(found({ dbName: 'staging' })).toEqual([3201, 3202]);
    expect(found({ tableId: '72' })).toEqual([3101, 3102]);
    expect(found({ tableName: 'clicks' })).toEqual([3101, 3102]);
    expect(found({ tableName: 'click' })).toEqual([]);
    expect(found({ value: 'dt=2024-12-01/region=us' })).toEqual([3002]);
    expect(found({ value: 'dt=2024-12-01' })).toEqual([]);
    // The published example's value ends in a stray newline: the filter is on the value itself.
    expect(found({ value: 'p1=1/p2=abc' }, 200018)).toEqual([2323]);
    expect(found({ updated: true, tableId: '71' })).toEqual([3004]);
    expect(found({ updated: false, tableId: '71' })).toEqual([3001, 3002, 3003]);
    expect(found({ status: ['DONE', 'FAILED'], dbId: '7', tableName: 'orders' })).toEqual([3002, 3003]);
    expect(found({ status: ['INIT'], tableId: '82' })).toEqual([3201, 3202]);
    expect(found({ lastDdlTimeStart: '2024-12-12 02:15:00', lastDdlTimeEnd: '2024-12-14 04:15:00' })).toEqual([3002, 3003, 3004]);
    expect(found({ lastDdlTimeStart: '2024-12-17 15:44:42', lastDdlTimeEnd: '2024-12-17 15:44:42' }, 200018)).toEqual([2323]);
    const bigOnes = big({ status: ['FAILED'] });
    expect(bigOnes.total).toBe(6);
    expect(bigOnes.objectList.every((p) => p.status === 'FAILED')).toBe(true);
  });
});

describe('sorting', () => {
  it('orders partitions by one member, asc or desc, ties by ID ascending', () => {
    const bySize = (p: { size?: unknown }) => BigInt(p.size as number);
    const ascending = big({ sorter: { size: 'asc' } }).objectList;
    expectOrdered(ascending, [{ of: bySize, descending: false }]);
    const descending = big({ sorter: { size: 'desc' } }).objectList;
    expectOrdered(descending, [{ of: bySize, descending: true }]);
    expect(descending).toHaveLength(250);
    // Ties are broken by ID ascending in both directions, not reversed.
    expect(ids(descending.slice(0, 3))).toEqual([8007, 8014, 8021]);
    const byTime = big({ sorter: { lastDdlTime: 'desc' } }).objectList;
    expectOrdered(byTime, [{ of: (p) => String(p.lastDdlTime), descending: true }]);
    expect(ids(byTime.slice(0, 20))).toEqual(Array.from({ length: 20 }, (_, i) => 8231 + i));
  });

  it('applies several members in the order given', () => {
    const bySize = (p: { size?: unknown }) => BigInt(p.size as number);
    const byRows = (p: { numRows?: unknown }) => BigInt(p.numRows as number);
    const sizeFirst = big({ sorter: { size: 'desc', numRows: 'asc' } }).objectList;
    expectOrdered(sizeFirst, [
      { of: bySize, descending: true },
      { of: byRows, descending: false },
    ]);
    const rowsFirst = big({ sorter: { numRows: 'asc', size: 'desc' } }).objectList;
    expectOrdered(rowsFirst, [
      { of: byRows, descending: false },
      { of: bySize, descending: true },
    ]);
    expect(ids(sizeFirst)).not.toEqual(ids(rowsFirst));
  });

  it('orders tables and databases by their members, and by ID without a sorter', () => {
    const store = demoInventory();
    expect(ids(tablesOf(store, 200019))).toEqual([71, 72, 73, 74, 81, 82]);
    const byRows = tablesOf(store, 200019, { sorter: { numRows: 'desc' } });
    expectOrdered(byRows, [{ of: (t) => BigInt(t.numRows), descending: true }]);
    const byTime = tablesOf(store, 200019, { sorter: { lastDdlTime: 'asc' } });
    expectOrdered(byTime, [{ of: (t) => String(t.lastDdlTime), descending: false }]);
    expect(ids(byTime)).toEqual([73, 71, 74, 72, 82, 81]); // 71 and 74 tie
    const dbs = (query: InventoryQuery) => listDbs(store, 200019, query).objectList;
    expectOrdered(dbs({ sorter: { size: 'asc' } }), [{ of: (db: DbAnswer) => BigInt(db.size), descending: false }]);
    expect(ids(dbs({ sorter: { updateTime: 'desc' } }))).toEqual([7, 8, 6]);
    expect(ids(dbs({ sorter: { numRows: 'desc' } }))).toEqual([7, 8, 6]);
  });
});

describe('paging', () => {
  it('windows 250 rows in pages of 100: 100, 100, 50, then empty, total 250', () => {
    const pages = [1, 2, 3, 4].map((pageNum) => big({ pageNum: String(pageNum), pageSize: '100', sorter: { size: 'desc' } }));
    expect(pages.map((p) => p.objectList.length)).toEqual([100, 100, 50, 0]);
    expect(pages.map((p) => p.total)).toEqual([250, 250, 250, 250]);
    expect(pages.map((p) => [p.pageNum, p.pageSize])).toEqual([
      [1, 100],
      [2, 100],
      [3, 100],
      [4, 100],
    ]);
    expect(pages.flatMap((p) => ids(p.objectList))).toEqual(ids(big({ sorter: { size: 'desc' } }).objectList));
  });

  it('answers every row when both paging parameters are left out, and defaults the missing one', () => {
    expect(big()).toMatchObject({ total: 250, pageNum: 1, pageSize: 250 });
    expect(big().objectList).toHaveLength(250);
    const firstTen = big({ pageSize: '10' });
    expect(firstTen).toMatchObject({ total: 250, pageNum: 1, pageSize: 10 });
    expect(ids(firstTen.objectList)).toEqual(Array.from({ length: 10 }, (_, i) => 8001 + i));
    const third = big({ pageNum: '3' });
    expect(third).toMatchObject({ pageNum: 3, pageSize: 10 });
    expect(ids(third.objectList)).toEqual(Array.from({ length: 10 }, (_, i) => 8021 + i));
    expect(listDataSources(demoInventory(), { pageNum: '2', pageSize: '3' }).objectList.map((s) => s.id)).toEqual([200021, 200022, 200023]);
  });
});

describe('refusals and absences', () => {
  const store = demoInventory();

  it('refuses sorter members, directions, page numbers, statuses and parameters the action does not take', () => {
    const refusals: [string, () => unknown][] = [
      ['sorter.name', () => listPartitions(store, 200019, { sorter: { name: 'asc' } })],
      ['sorter.updateTime', () => listTables(store, 200019, { sorter: { updateTime: 'asc' } })],
      ['sorter.lastDdlTime', () => listDbs(store, 200019, { sorter: { lastDdlTime: 'asc' } })],
      ['asc or desc', () => listPartitions(store, 200019, { sorter: { size: 'ascending' } })],
      ['asc or desc', () => listDbs(store, 200019, { sorter: { updateTime: '2024-12-17 15:44:17' } })],
      ['pageNum', () => listPartitions(store, 200019, { pageNum: '0' })],
      ['pageNum', () => listTables(store, 200019, { pageNum: '-1', pageSize: '10' })],
      ['pageSize', () => listDbs(store, 200019, { pageSize: '1001' })],
      ['pageSize', () => listDataSources(store, { pageSize: '0' })],
      ['pageSize', () => listPartitions(store, 404, { pageSize: '1001' })],
      ['PART_DONE', () => listPartitions(store, 200019, { status: ['DONE', 'PART_DONE'] })],
      ['done', () => listTables(store, 200019, { status: ['done'] })],
      ['array', () => listTables(store, 200019, { status: 'DONE' })],
      ['sorter', () => listDataSources(store, { sorter: { size: 'asc' } })],
      ['onlyName', () => listPartitions(store, 200019, { onlyName: true })],
      ['true or false', () => listPartitions(store, 200019, { updated: 'yes' })],
      ['decimal', () => listTables(store, 200019, { dbId: 'seven' })],
    ];
    for (const [message, call] of refusals) {
      expect(call, message).toThrow(QueryFormError);
      expect(call, message).toThrow(message);
    }
    expect(listPartitions(store, 200019, { pageNum: '1000', pageSize: '1000' }).objectList).toEqual([]);
  });

  it('reads parameters in their wire forms through readWireQuery', () => {
    // readWireQuery reads only an action's name and query forms: those of ListMmsPartitions (§3.5).
    const forms: Record<string, QueryForm> = {
      tableId: 'integer',
      status: 'json-array',
      updated: 'boolean',
      pageNum: 'integer',
      pageSize: 'integer',
      sorter: 'dotted',
    };
    const query = readWireQuery(
      { name: 'ListMmsPartitions', query: forms } as Parameters<typeof readWireQuery>[0],
      new URLSearchParams('tableId=73&status=%5B%22DONE%22%2C%22FAILED%22%5D&updated=true&pageNum=1&pageSize=5&sorter.size=desc'),
    );
    const answer = listPartitions(store, 200019, query);
    expect(answer.total).toBe(big({ status: ['DONE', 'FAILED'], updated: true }).total);
    expect(answer.objectList).toHaveLength(5);
    expectOrdered(answer.objectList, [{ of: (p) => BigInt(p.size as number), descending: true }]);
  });

  it('answers null for records that do not exist and an empty page for a source that does not', () => {
    expect(getDataSource(store, 404)).toBeNull();
    expect(getDataSource(store, 'not-an-id')).toBeNull();
    expect(getDb(store, 200019, 9)).toBeNull(); // db 9 belongs to 200020
    expect(getTable(store, 200019, 91)).toBeNull();
    expect(getTable(store, 404, 1)).toBeNull();
    for (const list of [listDbs, listTables, listPartitions]) {
      expect(list(store, 404, {})).toEqual({ total: 0, pageNum: 1, pageSize: 0, objectList: [] });
      expect(list(store, 404, { pageNum: '2', pageSize: '5' })).toEqual({ total: 0, pageNum: 2, pageSize: 5, objectList: [] });
    }
    expect(getDataSource(store, '0200019')?.name).toBe('hive_prod');
    expect(getTable(store, 200019n, '073')?.name).toBe('page_views');
  });
});

describe('answer shapes', () => {
  it('serves configuration items on GetMmsDataSource only when asked, with subItems there alone', () => {
    const store = demoInventory();
    const plain = getDataSource(store, 200019);
    expect(plain).not.toHaveProperty('config');
    expect(plain).not.toHaveProperty('scanStatus');
    const withConfig = getDataSource(store, 200019, { withConfig: true, lang: 'en_US' });
    expect(withConfig?.config?.some((item) => item.subItems !== undefined)).toBe(true);
    const listed = listDataSources(store, { name: 'hive_prod' }).objectList[0];
    expect(listed?.config.length).toBe(withConfig?.config?.length);
    expect(listed?.config.some((item) => 'subItems' in item)).toBe(false);
    expect(getDataSource(store, 200022)?.errMsg).toMatch(/connection refused/);
  });

  it('keeps list-only fields of databases out of GetMmsDb', () => {
    const store = demoInventory();
    const listed = listDbs(store, 200019, { name: 'legacy' }).objectList[0];
    expect(listed).toMatchObject({ deleted: true, createTime: expect.any(String), updateTime: expect.any(String) });
    const got = getDb(store, 200019, 6);
    for (const field of ['deleted', 'createTime', 'updateTime']) expect(got).not.toHaveProperty(field);
  });

  it('answers copies: changing an answer leaves the store as it was', () => {
    const store = demoInventory();
    const table = getTable(store, 200018, 23);
    table?.schema.columns.push({ name: 'x', type: 'string', comment: null, defaultValue: null, nullable: true });
    const partition = listPartitions(store, 200018).objectList[0];
    if (partition) partition.status = 'FAILED';
    expect(getTable(store, 200018, 23)?.schema.columns).toHaveLength(2);
    expect(store.partitions.get('200018/2323')?.status).toBe('DONE');
  });
});
