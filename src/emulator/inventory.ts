import { GET_MMS_DATA_SOURCE, LIST_MMS_DATA_SOURCES } from '../upstream/actions/data-source.js';
import { LIST_MMS_DBS } from '../upstream/actions/database.js';
import { LIST_MMS_PARTITIONS } from '../upstream/actions/partition.js';
import { LIST_MMS_TABLES } from '../upstream/actions/table.js';
import type { EmulatedPartition } from './data.js';
import { Census, type DataSourceAnswer, type DbAnswer, partitionSourceId, type TableAnswer } from './inventory/census.js';
import {
  applyFilters,
  booleanParameter,
  containing,
  equalTo,
  type InventoryQuery,
  idParameter,
  inSet,
  type Page,
  page,
  refuseUnknown,
  type SortKind,
  sortById,
  sorterParameter,
  sortRows,
  statusesParameter,
  stringParameter,
  within,
} from './inventory/query.js';
import {
  type ConfigItem,
  childKey,
  type DataSourceCounters,
  type DataSourceRecord,
  decimalId,
  type InventoryStore,
  PARTITION_STATUSES,
  TABLE_STATUSES,
} from './inventory/records.js';

// The emulator's answers to the inventory read actions of the MMS API family
// (`../shared/reference/mms-api-family.md` §2.1–2.2, §3; jobs and tasks, §4, are answered in
// inventory/jobs.ts and inventory/job-runs.ts and exported here): one function per action, each
// returning the documented `data` object. Get functions return null for a record that does
// not exist (the route answers 404). List functions return the paging object; a List under a
// source ID lists the rows carrying that ID, so a source that does not exist has an empty page
// (total 0) unless partitions were set under its ID directly. Query parameters come as
// `readWireQuery` reads them; a parameter the action refuses throws QueryFormError (the route
// answers 400 InvalidParameter).

export type { DbAnswer, TableAnswer } from './inventory/census.js';
export { rolledUpStatus } from './inventory/census.js';
export { advanceJobs, type JobClock, retryJob, startJob, stopJob } from './inventory/job-runs.js';
export {
  getJob,
  getTask,
  JOB_STATUSES,
  type JobAnswer,
  type JobRecord,
  jobStatus,
  listJobs,
  listTaskLogs,
  listTasks,
  TASK_STATUSES,
  type TaskAnswer,
  type TaskLogRecord,
  type TaskRecord,
} from './inventory/jobs.js';
export type { InventoryQuery, Page } from './inventory/query.js';
export * from './inventory/records.js';

type SourceId = string | number | bigint;

/** GetMmsDataSource `data`: no `scanStatus`/`scanErrMsg`; `config` only when asked for. */
export type DataSourceObject = Omit<DataSourceRecord, 'config' | 'scanStatus' | 'scanErrMsg'> &
  DataSourceCounters & { config?: ConfigItem[] };

/** A ListMmsDataSources item: `config` items without `subItems`. */
export type DataSourceListItem = Omit<DataSourceRecord, 'config'> & DataSourceCounters & { config: Omit<ConfigItem, 'subItems'>[] };

/** GetMmsDb `data`: a database without the list-only `deleted`, `createTime`, `updateTime`. */
export type DbObject = Omit<DbAnswer, 'deleted' | 'createTime' | 'updateTime'>;

/** A ListMmsTables item with `onlyName=true`: the table's ID and name only. */
export interface TableNameItem {
  id: TableAnswer['id'];
  name: string;
}

/**
 * GetMmsDataSource. `withConfig=true` adds the configuration items (with `subItems`);
 * `lang` is accepted and changes nothing: the records hold their texts in one language.
 */
export function getDataSource(store: InventoryStore, sourceId: SourceId, query: InventoryQuery = {}): DataSourceObject | null {
  refuseUnknown(query, GET_MMS_DATA_SOURCE);
  const withConfig = booleanParameter(query, 'withConfig') ?? false;
  stringParameter(query, 'lang');
  const id = decimalId(sourceId);
  const record = id === null ? undefined : store.sources.get(id);
  if (!record || id === null) return null;
  const { config, scanStatus: _status, scanErrMsg: _error, ...answer } = new Census(store, id).source(record);
  return withConfig ? { ...answer, config } : answer;
}

