import type { ListAction, UpstreamAction } from '../action.js';
import {
  isObject,
  type JsonObject,
  optionalBoolean,
  optionalCount,
  optionalEnum,
  optionalIntegerDigits,
  optionalString,
  readPage,
  ShapeError,
} from '../json.js';
import { readOfSource, requiredIntegerDigits, unknownStatusOf } from './fields.js';
import type { TableDestination } from './table.js';

// A migration task (ListMmsTasks items, GetMmsTask `data`) and its execution log
// (ListMmsTaskLogs), reference §4.3–4.5.

/** The eleven documented task statuses: schema migration, data migration, verification, done. */
export const TASK_STATUSES = [
  'INIT',
  'SCHEMA_DOING',
  'SCHEMA_DONE',
  'SCHEMA_FAILED',
  'DATA_DOING',
  'DATA_DONE',
  'DATA_FAILED',
  'VERIFICATION_DOING',
  'VERIFICATION_DONE',
  'VERIFICATION_FAILED',
  'DONE',
] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/** A task's status as sent: known, or unknown (kept for the warning). */
function readTaskStatus(data: JsonObject): { value: TaskStatus | null; unknown: string | null } {
  const status = optionalEnum(data, 'status', TASK_STATUSES);
  // The log page spells DATA_DONE `DATA_DONG` (and describes it as "data migrated").
  if (status.unknown?.toUpperCase() === 'DATA_DONG') return { value: 'DATA_DONE', unknown: null };
  return status;
}

/** Done, or failed in one of its steps: nothing moves until the job is retried. */
export function isTaskSettled(status: TaskStatus | null): boolean {
  return status === 'DONE' || (status?.endsWith('_FAILED') ?? false);
}

export interface Task {
  /** The `taskId` of its log. */
  id: string;
  jobId: string | null;
  jobName: string | null;
  sourceId: string | null;
  sourceName: string | null;
  /** The source table it migrates (`dbId`, `tableId`, `srcDbName`, `srcSchemaName`, `srcTableName`). */
  dbId: string | null;
  tableId: string | null;
  sourceDatabaseName: string | null;
  sourceSchemaName: string | null;
  sourceTableName: string | null;
  /** `dstDbName` names the destination project on tasks. */
  destination: TableDestination | null;
  /** The task's kind as sent (the examples give the source kind, e.g. `BIGQUERY`). */
  type: string | null;
  status: TaskStatus | null;
  unknownStatus: string | null;
  running: boolean | null;
  stopped: boolean | null;
  retriedTimes: number | null;
  createTime: string | null;
  startTime: string | null;
  endTime: string | null;
}

export function readTask(data: JsonObject): Task {
  const status = readTaskStatus(data);
  const destination: TableDestination = {
    projectName: optionalString(data, 'dstDbName'),
    schemaName: optionalString(data, 'dstSchemaName'),
    tableName: optionalString(data, 'dstTableName'),
  };
  return {
    id: requiredIntegerDigits(data, 'id'),
    jobId: optionalIntegerDigits(data, 'jobId'),
    jobName: optionalString(data, 'jobName'),
    sourceId: optionalIntegerDigits(data, 'sourceId'),
    sourceName: optionalString(data, 'sourceName'),
    dbId: optionalIntegerDigits(data, 'dbId'),
    tableId: optionalIntegerDigits(data, 'tableId'),
    sourceDatabaseName: optionalString(data, 'srcDbName'),
    sourceSchemaName: optionalString(data, 'srcSchemaName'),
    sourceTableName: optionalString(data, 'srcTableName'),
    destination: Object.values(destination).some((value) => value !== null) ? destination : null,
    type: optionalString(data, 'type'),
    status: status.value,
    unknownStatus: status.unknown,
    running: optionalBoolean(data, 'running'),
    stopped: optionalBoolean(data, 'stopped'),
    retriedTimes: optionalCount(data, 'retriedTimes'),
    createTime: optionalString(data, 'createTime'),
    startTime: optionalString(data, 'startTime'),
    endTime: optionalString(data, 'endTime'),
  };
}

