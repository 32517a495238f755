import { LIST_MMS_DATA_SOURCES } from '../upstream/actions/data-source.js';
import { LIST_MMS_DBS } from '../upstream/actions/database.js';
import { LIST_MMS_JOBS } from '../upstream/actions/job.js';
import { LIST_MMS_PARTITIONS } from '../upstream/actions/partition.js';
import { LIST_MMS_TABLES } from '../upstream/actions/table.js';
import { LIST_MMS_TASKS } from '../upstream/actions/task.js';
import { builder } from './builder.js';
import { MmsDataSourceStatus, MmsDataSourceType } from './data-source-enums.js';
import { dataSourceListing, MmsDataSourceConnection, MmsDataSourceFilter } from './data-source-listing.js';
import { databaseListing, databaseListingArgs, MmsDatabaseConnection } from './database-listing.js';
import { toId } from './ids.js';
import { jobListing, jobListingArgs, MmsJobConnection } from './job-listing.js';
import { connectionComplexity, listConnection, pageArgs } from './listing.js';
import { MmsMigrationProgress } from './migration-progress.js';
import { MmsPartitionConnection, partitionListing, partitionListingArgs } from './partition-listing.js';
import { type DataSourceRef, databaseRef, dataSourceRecord, dataSourceRef, jobRef, MmsDataSource, recordFields, tableRef } from './refs.js';
import { MmsTableConnection, tableListing, tableListingArgs } from './table-listing.js';
import { MmsTaskConnection, taskListing, taskListingArgs } from './task-listing.js';

/** A field read from the record (loaded only when such a field is asked for). */
const fromRecord = recordFields(dataSourceRecord);

MmsDataSource.implement({
  description:
    'An MMA data source: the external system (Hive, BigQuery, MaxCompute) data is migrated from (GetMmsDataSource), with its databases, tables and partitions.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Data source ID (the `sourceId` of everything in it).' }),
    name: t.string({
      nullable: true,
      shareable: true,
      description: 'Data source name.',
      resolve: (ref, _args, context) => (ref.name !== undefined ? ref.name : fromRecord((record) => record.name)(ref, _args, context)),
    }),
    type: t.field({
      type: MmsDataSourceType,
      nullable: true,
      description: 'Source kind; null for a kind this gateway does not know yet.',
      resolve: fromRecord((record) => record.type),
    }),
    region: t.string({ nullable: true, description: 'Region ID.', resolve: fromRecord((record) => record.region) }),
    status: t.field({
      type: MmsDataSourceStatus,
      nullable: true,
      description: "State of the source's MMA instance; null for a state this gateway does not know yet.",
      resolve: fromRecord((record) => record.status),
    }),
    errorMessage: t.string({
      nullable: true,
      description: 'Why starting or stopping failed (with START_FAILED, STOP_FAILED).',
      resolve: fromRecord((record) => record.errorMessage),
    }),
    networkLink: t.string({
      nullable: true,
      description: 'The MaxCompute network connection to the source, `<connection id>:<region id>`.',
      resolve: fromRecord((record) => record.networkLink),
    }),
    agentOnline: t.boolean({
      nullable: true,
      description: 'Whether the source instance or its agent is running.',
      resolve: fromRecord((record) => record.agentOnline),
    }),
    createTime: t.string({
      nullable: true,
      description: 'When the data source was created.',
      resolve: fromRecord((record) => record.createTime),
    }),
    lastUpdateTime: t.string({
      nullable: true,
      description: 'When its metadata was last synchronised from the source.',
      resolve: fromRecord((record) => record.lastUpdateTime),
    }),
    destinationProject: t.string({
      nullable: true,
      description: 'Default destination MaxCompute project.',
      resolve: fromRecord((record) => record.destinationProject),
    }),
    destinationProjects: t.stringList({
      description: 'Every destination MaxCompute project configured.',
      resolve: fromRecord((record) => record.destinationProjects),
    }),
    databaseCount: t.int({ nullable: true, description: 'Number of databases.', resolve: fromRecord((record) => record.databaseCount) }),
    progress: t.field({
      type: MmsMigrationProgress,
      description: 'Migration progress of its tables and partitions.',
      resolve: fromRecord((record) => record.progress),
    }),
    databases: t.field({
      type: MmsDatabaseConnection,
      description: 'Its databases (ListMmsDbs).',
      args: { ...pageArgs, ...databaseListingArgs },
      complexity: connectionComplexity,
      resolve: (ref, args, context) => listConnection(context, LIST_MMS_DBS, args, databaseListing(ref.id, args), databaseRef),
    }),
    tables: t.field({
      type: MmsTableConnection,
      description: 'Its tables (ListMmsTables).',
      args: { ...pageArgs, ...tableListingArgs },
      complexity: connectionComplexity,
      resolve: (ref, args, context) =>
        listConnection(context, LIST_MMS_TABLES, args, tableListing('MmsDataSource.tables', ref.id, args), tableRef),
    }),
    partitions: t.field({
      type: MmsPartitionConnection,
      description: 'Its partitions (ListMmsPartitions).',
      args: { ...pageArgs, ...partitionListingArgs },
      complexity: connectionComplexity,
      resolve: (ref, args, context) =>
        listConnection(context, LIST_MMS_PARTITIONS, args, partitionListing('MmsDataSource.partitions', ref.id, args)),
    }),
    jobs: t.field({
      type: MmsJobConnection,
      description: 'Its migration jobs (ListMmsJobs).',
      args: { ...pageArgs, ...jobListingArgs },
      complexity: connectionComplexity,
      resolve: (ref, args, context) => listConnection(context, LIST_MMS_JOBS, args, jobListing('MmsDataSource.jobs', ref.id, args), jobRef),
    }),
    tasks: t.field({
      type: MmsTaskConnection,
      description: 'The tasks of its migration jobs (ListMmsTasks).',
      args: { ...pageArgs, ...taskListingArgs },
      complexity: connectionComplexity,
      resolve: (ref, args, context) => listConnection(context, LIST_MMS_TASKS, args, taskListing('MmsDataSource.tasks', ref.id, args)),
    }),
  }),
});

builder.queryField('mmsDataSource', (t) =>
  t.field({
    type: MmsDataSource,
    nullable: true,
    description: 'One data source (GetMmsDataSource). Null, with an error, when it cannot be read.',
    args: { id: t.arg.id({ required: true, description: 'Data source ID, e.g. 200018.' }) },
    complexity: 1,
    // Read at once, so that a missing source is null here rather than an error on each of its fields.
    resolve: async (_root, args, context) => {
      const ref: DataSourceRef = { id: toId(args.id, 'id') };
      return dataSourceRef(await dataSourceRecord(ref, context));
    },
  }),
);

builder.queryField('mmsDataSources', (t) =>
  t.field({
    type: MmsDataSourceConnection,
    description: "The account's data sources (ListMmsDataSources), in pages.",
    args: { ...pageArgs, filter: t.arg({ type: MmsDataSourceFilter, description: 'Only the data sources that match.' }) },
    complexity: connectionComplexity,
    resolve: (_root, args, context) => listConnection(context, LIST_MMS_DATA_SOURCES, args, dataSourceListing(args.filter), dataSourceRef),
  }),
);

// A federation entity keyed by `id`: other subgraphs may extend data sources with fields of their own.
builder.asEntity(MmsDataSource, {
  key: builder.selection<{ id: string }>('id'),
  resolveReference: (reference, context) =>
    Promise.resolve().then(async () => dataSourceRef(await dataSourceRecord({ id: toId(reference.id, 'id') }, context))),
});