/**
 * ListMmsDataSources. Filters: `name` a case-sensitive substring of the name; `type` and
 * `region` exact. Sorted by ID.
 */
export function listDataSources(store: InventoryStore, query: InventoryQuery = {}): Page<DataSourceListItem> {
  refuseUnknown(query, LIST_MMS_DATA_SOURCES);
  const filters = [
    containing(stringParameter(query, 'name'), (source: DataSourceAnswer) => source.name),
    equalTo(stringParameter(query, 'type'), (source: DataSourceAnswer) => source.type),
    equalTo(stringParameter(query, 'region'), (source: DataSourceAnswer) => source.region),
  ];
  const census = new Census(store);
  const rows = [...store.sources.values()].map((record) => census.source(record));
  const sorted = sortById(applyFilters(rows, filters), (source) => String(source.id));
  return page(
    sorted.map((source) => ({ ...source, config: source.config.map(({ subItems: _subItems, ...item }) => item) })),
    query,
  );
}

/** GetMmsDb (no query parameters). */
export function getDb(store: InventoryStore, sourceId: SourceId, dbId: SourceId): DbObject | null {
  const source = decimalId(sourceId);
  const id = decimalId(dbId);
  const record = source === null || id === null ? undefined : store.dbs.get(childKey(source, id));
  if (!record || source === null) return null;
  const { deleted: _deleted, createTime: _created, updateTime: _updated, ...answer } = new Census(store, source).db(record);
  return answer;
}

const DB_SORTER: Readonly<Record<string, SortKind>> = { numRows: 'integer', size: 'integer', updateTime: 'time' };

/**
 * ListMmsDbs. Filters: `name` a case-sensitive substring of the database name; `status` one
 * status, exact, on the rolled-up status (the pages give no status set for databases, so any
 * string is taken). Sorter members `numRows`, `size`, `updateTime`.
 */
export function listDbs(store: InventoryStore, sourceId: SourceId, query: InventoryQuery = {}): Page<DbAnswer> {
  refuseUnknown(query, LIST_MMS_DBS);
  const filters = [
    containing(stringParameter(query, 'name'), (db: DbAnswer) => db.name),
    equalTo(stringParameter(query, 'status'), (db: DbAnswer) => db.status),
  ];
  const orders = sorterParameter(query, DB_SORTER);
  const source = decimalId(sourceId);
  if (source === null) return page([], query);
  const census = new Census(store, source);
  const rows = [...store.dbs.values()].filter((db) => String(db.sourceId) === source).map((db) => census.db(db));
  const sorted = sortRows(
    applyFilters(rows, filters),
    orders,
    DB_SORTER,
    (db, member) => db[member as keyof DbAnswer],
    (db) => String(db.id),
  );
  return page(sorted, query);
}

/** GetMmsTable (no query parameters). */
export function getTable(store: InventoryStore, sourceId: SourceId, tableId: SourceId): TableAnswer | null {
  const source = decimalId(sourceId);
  const id = decimalId(tableId);
  const record = source === null || id === null ? undefined : store.tables.get(childKey(source, id));
  if (!record || source === null) return null;
  return new Census(store, source).table(record);
}

const ROW_SORTER: Readonly<Record<string, SortKind>> = { numRows: 'integer', size: 'integer', lastDdlTime: 'time' };

/**
 * ListMmsTables. Filters: `name` a case-sensitive substring of the table name; `dbId` exact
 * on the decimal value; `dbName`, `dstProjectName`, `dstSchemaName`, `dstName`, `type` exact;
 * `hasPartitions` exact; `status` any of the array (on the rolled-up status of a partitioned
 * table); `lastDdlTimeStart`/`lastDdlTimeEnd` inclusive. Sorter members `numRows`, `size`,
 * `lastDdlTime`. `onlyName=true` answers each table as its ID and name alone (what else the
 * service leaves out is not documented).
 */
