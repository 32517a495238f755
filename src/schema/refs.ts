import type { ObjectRef } from '@pothos/core';
import type { GatewayContext } from '../context.js';
import { type DataSource, dataSourceParams, GET_MMS_DATA_SOURCE } from '../upstream/actions/data-source.js';
import { type Database, databaseParams, GET_MMS_DB } from '../upstream/actions/database.js';
import { GET_MMS_JOB, type Job, jobParams } from '../upstream/actions/job.js';
import { GET_MMS_TABLE, type Table, tableParams } from '../upstream/actions/table.js';
import type { Task } from '../upstream/actions/task.js';
import type { Partition } from '../upstream/partition.js';
import { builder } from './builder.js';
import { toGraphQLError } from './errors.js';
import { toChildKey } from './ids.js';

// The inventory's object types, declared once here and implemented in their own files, so that
// types pointing at each other (a partition's table, a table's partitions) import no cycle.
//
// A data source, database or table is often reached from a record that names it without
// carrying it (a partition names its source by ID and name): its type is backed by that
// reference, and its record is read (once per request, through the loader) only when a field
// beyond the reference is asked for.

export interface DataSourceRef {
  id: string;
  name?: string | null;
  record?: DataSource;
}

export interface DatabaseRef {
  sourceId: string;
  id: string;
  name?: string | null;
  record?: Database;
}

export interface TableRef {
  sourceId: string;
  id: string;
  name?: string | null;
  dbId?: string | null;
  dbName?: string | null;
  record?: Table;
}

export interface JobRef {
  sourceId: string;
  id: string;
  name?: string | null;
  record?: Job;
}

export const MmsDataSource = builder.objectRef<DataSourceRef>('MmsDataSource');
export const MmsDatabase = builder.objectRef<DatabaseRef>('MmsDatabase');
export const MmsTable = builder.objectRef<TableRef>('MmsTable');
export const MmsPartition = builder.objectRef<Partition>('MmsPartition');
export const MmsJob = builder.objectRef<JobRef>('MmsJob');
export const MmsTask = builder.objectRef<Task>('MmsTask');

/** The load's value; its failure becomes a coded GraphQL error. */
export function loaded<T>(load: Promise<T>): Promise<T> {
  return load.catch((error: unknown) => {
    throw toGraphQLError(error);
  });
}

/**
 * The resolvers of fields read from the record behind a reference: `fromRecord(pick)` reads the
 * record (once per request, through `record`) only when such a field is asked for.
 */
export function recordFields<Ref, Record>(record: (ref: Ref, context: GatewayContext) => Promise<Record>) {
  return <T>(pick: (record: Record) => T) =>
    async (ref: Ref, _args: unknown, context: GatewayContext): Promise<T> =>
      pick(await record(ref, context));
}

/**
 * The resolvers of fields a reference may already carry (a partition names its table): `fromRefOr(key)`
 * answers the reference's value when it has one, else reads the record's as `recordFields` does.
 */
export function refOrRecordFields<Ref, Record>(record: (ref: Ref, context: GatewayContext) => Promise<Record>) {
  const fromRecord = recordFields(record);
  return <K extends keyof Ref & keyof Record>(key: K) =>
    (ref: Ref, args: unknown, context: GatewayContext) => {
      const known = ref[key];
      return known !== undefined ? known : fromRecord((r) => r[key])(ref, args, context);
    };
}

/** The data source's record: the one it was listed with, or GetMmsDataSource through the request's loader. */
export function dataSourceRecord(ref: DataSourceRef, context: GatewayContext): Promise<DataSource> {
  return ref.record ? Promise.resolve(ref.record) : loaded(context.loaders.load(GET_MMS_DATA_SOURCE, dataSourceParams(ref.id)));
}

/** The database's record: the one it was listed with, or GetMmsDb through the request's loader. */
export function databaseRecord(ref: DatabaseRef, context: GatewayContext): Promise<Database> {
  return ref.record ? Promise.resolve(ref.record) : loaded(context.loaders.load(GET_MMS_DB, databaseParams(ref.sourceId, ref.id)));
}

/** The table's record: the one it was listed with, or GetMmsTable through the request's loader. */
export function tableRecord(ref: TableRef, context: GatewayContext): Promise<Table> {
  return ref.record ? Promise.resolve(ref.record) : loaded(context.loaders.load(GET_MMS_TABLE, tableParams(ref.sourceId, ref.id)));
}

/** The job's record: the one it was listed with, or GetMmsJob through the request's loader. */
export function jobRecord(ref: JobRef, context: GatewayContext): Promise<Job> {
  return ref.record ? Promise.resolve(ref.record) : loaded(context.loaders.load(GET_MMS_JOB, jobParams(ref.sourceId, ref.id)));
}

export const jobRef = (record: Job): JobRef => ({ sourceId: record.sourceId ?? '', id: record.id, name: record.name, record });

export const dataSourceRef = (record: DataSource): DataSourceRef => ({ id: record.id, name: record.name, record });
export const databaseRef = (record: Database): DatabaseRef => ({
  sourceId: record.sourceId ?? '',
  id: record.id,
  name: record.name,
  record,
});
export const tableRef = (record: Table): TableRef => ({
  sourceId: record.sourceId ?? '',
  id: record.id,
  name: record.name,
  dbId: record.dbId,
  dbName: record.dbName,
  record,
});

/** A record of a data source by its key: the source's ID and its own. */
type ChildKey = { sourceId: string; id: string };

/**
 * Adds the root field `field` that reads one record of a data source by `sourceId` and its own ID
 * (argument `idArgument`), and makes `type` a federation entity that routers fetch by
 * `sourceId id`: both read the record through `record` (the request's loader) and answer `toRef`.
 */
export function childRecordField<Shape extends object, Record>(options: {
  type: ObjectRef<typeof builder.$inferSchemaTypes, Shape>;
  field: string;
  description: string;
  idArgument: string;
  idDescription: string;
  record: (key: ChildKey, context: GatewayContext) => Promise<Record>;
  toRef: (record: Record) => Shape;
}): void {
  const { field, idArgument, record, toRef } = options;
  const type: ObjectRef<typeof builder.$inferSchemaTypes, object> = options.type;
  builder.queryField(field, (t) =>
    t.field({
      type,
      nullable: true,
      description: options.description,
      args: {
        sourceId: t.arg.id({ required: true, description: 'Data source ID.' }),
        [idArgument]: t.arg.id({ required: true, description: options.idDescription }),
      },
      complexity: 1,
      resolve: async (_root, args, context) => {
        // Both arguments are required: GraphQL has checked that they are there.
        const input = { sourceId: args.sourceId, id: args[idArgument] } as ChildKey;
        return toRef(await record(toChildKey(input, idArgument), context));
      },
    }),
  );
  builder.asEntity(type, {
    key: builder.selection<ChildKey>('sourceId id'),
    resolveReference: (reference, context) => Promise.resolve().then(async () => toRef(await record(toChildKey(reference, 'id'), context))),
  });
}