/** GetMmsTask's parameters (and ListMmsTaskLogs'). */
export function taskParams(sourceId: string, taskId: string): { path: { sourceId: string; taskId: string } } {
  return { path: { sourceId, taskId } };
}

export const GET_MMS_TASK: UpstreamAction<Task> = {
  name: 'GetMmsTask',
  kind: 'get',
  method: 'GET',
  path: '/api/v1/mms/datasources/{sourceId}/tasks/{taskId}',
  query: {},
  notFound: ({ path }) => `Task ${path.taskId} of data source ${path.sourceId} was not found.`,
  read: (data, { path }) => {
    const task = readOfSource(readTask, data, path.sourceId ?? '');
    if (task.id !== path.taskId) throw new ShapeError('the answer names another task');
    return task;
  },
  freshness: (task) => (isTaskSettled(task.status) ? 'terminal' : 'active'),
  unknownValues: unknownStatusOf,
};

export const LIST_MMS_TASKS: ListAction<Task> = {
  name: 'ListMmsTasks',
  kind: 'list',
  method: 'GET',
  path: '/api/v1/mms/datasources/{sourceId}/tasks',
  query: {
    jobId: 'integer',
    jobName: 'string',
    srcDbName: 'string',
    srcTableName: 'string',
    dstDbName: 'string',
    dstTableName: 'string',
    status: 'string',
    partition: 'string',
    pageNum: 'integer',
    pageSize: 'integer',
    sorter: 'dotted',
  },
  notFound: ({ path }) => `Data source ${path.sourceId} was not found.`,
  read: (data, { path }) => readPage(data, (item) => readOfSource(readTask, item, path.sourceId ?? '')),
  empty: { total: 0, items: [] },
  freshness: () => 'list',
  unknownValues: (page) => page.items.flatMap(unknownStatusOf),
  items: { get: GET_MMS_TASK, params: (task) => taskParams(task.sourceId ?? '', task.id) },
};

/** One entry of a task's execution log. */
export interface TaskLogEntry {
  id: string;
  /** The task's status when the entry was written. */
  status: TaskStatus | null;
  unknownStatus: string | null;
  /** What the task did, often the SQL it ran. */
  action: string | null;
  /** The outcome of that step (`msg`). */
  message: string | null;
  createTime: string | null;
}

function readLogEntry(data: JsonObject): TaskLogEntry {
  const status = readTaskStatus(data);
  return {
    id: requiredIntegerDigits(data, 'id'),
    status: status.value,
    unknownStatus: status.unknown,
    action: optionalString(data, 'action'),
    message: optionalString(data, 'msg'),
    createTime: optionalString(data, 'createTime'),
  };
}

/** ListMmsTaskLogs: a bare array, never paged. */
export const LIST_MMS_TASK_LOGS: UpstreamAction<TaskLogEntry[]> = {
  name: 'ListMmsTaskLogs',
  kind: 'list',
  method: 'GET',
  path: '/api/v1/mms/datasources/{sourceId}/tasks/{taskId}/logs',
  query: {},
  notFound: ({ path }) => `Task ${path.taskId} of data source ${path.sourceId} was not found.`,
  read: (data, { path }) => {
    if (!Array.isArray(data)) throw new ShapeError('"data" is not a list of log entries');
    return data.map((item) => {
      if (!isObject(item)) throw new ShapeError('a log entry is not an object');
      const taskId = optionalIntegerDigits(item, 'taskId');
      if (taskId !== null && taskId !== path.taskId) throw new ShapeError('a log entry names another task');
      return readLogEntry(item);
    });
  },
  empty: [],
  // A running task's log grows; entries are listed briefly, like any list.
  freshness: () => 'list',
  unknownValues: (entries) => entries.flatMap(unknownStatusOf),
};
