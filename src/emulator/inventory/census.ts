import type { EmulatedPartition } from '../data.js';
import {
  childKey,
  type DataSourceCounters,
  type DataSourceRecord,
  type DbCounters,
  type DbRecord,
  decimalId,
  type InventoryStore,
  type TableCounters,
  type TableRecord,
  type TableStatus,
  type WireInteger,
} from './records.js';

// Counters, sums and derived statuses, computed from the rows each time an answer is made:
// partitions set directly in the store's map count at once, and no figure can drift from
// the rows it summarises.

export type TableAnswer = TableRecord & TableCounters;
export type DbAnswer = DbRecord & DbCounters;
export type DataSourceAnswer = DataSourceRecord & DataSourceCounters;

interface Tally {
  rows: number;
  doing: number;
  done: number;
  partDone: number;
  failed: number;
  size: bigint;
  numRows: bigint;
}

const emptyTally = (): Tally => ({ rows: 0, doing: 0, done: 0, partDone: 0, failed: 0, size: 0n, numRows: 0n });

function count(tally: Tally, status: unknown): void {
  tally.rows += 1;
  if (status === 'DOING') tally.doing += 1;
  else if (status === 'DONE') tally.done += 1;
  else if (status === 'PART_DONE') tally.partDone += 1;
  else if (status === 'FAILED') tally.failed += 1;
}

/**
 * The status of a whole from the statuses of its parts (a partitioned table from its
 * partitions, a database from its tables), first rule that applies:
 * 1. no parts → INIT (nothing to migrate yet);
 * 2. every part DONE → DONE;
 * 3. any part FAILED → FAILED (a failure needs attention whatever else is going on);
 * 4. any part DOING → DOING (a migration is under way);
 * 5. any part DONE or PART_DONE → PART_DONE (migration stopped partway);
 * 6. otherwise (all INIT, or statuses outside the documented set) → INIT.
 */
export function rolledUpStatus(tally: Pick<Tally, 'rows' | 'doing' | 'done' | 'partDone' | 'failed'>): TableStatus {
  if (tally.rows === 0) return 'INIT';
  if (tally.done === tally.rows) return 'DONE';
  if (tally.failed > 0) return 'FAILED';
  if (tally.doing > 0) return 'DOING';
  if (tally.done > 0 || tally.partDone > 0) return 'PART_DONE';
  return 'INIT';
}

/** An integer field as bigint; anything else (absent, null, a fraction, text) counts as none. */
export function integerOf(value: unknown): bigint | null {
  if (typeof value === 'bigint') return value;
  if (typeof value === 'number' && Number.isSafeInteger(value)) return BigInt(value);
  return null;
}

/** A number when it is exact as one, bigint beyond 2^53. */
export function wireInteger(value: bigint): WireInteger {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** The rows by `key`, each group in the rows' order. */
export function groupBy<T>(rows: Iterable<T>, key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const k = key(row);
    const group = groups.get(k);
    if (group) group.push(row);
    else groups.set(k, [row]);
  }
  return groups;
}

/** The source part of a partition's key, which is where GetMmsPartition serves it. */
export function partitionSourceId(key: string): string {
  const slash = key.indexOf('/');
  return slash < 0 ? key : key.slice(0, slash);
}

/**
 * One reading of the store, for one answer: partitions tallied per source, per database
 * (their `dbId`) and per table (their `tableId`); tables and databases grouped under their
 * parents. Limited to one source when the answer concerns only that one.
 */
export class Census {
  private readonly partitionsBySource = new Map<string, Tally>();
  private readonly partitionsByDb = new Map<string, Tally>();
  private readonly partitionsByTable = new Map<string, Tally>();
  private readonly tablesByDb: Map<string, TableRecord[]>;
  private readonly tablesBySource: Map<string, TableRecord[]>;
  private readonly dbsBySource: Map<string, DbRecord[]>;
  private readonly tableAnswers = new Map<TableRecord, TableAnswer>();

