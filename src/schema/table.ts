import { LIST_MMS_PARTITIONS } from '../upstream/actions/partition.js';
import { LIST_MMS_TASKS, type Task } from '../upstream/actions/task.js';
import { MmsColumn } from './column.js';
import { MmsTableDestination } from './destinations.js';
import { exactInteger } from './integers.js';
import { connectionComplexity, listConnection, noListing, pageArgs } from './listing.js';
import { MmsMigrationProgress } from './migration-progress.js';
import { MmsMigrationStatus } from './migration-status.js';
import { MmsPartitionConnection, partitionListing, partitionListingArgs } from './partition-listing.js';
import { MmsProperty } from './property.js';
import { childRecordField, MmsDatabase, MmsDataSource, MmsTable, recordFields, refOrRecordFields, tableRecord, tableRef } from './refs.js';
import { MmsTaskConnection, taskListing, taskListingArgs } from './task-listing.js';

/** A field read from the record (loaded only when such a field is asked for). */
const fromRecord = recordFields(tableRecord);

/** A field the reference may already carry (a partition names its table, database): else the record's. */
const fromRefOr = refOrRecordFields(tableRecord);

MmsTable.implement({
  description: 'A table of a data source (GetMmsTable), with its schema and migration status.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Table ID (the `tableId` of its partitions).' }),
    sourceId: t.exposeID('sourceId', { description: 'ID of its data source.' }),
    dbId: t.id({ nullable: true, description: 'ID of its database.', resolve: fromRefOr('dbId') }),
    dbName: t.string({ nullable: true, description: 'Name of its database.', resolve: fromRefOr('dbName') }),
    name: t.string({ nullable: true, description: 'Table name.', resolve: fromRefOr('name') }),
    type: t.string({
      nullable: true,
      description: 'Table type as the source names it, e.g. `MANAGED_TABLE`.',
      resolve: fromRecord((r) => r.type),
    }),
    hasPartitions: t.boolean({
      nullable: true,
      description: 'Whether the table is partitioned.',
      resolve: fromRecord((r) => r.hasPartitions),
    }),
    owner: t.string({ nullable: true, description: 'Owner in the source.', resolve: fromRecord((r) => r.owner) }),
    location: t.string({ nullable: true, description: 'Storage location in the source.', resolve: fromRecord((r) => r.location) }),
    inputFormat: t.string({ nullable: true, description: 'Hive input format class.', resolve: fromRecord((r) => r.inputFormat) }),
    outputFormat: t.string({ nullable: true, description: 'Hive output format class.', resolve: fromRecord((r) => r.outputFormat) }),
    serde: t.string({ nullable: true, description: 'Hive SerDe class.', resolve: fromRecord((r) => r.serde) }),
    comment: t.string({ nullable: true, description: 'Table comment.', resolve: fromRecord((r) => r.comment) }),
    columns: t.field({ type: [MmsColumn], description: 'Its ordinary columns, in order.', resolve: fromRecord((r) => r.columns) }),
    partitionColumns: t.field({
      type: [MmsColumn],
      description: 'Its partition columns, in order (empty for a table without partitions).',
      resolve: fromRecord((r) => r.partitionColumns),
    }),
    properties: t.field({
      type: [MmsProperty],
      description: 'Table properties (delimiters, formats, ...).',
      resolve: fromRecord((r) => r.properties),
    }),
    size: t.field({
      type: 'SafeInt',
      nullable: true,
      description: 'Data size in bytes (VALUE_OUT_OF_RANGE beyond 2^53-1, never rounded).',
      resolve: fromRecord((r) => exactInteger('size', r.size)),
    }),
    numRows: t.field({
      type: 'SafeInt',
      nullable: true,
      description: 'Number of rows (VALUE_OUT_OF_RANGE beyond 2^53-1, never rounded).',
      resolve: fromRecord((r) => exactInteger('numRows', r.numRows)),
    }),
    status: t.field({
      type: MmsMigrationStatus,
      nullable: true,
      description: 'Migration status; null for a status this gateway does not know yet.',
      resolve: fromRecord((r) => r.status),
    }),
    updated: t.boolean({
      nullable: true,
      description: 'Whether its metadata changed since it was migrated.',
      resolve: fromRecord((r) => r.updated),
    }),
    lastDdlTime: t.string({
      nullable: true,
      description: 'Time of the last DDL in the source.',
      resolve: fromRecord((r) => r.lastDdlTime),
    }),
    destination: t.field({
      type: MmsTableDestination,
      nullable: true,
      description: 'Where it is migrated to; null when the API gives no destination.',
      resolve: fromRecord((r) => r.destination),
    }),
    progress: t.field({
      type: MmsMigrationProgress,
      description: 'Migration progress of its partitions.',
      resolve: fromRecord((r) => r.progress),
    }),
    source: t.field({
      type: MmsDataSource,
      description: 'Its data source.',
      complexity: 1,
      resolve: (ref) => ({ id: ref.sourceId, ...(ref.record && { name: ref.record.sourceName }) }),
    }),
    database: t.field({
      type: MmsDatabase,
      nullable: true,
      description: 'Its database.',
      complexity: 1,
      resolve: async (ref, args, context) => {
        const dbId = await fromRefOr('dbId')(ref, args, context);
        if (dbId === null) return null;
        const dbName = ref.dbName !== undefined ? ref.dbName : ref.record?.dbName;
        return { sourceId: ref.sourceId, id: dbId, ...(dbName !== undefined && { name: dbName }) };
      },
    }),
    partitions: t.field({
      type: MmsPartitionConnection,
      description: "Its partitions (the source's ListMmsPartitions, by this table).",
      args: { ...pageArgs, ...partitionListingArgs },
      complexity: connectionComplexity,
      resolve: (ref, args, context) =>
        listConnection(
          context,
          LIST_MMS_PARTITIONS,
          args,
          partitionListing('MmsTable.partitions', ref.sourceId, args, { tableId: ref.id }),
        ),
    }),
    tasks: t.field({
      type: MmsTaskConnection,
      description: "The migration tasks that moved it (the source's ListMmsTasks, by its database and table name).",
      args: { ...pageArgs, ...taskListingArgs },
      complexity: connectionComplexity,
      resolve: async (ref, args, context) => {
        const [srcDbName, srcTableName] = await Promise.all([
          fromRefOr('dbName')(ref, args, context),
          fromRefOr('name')(ref, args, context),
        ]);
        const listing = taskListing('MmsTable.tasks', ref.sourceId, args, { srcDbName: srcDbName ?? '', srcTableName: srcTableName ?? '' });
        // Without both names, a filter would match another table's tasks or every task.
        return srcDbName === null || srcTableName === null
          ? noListing<Task>(args, listing)
          : listConnection(context, LIST_MMS_TASKS, args, listing);
      },
    }),
  }),
});

childRecordField({
  type: MmsTable,
  field: 'mmsTable',
  description: 'One table of a data source (GetMmsTable). Null, with an error, when it cannot be read.',
  idArgument: 'tableId',
  idDescription: 'Table ID.',
  record: tableRecord,
  toRef: tableRef,
});
