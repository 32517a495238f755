import { LIST_MMS_TASKS } from '../upstream/actions/task.js';
import { MmsDatabaseDestination } from './destinations.js';
import { MmsJobConfig } from './job-config.js';
import { MmsJobScope, MmsJobStatus } from './job-enums.js';
import { connectionComplexity, listConnection, pageArgs } from './listing.js';
import { childRecordField, jobRecord, jobRef, MmsDatabase, MmsDataSource, MmsJob, recordFields, refOrRecordFields } from './refs.js';
import { MmsTaskConnection, taskListing, taskListingArgs } from './task-listing.js';

/** A field read from the record (loaded only when such a field is asked for). */
const fromRecord = recordFields(jobRecord);

/** A field the reference may already carry (a task names its job): else the record's. */
const fromRefOr = refOrRecordFields(jobRecord);

MmsJob.implement({
  description: 'A migration job of a data source (GetMmsJob): a database, tables or partitions to migrate, split into tasks.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Job ID (the `jobId` of its tasks).' }),
    sourceId: t.exposeID('sourceId', { description: 'ID of its data source.' }),
    name: t.string({ nullable: true, description: 'Job name.', resolve: fromRefOr('name') }),
    status: t.field({
      type: MmsJobStatus,
      nullable: true,
      description: 'Job status; null for a status this gateway does not know yet.',
      resolve: fromRecord((r) => r.status),
    }),
    type: t.field({
      type: MmsJobScope,
      nullable: true,
      description: 'What it migrates; null for a scope this gateway does not know yet.',
      resolve: fromRecord((r) => r.scope),
    }),
    stopped: t.boolean({ nullable: true, description: 'Whether it was stopped.', resolve: fromRecord((r) => r.stopped) }),
    taskCount: t.int({ nullable: true, description: 'Number of its tasks.', resolve: fromRecord((r) => r.taskCount) }),
    tasksDone: t.int({ nullable: true, description: 'Number of its tasks finished.', resolve: fromRecord((r) => r.tasksDone) }),
    createTime: t.string({ nullable: true, description: 'Creation time.', resolve: fromRecord((r) => r.createTime) }),
    eta: t.string({
      nullable: true,
      description: 'Wanted completion date: an earlier one gives the job a higher priority.',
      resolve: fromRecord((r) => r.eta),
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
      description: 'The source database it migrates from (its ID and name come with the job).',
      complexity: 1,
      resolve: fromRecord((r) => (r.dbId === null ? null : { sourceId: r.sourceId ?? '', id: r.dbId, name: r.sourceDatabaseName })),
    }),
    sourceDatabaseName: t.string({
      nullable: true,
      description: 'Name of the source database.',
      resolve: fromRecord((r) => r.sourceDatabaseName),
    }),
    sourceSchemaName: t.string({
      nullable: true,
      description: 'Source schema, for sources with a three-level namespace.',
      resolve: fromRecord((r) => r.sourceSchemaName),
    }),
    destination: t.field({
      type: MmsDatabaseDestination,
      nullable: true,
      description: 'The MaxCompute project and schema it migrates to; null when the API gives neither.',
      resolve: fromRecord((r) =>
        r.destinationProjectName === null && r.destinationSchemaName === null
          ? null
          : { projectName: r.destinationProjectName, schemaName: r.destinationSchemaName },
      ),
    }),
    config: t.field({
      type: MmsJobConfig,
      nullable: true,
      description: 'What it was asked to migrate, and how; null when the API gives no configuration.',
      resolve: fromRecord((r) => (r.config === null ? null : { sourceId: r.sourceId ?? '', config: r.config })),
    }),
    tasks: t.field({
      type: MmsTaskConnection,
      description: "Its tasks (the source's ListMmsTasks, by this job).",
      args: { ...pageArgs, ...taskListingArgs },
      complexity: connectionComplexity,
      resolve: (ref, args, context) =>
        listConnection(context, LIST_MMS_TASKS, args, taskListing('MmsJob.tasks', ref.sourceId, args, { jobId: ref.id })),
    }),
  }),
});

childRecordField({
  type: MmsJob,
  field: 'mmsJob',
  description: 'One migration job of a data source (GetMmsJob). Null, with an error, when it cannot be read.',
  idArgument: 'jobId',
  idDescription: 'Job ID.',
  record: jobRecord,
  toRef: jobRef,
});
