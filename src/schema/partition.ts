import type { GatewayContext } from '../context.js';
import { GET_MMS_PARTITION, partitionParams } from '../upstream/actions/partition.js';
import { LIST_MMS_TASKS, type Task } from '../upstream/actions/task.js';
import type { Partition, PartitionKey } from '../upstream/partition.js';
import { builder } from './builder.js';
import { MmsPartitionDestination } from './destinations.js';
import { exactInteger } from './integers.js';
import { connectionComplexity, listConnection, noListing, pageArgs } from './listing.js';
import { MmsMigrationStatus } from './migration-status.js';
import { MmsPartitionColumnValue } from './partition-column-value.js';
import { toPartitionKey } from './partition-key.js';
import { loaded, MmsDatabase, MmsDataSource, MmsPartition, MmsTable } from './refs.js';
import { MmsTaskConnection, taskListing, taskListingArgs } from './task-listing.js';

/** Loads a partition through the request's DataLoader; failures become coded GraphQL errors. */
export function loadPartition(context: GatewayContext, key: PartitionKey): Promise<Partition> {
  return loaded(context.loaders.load(GET_MMS_PARTITION, partitionParams(key)));
}

MmsPartition.implement({
  description: 'One partition of a table in an MMA data source, with its size and migration status (GetMmsPartition).',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Partition ID.' }),
    sourceId: t.exposeID('sourceId', { description: 'ID of the data source the partition belongs to.' }),
    dbId: t.exposeID('dbId', { nullable: true, description: 'ID of the database holding the table.' }),
    dbName: t.exposeString('dbName', { nullable: true, description: 'Name of the database holding the table.' }),
    tableId: t.exposeID('tableId', { nullable: true, description: 'ID of the partitioned table.' }),
    tableName: t.exposeString('tableName', { nullable: true, description: 'Name of the partitioned table.' }),
    value: t.exposeString('value', {
      nullable: true,
      description: 'Partition spec as the API gives it, trimmed, Hive style: `p1=1/p2=abc`.',
    }),
    spec: t.field({
      type: [MmsPartitionColumnValue],
      description: '`value` parsed into its columns, in order, with Hive escapes decoded.',
      resolve: (partition) => partition.spec,
    }),
    size: t.field({
      type: 'SafeInt',
      nullable: true,
      description: 'Data size in bytes. A value beyond 2^53-1 is an error (VALUE_OUT_OF_RANGE), never a rounded number.',
      resolve: (partition) => exactInteger('size', partition.size),
    }),
    numRows: t.field({
      type: 'SafeInt',
      nullable: true,
      description: 'Number of rows. A value beyond 2^53-1 is an error (VALUE_OUT_OF_RANGE), never a rounded number.',
      resolve: (partition) => exactInteger('numRows', partition.numRows),
    }),
    updated: t.exposeBoolean('updated', { nullable: true, description: "Whether the partition's metadata changed since it was migrated." }),
    lastDdlTime: t.exposeString('lastDdlTime', {
      nullable: true,
      description: 'Time of the last DDL, `YYYY-MM-DD HH:mm:ss`, as the API gives it: the API names no time zone, so none is added.',
    }),
    status: t.expose('status', {
      type: MmsMigrationStatus,
      nullable: true,
      description: 'Migration status; null for a status this gateway does not know yet.',
    }),
    source: t.field({
      type: MmsDataSource,
      description: 'The data source the partition belongs to (its ID and name cost nothing; other fields read it once per request).',
      complexity: 1,
      resolve: (partition) => ({ id: partition.sourceId, name: partition.sourceName }),
    }),
    database: t.field({
      type: MmsDatabase,
      nullable: true,
      description: 'The database holding its table (its ID and name cost nothing; other fields read it once per request).',
      complexity: 1,
      resolve: (partition) =>
        partition.dbId === null ? null : { sourceId: partition.sourceId, id: partition.dbId, name: partition.dbName },
    }),
    table: t.field({
      type: MmsTable,
      nullable: true,
      description: 'The table it partitions (its ID, name and database cost nothing; other fields read it once per request).',
      complexity: 1,
      resolve: (partition) =>
        partition.tableId === null
          ? null
          : {
              sourceId: partition.sourceId,
              id: partition.tableId,
              name: partition.tableName,
              dbId: partition.dbId,
              dbName: partition.dbName,
            },
    }),
    destination: t.expose('destination', {
      type: MmsPartitionDestination,
      nullable: true,
      description: 'Where the partition is migrated to; null when the API gives no destination.',
    }),
    tasks: t.field({
      type: MmsTaskConnection,
      description: "The migration tasks that moved it (the source's ListMmsTasks, by its table and its spec).",
      args: { ...pageArgs, ...taskListingArgs },
      complexity: connectionComplexity,
      resolve: (partition, args, context) => {
        const { dbName, tableName, value } = partition;
        const listing = taskListing('MmsPartition.tasks', partition.sourceId, args, {
          srcDbName: dbName ?? '',
          srcTableName: tableName ?? '',
          partition: value ?? '',
        });
        // A spec alone names a partition of any table: without its table, nothing is known to match.
        return dbName === null || tableName === null || value === null
          ? noListing<Task>(args, listing)
          : listConnection(context, LIST_MMS_TASKS, args, listing);
      },
    }),
  }),
});

// A federation entity: routers fetch partitions by `sourceId id` through `_entities`, which goes
// through the same per-request loader as `mmsPartition`. Bad keys reject (never throw) so that
// only their own item fails.
builder.asEntity(MmsPartition, {
  key: builder.selection<{ sourceId: string; id: string }>('sourceId id'),
  resolveReference: (reference, context) =>
    Promise.resolve().then(() => loadPartition(context, toPartitionKey({ sourceId: reference.sourceId, partitionId: reference.id }))),
});
