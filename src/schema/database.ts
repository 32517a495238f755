import { LIST_MMS_PARTITIONS } from '../upstream/actions/partition.js';
import { LIST_MMS_TABLES } from '../upstream/actions/table.js';
import { MmsDatabaseDestination } from './destinations.js';
import { exactInteger } from './integers.js';
import { connectionComplexity, listConnection, pageArgs } from './listing.js';
import { MmsMigrationProgress } from './migration-progress.js';
import { MmsMigrationStatus } from './migration-status.js';
import { MmsPartitionConnection, partitionListing, partitionListingArgs } from './partition-listing.js';
import { MmsProperty } from './property.js';
import { childRecordField, databaseRecord, databaseRef, MmsDatabase, MmsDataSource, recordFields, tableRef } from './refs.js';
import { MmsTableConnection, tableListing, tableListingArgs } from './table-listing.js';

/** A field read from the record (loaded only when such a field is asked for). */
const fromRecord = recordFields(databaseRecord);

MmsDatabase.implement({
  description: 'A database of a data source (GetMmsDb): a Hive database, a BigQuery dataset, or a schema of the source.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Database ID (the `dbId` of its tables and partitions).' }),
    sourceId: t.exposeID('sourceId', { description: 'ID of its data source.' }),
    name: t.string({
      nullable: true,
      description: 'Database name.',
      resolve: (ref, args, context) => (ref.name !== undefined ? ref.name : fromRecord((record) => record.name)(ref, args, context)),
    }),
    description: t.string({ nullable: true, description: 'Database comment.', resolve: fromRecord((record) => record.description) }),
    owner: t.string({ nullable: true, description: 'Owner in the source.', resolve: fromRecord((record) => record.owner) }),
    location: t.string({
      nullable: true,
      description: 'Storage location in the source.',
      resolve: fromRecord((record) => record.location),
    }),
    properties: t.field({
      type: [MmsProperty],
      description: 'Further properties the source reports.',
      resolve: fromRecord((record) => record.properties),
    }),
    status: t.field({
      type: MmsMigrationStatus,
      nullable: true,
      description: 'Migration status; null for a status this gateway does not know yet.',
      resolve: fromRecord((record) => record.status),
    }),
    updated: t.boolean({
      nullable: true,
      description: 'Whether its metadata changed since it was migrated.',
      resolve: fromRecord((record) => record.updated),
    }),
    size: t.field({
      type: 'SafeInt',
      nullable: true,
      description: 'Data size in bytes (VALUE_OUT_OF_RANGE beyond 2^53-1, never rounded).',
      resolve: fromRecord((record) => exactInteger('size', record.size)),
    }),
    numRows: t.field({
      type: 'SafeInt',
      nullable: true,
      description: 'Number of rows (VALUE_OUT_OF_RANGE beyond 2^53-1, never rounded).',
      resolve: fromRecord((record) => exactInteger('numRows', record.numRows)),
    }),
    lastDdlTime: t.string({
      nullable: true,
      description: 'Time of the last DDL in the source.',
      resolve: fromRecord((record) => record.lastDdlTime),
    }),
    createTime: t.string({
      nullable: true,
      description: 'When its record was created.',
      resolve: fromRecord((record) => record.createTime),
    }),
    updateTime: t.string({
      nullable: true,
      description: 'When its record was last updated.',
      resolve: fromRecord((record) => record.updateTime),
    }),
    destination: t.field({
      type: MmsDatabaseDestination,
      nullable: true,
      description: 'Where it is migrated to; null when the API gives no destination.',
      resolve: fromRecord((record) => record.destination),
    }),
    progress: t.field({
      type: MmsMigrationProgress,
      description: 'Migration progress of its tables and partitions.',
      resolve: fromRecord((record) => record.progress),
    }),
    source: t.field({
      type: MmsDataSource,
      description: 'Its data source.',
      complexity: 1,
      resolve: (ref) => ({ id: ref.sourceId, ...(ref.record && { name: ref.record.sourceName }) }),
    }),
    tables: t.field({
      type: MmsTableConnection,
      description: "Its tables (the source's ListMmsTables, by this database).",
      args: { ...pageArgs, ...tableListingArgs },
      complexity: connectionComplexity,
      resolve: async (ref, args, context) => {
        const listing = tableListing('MmsDatabase.tables', ref.sourceId, args, { dbId: ref.id });
        return listConnection(context, LIST_MMS_TABLES, args, listing, tableRef);
      },
    }),
    partitions: t.field({
      type: MmsPartitionConnection,
      description: "Its partitions (the source's ListMmsPartitions, by this database).",
      args: { ...pageArgs, ...partitionListingArgs },
      complexity: connectionComplexity,
      resolve: (ref, args, context) =>
        listConnection(
          context,
          LIST_MMS_PARTITIONS,
          args,
          partitionListing('MmsDatabase.partitions', ref.sourceId, args, { dbId: ref.id }),
        ),
    }),
  }),
});

childRecordField({
  type: MmsDatabase,
  field: 'mmsDatabase',
  description: 'One database of a data source (GetMmsDb). Null, with an error, when it cannot be read.',
  idArgument: 'dbId',
  idDescription: 'Database ID.',
  record: databaseRecord,
  toRef: databaseRef,
});
