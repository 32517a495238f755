import type { GatewayContext } from '../context.js';
import { GET_MMS_TASK, LIST_MMS_TASK_LOGS, type Task, taskParams } from '../upstream/actions/task.js';
import { MmsTableDestination } from './destinations.js';
import { childRecordField, loaded, MmsDatabase, MmsDataSource, MmsJob, MmsTable, MmsTask } from './refs.js';
import { MmsTaskLogEntry } from './task-log-entry.js';
import { MmsTaskStatus } from './task-status.js';

MmsTask.implement({
  description: 'A migration task (GetMmsTask): one source table of a job, through schema migration, data migration and verification.',
  fields: (t) => ({
    id: t.exposeID('id', { description: 'Task ID.' }),
    sourceId: t.id({ description: 'ID of its data source.', resolve: (task) => task.sourceId ?? '' }),
    jobId: t.exposeID('jobId', { nullable: true, description: 'ID of its job.' }),
    job: t.field({
      type: MmsJob,
      nullable: true,
      description: 'Its job (its ID and name come with the task; other fields read it once per job per request).',
      complexity: 1,
      resolve: (task) => (task.jobId === null ? null : { sourceId: task.sourceId ?? '', id: task.jobId, name: task.jobName }),
    }),
    table: t.field({
      type: MmsTable,
      nullable: true,
      description: 'The source table it migrates (its ID, name and database come with the task).',
      complexity: 1,
      resolve: (task) =>
        task.tableId === null
          ? null
          : {
              sourceId: task.sourceId ?? '',
              id: task.tableId,
              name: task.sourceTableName,
              dbId: task.dbId,
              dbName: task.sourceDatabaseName,
            },
    }),
    database: t.field({
      type: MmsDatabase,
      nullable: true,
      description: 'The source database of that table (its ID and name come with the task).',
      complexity: 1,
      resolve: (task) => (task.dbId === null ? null : { sourceId: task.sourceId ?? '', id: task.dbId, name: task.sourceDatabaseName }),
    }),
    source: t.field({
      type: MmsDataSource,
      description: 'Its data source.',
      complexity: 1,
      resolve: (task) => ({ id: task.sourceId ?? '', name: task.sourceName }),
    }),
    sourceSchemaName: t.exposeString('sourceSchemaName', {
      nullable: true,
      description: 'Source schema, for sources with a three-level namespace.',
    }),
    destination: t.expose('destination', {
      type: MmsTableDestination,
      nullable: true,
      description: 'The MaxCompute table it migrates to; null when the API gives no destination.',
    }),
    type: t.exposeString('type', { nullable: true, description: 'Task kind as the API gives it, e.g. `HIVE`, `BIGQUERY`.' }),
    status: t.expose('status', {
      type: MmsTaskStatus,
      nullable: true,
      description: 'Task status; null for a status this gateway does not know yet.',
    }),
    running: t.exposeBoolean('running', { nullable: true, description: 'Whether it is executing now.' }),
    stopped: t.exposeBoolean('stopped', { nullable: true, description: 'Whether it was stopped.' }),
    retriedTimes: t.exposeInt('retriedTimes', { nullable: true, description: 'How many times it was retried.' }),
    createTime: t.exposeString('createTime', { nullable: true, description: 'Creation time.' }),
    startTime: t.exposeString('startTime', { nullable: true, description: 'Start time.' }),
    endTime: t.exposeString('endTime', { nullable: true, description: 'End time.' }),
    logs: t.field({
      type: [MmsTaskLogEntry],
      description: 'Its execution log, oldest first (ListMmsTaskLogs: one unpaged list).',
      complexity: 1,
      resolve: (task, _args, context) => loaded(context.loaders.load(LIST_MMS_TASK_LOGS, taskParams(task.sourceId ?? '', task.id))),
    }),
  }),
});

/** The task's record through the request's loader; failures become coded GraphQL errors. */
function taskRecord(key: { sourceId: string; id: string }, context: GatewayContext): Promise<Task> {
  return loaded(context.loaders.load(GET_MMS_TASK, taskParams(key.sourceId, key.id)));
}

childRecordField({
  type: MmsTask,
  field: 'mmsTask',
  description: 'One migration task of a data source (GetMmsTask). Null, with an error, when it cannot be read.',
  idArgument: 'taskId',
  idDescription: 'Task ID.',
  record: taskRecord,
  toRef: (task) => task,
});