  constructor(store: InventoryStore, onlySourceId?: string) {
    const inScope = (sourceId: WireInteger) => onlySourceId === undefined || String(sourceId) === onlySourceId;
    for (const [key, partition] of store.partitions) {
      const sourceId = partitionSourceId(key);
      if (onlySourceId !== undefined && sourceId !== onlySourceId) continue;
      this.tallyPartition(this.partitionsBySource, sourceId, partition);
      const dbId = decimalId(partition.dbId);
      if (dbId !== null) this.tallyPartition(this.partitionsByDb, childKey(sourceId, dbId), partition);
      const tableId = decimalId(partition.tableId);
      if (tableId !== null) this.tallyPartition(this.partitionsByTable, childKey(sourceId, tableId), partition);
    }
    const tables = [...store.tables.values()].filter((table) => inScope(table.sourceId));
    this.tablesByDb = groupBy(tables, (table) => childKey(table.sourceId, table.dbId));
    this.tablesBySource = groupBy(tables, (table) => String(table.sourceId));
    this.dbsBySource = groupBy(
      [...store.dbs.values()].filter((db) => inScope(db.sourceId)),
      (db) => String(db.sourceId),
    );
  }

  private tallyPartition(tallies: Map<string, Tally>, key: string, partition: EmulatedPartition): void {
    let tally = tallies.get(key);
    if (!tally) {
      tally = emptyTally();
      tallies.set(key, tally);
    }
    count(tally, partition.status);
    tally.size += integerOf(partition.size) ?? 0n;
    tally.numRows += integerOf(partition.numRows) ?? 0n;
  }

  /**
   * A table with its partition counters (from the partitions naming its `tableId`). A
   * partitioned table's status is rolled up from them and its size and row count are their
   * sums; a table without partitions keeps its own (INIT and 0 when it has none).
   */
  table(record: TableRecord): TableAnswer {
    const known = this.tableAnswers.get(record);
    if (known) return known;
    const tally = this.partitionsByTable.get(childKey(record.sourceId, record.id)) ?? emptyTally();
    const answer: TableAnswer = {
      ...structuredClone(record),
      status: record.hasPartitions ? rolledUpStatus(tally) : (record.status ?? 'INIT'),
      size: record.hasPartitions ? wireInteger(tally.size) : (record.size ?? 0),
      numRows: record.hasPartitions ? wireInteger(tally.numRows) : (record.numRows ?? 0),
      partitions: tally.rows,
      partitionsDoing: tally.doing,
      partitionsDone: tally.done,
      partitionsFailed: tally.failed,
    };
    this.tableAnswers.set(record, answer);
    return answer;
  }

  /** The tables of a database (those naming its `dbId`), with their counters. */
  tablesOf(db: DbRecord): TableAnswer[] {
    return (this.tablesByDb.get(childKey(db.sourceId, db.id)) ?? []).map((table) => this.table(table));
  }

  /**
   * A database with its counters: table counts by (derived) table status, status rolled up
   * from its tables, size and row count summed over its tables, partition counts over the
   * partitions naming its `dbId` (so they agree with ListMmsPartitions `dbId=`).
   */
  db(record: DbRecord): DbAnswer {
    const tables = this.tablesOf(record);
    const byStatus = emptyTally();
    let size = 0n;
    let numRows = 0n;
    for (const table of tables) {
      count(byStatus, table.status);
      size += integerOf(table.size) ?? 0n;
      numRows += integerOf(table.numRows) ?? 0n;
    }
    const partitions = this.partitionsByDb.get(childKey(record.sourceId, record.id)) ?? emptyTally();
    return {
      ...structuredClone(record),
      status: rolledUpStatus(byStatus),
      size: wireInteger(size),
      numRows: wireInteger(numRows),
      tables: byStatus.rows,
      tablesDoing: byStatus.doing,
      tablesDone: byStatus.done,
      tablesPartDone: byStatus.partDone,
      tablesFailed: byStatus.failed,
      partitions: partitions.rows,
      partitionsDoing: partitions.doing,
      partitionsDone: partitions.done,
      partitionsFailed: partitions.failed,
    };
  }

  /**
   * A data source with its counters: its database and table records, its tables by derived
   * status, and every partition served under its ID (whatever table or database they name).
   */
  source(record: DataSourceRecord): DataSourceAnswer {
    const sourceId = String(record.id);
    const tables = emptyTally();
    for (const table of this.tablesBySource.get(sourceId) ?? []) count(tables, this.table(table).status);
    const partitions = this.partitionsBySource.get(sourceId) ?? emptyTally();
    return {
      ...structuredClone(record),
      dbNum: this.dbsBySource.get(sourceId)?.length ?? 0,
      tableNum: tables.rows,
      partitionNum: partitions.rows,
      tablesDoingNum: tables.doing,
      tablesDoneNum: tables.done,
      tablesFailedNum: tables.failed,
      tablesPartDoneNum: tables.partDone,
      partitionsDoingNum: partitions.doing,
      partitionsDoneNum: partitions.done,
      partitionsFailedNum: partitions.failed,
    };
  }
}
