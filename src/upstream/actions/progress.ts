import { type JsonObject, optionalCount } from '../json.js';

// Migration progress as the inventory records carry it: per-status counters of the tables and
// of the partitions below a record, named differently by each kind of record.

/** The migration statuses of a database or a table, which unlike a partition can be partly migrated. */
export const MIGRATION_STATUSES_WITH_PART_DONE = ['INIT', 'DOING', 'DONE', 'PART_DONE', 'FAILED'] as const;
export type MigrationStatusWithPartDone = (typeof MIGRATION_STATUSES_WITH_PART_DONE)[number];

/** How many of a group are in each migration status; null where the record has no such counter. */
export interface StatusCounts {
  total: number | null;
  doing: number | null;
  done: number | null;
  partDone: number | null;
  failed: number | null;
}

/** The counters of a record; a group is null when the record carries none of its counters. */
export interface MigrationProgress {
  tables: StatusCounts | null;
  partitions: StatusCounts | null;
}

/** The wire names of one group's counters; null for a counter the record kind does not have. */
export type StatusCountFields = { readonly [K in keyof StatusCounts]: string | null };

export interface ProgressFields {
  readonly tables: StatusCountFields | null;
  readonly partitions: StatusCountFields | null;
}

// Partitions are never partly migrated: no record kind counts them in PART_DONE.

export const DATA_SOURCE_PROGRESS_FIELDS: ProgressFields = {
  tables: { total: 'tableNum', doing: 'tablesDoingNum', done: 'tablesDoneNum', partDone: 'tablesPartDoneNum', failed: 'tablesFailedNum' },
  partitions: {
    total: 'partitionNum',
    doing: 'partitionsDoingNum',
    done: 'partitionsDoneNum',
    partDone: null,
    failed: 'partitionsFailedNum',
  },
};

export const DATABASE_PROGRESS_FIELDS: ProgressFields = {
  tables: { total: 'tables', doing: 'tablesDoing', done: 'tablesDone', partDone: 'tablesPartDone', failed: 'tablesFailed' },
  partitions: { total: 'partitions', doing: 'partitionsDoing', done: 'partitionsDone', partDone: null, failed: 'partitionsFailed' },
};

/** A table counts only its partitions, and its `partitions` is that count (`schema.partitions` is the column list). */
export const TABLE_PROGRESS_FIELDS: ProgressFields = {
  tables: null,
  partitions: { total: 'partitions', doing: 'partitionsDoing', done: 'partitionsDone', partDone: null, failed: 'partitionsFailed' },
};

/** One group's counters, or null when the record carries none of them. */
export function readStatusCounts(data: JsonObject, fields: StatusCountFields | null): StatusCounts | null {
  if (fields === null) return null;
  const count = (field: string | null) => (field === null ? null : optionalCount(data, field));
  const counts: StatusCounts = {
    total: count(fields.total),
    doing: count(fields.doing),
    done: count(fields.done),
    partDone: count(fields.partDone),
    failed: count(fields.failed),
  };
  return Object.values(counts).some((value) => value !== null) ? counts : null;
}

export function readMigrationProgress(data: JsonObject, fields: ProgressFields): MigrationProgress {
  return { tables: readStatusCounts(data, fields.tables), partitions: readStatusCounts(data, fields.partitions) };
}
