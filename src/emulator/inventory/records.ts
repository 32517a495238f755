import type { EmulatedPartition } from '../data.js';
import type { JobRecord, TaskRecord } from './jobs.js';

// The emulator's inventory as the MMS API family documents its objects
// (`../shared/reference/mms-api-family.md` §2–§3): field names are the JSON names of the
// `data` / `objectList[]` items. Counters and derived statuses are not stored: they are
// computed from the rows when an answer is produced (see census.ts).

/** An integer as served: bigint beyond 2^53 so that every digit reaches the wire. */
export type WireInteger = number | bigint;

/** Any value a record may hold (JSON, with bigint for large integers). */
export type WireValue = string | number | bigint | boolean | null | readonly WireValue[] | { readonly [key: string]: WireValue };

export const DATA_SOURCE_STATUSES = ['STARTING', 'STARTED', 'STOPPING', 'STOPPED', 'START_FAILED', 'STOP_FAILED'] as const;
/** Migration statuses of tables and databases (ListMmsTables `status`). */
export const TABLE_STATUSES = ['INIT', 'DOING', 'DONE', 'PART_DONE', 'FAILED'] as const;
/** Migration statuses of partitions (ListMmsPartitions `status`): no PART_DONE. */
export const PARTITION_STATUSES = ['INIT', 'DOING', 'DONE', 'FAILED'] as const;

export type TableStatus = (typeof TABLE_STATUSES)[number];

/** One configuration item of a data source (`config[]`). */
export interface ConfigItem {
  name: string;
  key: string;
  desc: string;
  placeHolder: string;
  type: string;
  subType?: string;
  value: WireValue;
  enums?: string[];
  required: boolean;
  group: string;
  /** Served by GetMmsDataSource only; ListMmsDataSources items carry no `subItems`. */
  subItems?: { [value: string]: WireValue };
}

/** A data source without its counters (`dbNum`, `tableNum`, ... are computed). */
export interface DataSourceRecord {
  id: WireInteger;
  region: string;
  name: string;
  type: string;
  dstProject: string | null;
  dstProjects: string[];
  networklink: string | null;
  lastUpdateTime: string | null;
  createTime: string;
  status: string;
  /** Why starting or stopping failed: present for START_FAILED and STOP_FAILED. */
  errMsg?: string;
  agentIsOnline: boolean;
  scanId: WireInteger | null;
  /** Served by ListMmsDataSources only. */
  scanStatus?: string;
  scanErrMsg?: string;
  config: ConfigItem[];
}

export interface DataSourceCounters {
  dbNum: number;
  tableNum: number;
  partitionNum: number;
  tablesDoingNum: number;
  tablesDoneNum: number;
  tablesFailedNum: number;
  tablesPartDoneNum: number;
  partitionsDoingNum: number;
  partitionsDoneNum: number;
  partitionsFailedNum: number;
}

/** A database without its status, sums and counters (computed from its tables and partitions). */
export interface DbRecord {
  id: WireInteger;
  sourceId: WireInteger;
  sourceName: string;
  name: string;
  description: string | null;
  owner: string | null;
  location: string | null;
  /** Further properties as JSON text. */
  extra: string;
  dstProjectName: string | null;
  dstName: string | null;
  updated: boolean;
  /** ListMmsDbs items only, like `createTime` and `updateTime`. */
  deleted: boolean;
  createTime: string;
  updateTime: string;
  lastDdlTime: string | null;
}

export interface DbCounters {
  status: TableStatus;
  size: WireInteger;
  numRows: WireInteger;
  tables: number;
  tablesDoing: number;
  tablesDone: number;
  tablesPartDone: number;
  tablesFailed: number;
  partitions: number;
  partitionsDoing: number;
  partitionsDone: number;
  partitionsFailed: number;
}

/** A column or a partition column of a table's schema. */
export interface ColumnRecord {
  name: string;
  type: string;
  comment: string | null;
  defaultValue: string | null;
  nullable: boolean;
}

export interface TableSchema {
  name: string;
  comment: string | null;
  columns: ColumnRecord[];
  /** The partition columns, in spec order (`p1=1/p2=abc` has `p1` then `p2`). */
  partitions: ColumnRecord[];
}

/**
 * A table without its partition counters. A partitioned table's `status`, `size` and
 * `numRows` are computed from its partitions; only a table without partitions holds its own.
 */
export interface TableRecord {
  id: WireInteger;
  dbId: WireInteger;
  dbName: string;
  name: string;
  sourceId: WireInteger;
  sourceName: string;
  dstProjectName: string | null;
  /** Null when the destination project has no schema level. */
  dstSchemaName: string | null;
  dstName: string | null;
  type: string;
  hasPartitions: boolean;
  schema: TableSchema;
  owner: string | null;
  location: string | null;
  inputFormat: string | null;
  outputFormat: string | null;
  serde: string | null;
  /** Table properties as JSON text. */
  extra: string;
  updated: boolean;
  lastDdlTime: string | null;
  /** The figures of a table without partitions (ignored for a partitioned one). */
  status?: string;
  size?: WireInteger;
  numRows?: WireInteger;
}

export interface TableCounters {
  status: string;
  size: WireInteger;
  numRows: WireInteger;
  partitions: number;
  partitionsDoing: number;
  partitionsDone: number;
  partitionsFailed: number;
}

/**
 * The emulator's inventory. Keys are decimal IDs: `sourceId` for sources, `sourceId/dbId`,
 * `sourceId/tableId` and `sourceId/partitionId` for the rest (IDs are per source, as in the
 * API's paths). `partitions` is the map GetMmsPartition serves, so partitions set there
 * directly are counted and listed like any other. Jobs and tasks are keyed `sourceId/jobId`
 * and `sourceId/taskId`.
 */
export interface InventoryStore {
  readonly sources: Map<string, DataSourceRecord>;
  readonly dbs: Map<string, DbRecord>;
  readonly tables: Map<string, TableRecord>;
  readonly partitions: Map<string, EmulatedPartition>;
  readonly jobs: Map<string, JobRecord>;
  readonly tasks: Map<string, TaskRecord>;
}

/** The canonical decimal form of an integer ID, or null when `value` is not one. */
export function decimalId(value: unknown): string | null {
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : null;
  if (typeof value === 'string' && /^-?\d+$/.test(value)) return BigInt(value).toString();
  return null;
}

export function childKey(sourceId: WireInteger | string, childId: WireInteger | string): string {
  return `${sourceId}/${childId}`;
}

/** Builds a store, keying each record by its IDs; the partitions map is taken as it is. */
export function inventoryStore(
  records: { sources?: DataSourceRecord[]; dbs?: DbRecord[]; tables?: TableRecord[]; jobs?: JobRecord[]; tasks?: TaskRecord[] },
  partitions: Map<string, EmulatedPartition> = new Map(),
): InventoryStore {
  const keyed = <T>(rows: T[] | undefined, key: (row: T) => string) => new Map((rows ?? []).map((row) => [key(row), row]));
  return {
    sources: keyed(records.sources, (source) => String(source.id)),
    dbs: keyed(records.dbs, (db) => childKey(db.sourceId, db.id)),
    tables: keyed(records.tables, (table) => childKey(table.sourceId, table.id)),
    partitions,
    jobs: keyed(records.jobs, (job) => childKey(job.sourceId, job.id)),
    tasks: keyed(records.tasks, (task) => childKey(task.sourceId, task.id)),
  };
}