export function listTables(store: InventoryStore, sourceId: SourceId, query: InventoryQuery = {}): Page<TableAnswer | TableNameItem> {
  refuseUnknown(query, LIST_MMS_TABLES);
  const filters = [
    equalTo(idParameter(query, 'dbId'), (table: TableAnswer) => table.dbId),
    equalTo(stringParameter(query, 'dbName'), (table: TableAnswer) => table.dbName),
    containing(stringParameter(query, 'name'), (table: TableAnswer) => table.name),
    equalTo(stringParameter(query, 'dstProjectName'), (table: TableAnswer) => table.dstProjectName),
    equalTo(stringParameter(query, 'dstSchemaName'), (table: TableAnswer) => table.dstSchemaName),
    equalTo(stringParameter(query, 'dstName'), (table: TableAnswer) => table.dstName),
    equalTo(stringParameter(query, 'type'), (table: TableAnswer) => table.type),
    equalTo(booleanParameter(query, 'hasPartitions'), (table: TableAnswer) => table.hasPartitions),
    inSet(statusesParameter(query, 'status', TABLE_STATUSES), (table: TableAnswer) => table.status),
    within(stringParameter(query, 'lastDdlTimeStart'), stringParameter(query, 'lastDdlTimeEnd'), (table: TableAnswer) => table.lastDdlTime),
  ];
  const orders = sorterParameter(query, ROW_SORTER);
  const onlyName = booleanParameter(query, 'onlyName') ?? false;
  const source = decimalId(sourceId);
  if (source === null) return page([], query);
  const census = new Census(store, source);
  const rows = [...store.tables.values()].filter((table) => String(table.sourceId) === source).map((table) => census.table(table));
  const sorted = sortRows(
    applyFilters(rows, filters),
    orders,
    ROW_SORTER,
    (table, member) => table[member as keyof TableAnswer],
    (table) => String(table.id),
  );
  return page(onlyName ? sorted.map((table): TableNameItem => ({ id: table.id, name: table.name })) : sorted, query);
}

interface PartitionRow {
  id: string;
  partition: EmulatedPartition;
}

/**
 * ListMmsPartitions: the partitions served under the source ID, each exactly as
 * GetMmsPartition serves it. Filters: `dbId`, `tableId` exact on the decimal value;
 * `dbName`, `tableName`, `value` exact; `updated` exact; `status` any of the array;
 * `lastDdlTimeStart`/`lastDdlTimeEnd` inclusive. Sorter members `numRows`, `size`,
 * `lastDdlTime`.
 */
export function listPartitions(store: InventoryStore, sourceId: SourceId, query: InventoryQuery = {}): Page<EmulatedPartition> {
  refuseUnknown(query, LIST_MMS_PARTITIONS);
  const filters = [
    equalTo(idParameter(query, 'dbId'), (row: PartitionRow) => row.partition.dbId),
    equalTo(stringParameter(query, 'dbName'), (row: PartitionRow) => row.partition.dbName),
    equalTo(idParameter(query, 'tableId'), (row: PartitionRow) => row.partition.tableId),
    equalTo(stringParameter(query, 'tableName'), (row: PartitionRow) => row.partition.tableName),
    equalTo(stringParameter(query, 'value'), (row: PartitionRow) => row.partition.value),
    equalTo(booleanParameter(query, 'updated'), (row: PartitionRow) => row.partition.updated),
    inSet(statusesParameter(query, 'status', PARTITION_STATUSES), (row: PartitionRow) => row.partition.status),
    within(
      stringParameter(query, 'lastDdlTimeStart'),
      stringParameter(query, 'lastDdlTimeEnd'),
      (row: PartitionRow) => row.partition.lastDdlTime,
    ),
  ];
  const orders = sorterParameter(query, ROW_SORTER);
  const source = decimalId(sourceId);
  if (source === null) return page([], query);
  const rows: PartitionRow[] = [];
  for (const [key, partition] of store.partitions) {
    if (partitionSourceId(key) === source) rows.push({ id: key.slice(source.length + 1), partition });
  }
  const sorted = sortRows(
    applyFilters(rows, filters),
    orders,
    ROW_SORTER,
    (row, member) => row.partition[member],
    (row) => row.id,
  );
  return page(
    sorted.map((row) => ({ ...row.partition })),
    query,
  );
}
