import { QueryFormError } from '../../upstream/action.js';
import { JOB_STATUSES, type JobStatus, LIST_MMS_JOBS } from '../../upstream/actions/job.js';
import { isTaskSettled, LIST_MMS_TASKS, TASK_STATUSES, type TaskStatus } from '../../upstream/actions/task.js';
import { groupBy } from './census.js';
import {
  applyFilters,
  booleanParameter,
  containing,
  equalTo,
  type InventoryQuery,
  idParameter,
  type Page,
  page,
  type RowFilter,
  refuseUnknown,
  type SortKind,
  sortById,
  sorterParameter,
  sortRows,
  stringParameter,
  textOf,
} from './query.js';
import { childKey, decimalId, type InventoryStore, type WireInteger, type WireValue } from './records.js';

// Migration jobs, their tasks and the tasks' logs as the MMS API family documents them
// (`../shared/reference/mms-api-family.md` §4.1–4.5), and the emulator's answers to the read
// actions on them. A job's status and task counters are not stored: they are computed from its
// tasks when an answer is made, so they cannot disagree with the tasks listed.

// The statuses the service documents are the ones the gateway's readers know (the task
// statuses in the order a task goes through them, failures beside their step).
export { JOB_STATUSES, type JobStatus, TASK_STATUSES, type TaskStatus };

export const JOB_TYPES = ['Database', 'Tables', 'Partitions'] as const;
export type JobType = (typeof JOB_TYPES)[number];

/** GetMmsJob `config`: what CreateMmsJob was asked (the deprecated members included, as served). */
export interface JobConfigRecord {
  /** With type Partitions: partition IDs of the job's source. */
  partitions: WireInteger[];
  /** With type Tables: table names of the job's database. */
  tables: string[];
  tableWhiteList: string[];
  tableBlackList: string[];
  partitionFilters: Record<string, string>;
  tableMapping: Record<string, string>;
  columnMapping: Record<string, string>;
  increment: boolean;
  enableVerification: boolean;
  schemaOnly: boolean;
  taskType: string;
  tunnelQuota: string;
  others: { [key: string]: WireValue };
}

/** A job without its status and task counters. */
export interface JobRecord {
  id: WireInteger;
  name: string;
  sourceId: WireInteger;
  dbId: WireInteger;
  sourceName: string;
  srcDbName: string;
  srcSchemaName: string | null;
  /** The destination MaxCompute project (on jobs, `dstDbName` names a project). */
  dstDbName: string | null;
  dstSchemaName: string | null;
  type: JobType;
  stopped: boolean;
  createTime: string;
  eta: string | null;
  config: JobConfigRecord;
  /** The timer that created the job: ListMmsJobs `timerId=` finds it; the job object has no such field. */
  timerId?: WireInteger;
}

export interface JobCounters {
  status: JobStatus;
  taskNum: number;
  taskDone: number;
}

/** GetMmsJob `data` and ListMmsJobs items. */
export type JobAnswer = Omit<JobRecord, 'timerId'> & JobCounters;

/** One ListMmsTaskLogs entry. `status` is text: one page spells DATA_DONE `DATA_DONG`, and the demo keeps it. */
export interface TaskLogRecord {
  id: WireInteger;
  sourceId: WireInteger;
  taskId: WireInteger;
  status: string;
  action: string;
  msg: string;
  createTime: string;
}

/** A partition a task migrates: the task object does not name it, ListMmsTasks `partition=` filters on its spec. */
export interface TaskPartition {
  id: WireInteger;
  spec: string;
}

/**
 * A failure a task's run meets once: the step that leads to a failed `status` (DATA_DOING for
 * DATA_FAILED) ends in it instead, logging `msg`.
 */
export interface TaskFailure {
  status: TaskStatus;
  msg: string;
  /** The partition the step failed on: it becomes FAILED and the task's others DONE; without it, all of them FAILED. */
  partitionId?: WireInteger;
}

export interface TaskRecord {
  id: WireInteger;
  jobId: WireInteger;
  sourceId: WireInteger;
  dbId: WireInteger;
  tableId: WireInteger;
  jobName: string;
  sourceName: string;
  srcDbName: string;
  srcSchemaName: string | null;
  srcTableName: string;
  dstDbName: string | null;
  dstSchemaName: string | null;
  dstTableName: string;
  type: string;
  status: TaskStatus;
  running: boolean;
  stopped: boolean;
  retriedTimes: number;
  createTime: string;
  startTime: string | null;
  endTime: string | null;
  /** Not served: the partitions it migrates (none for a table without partitions). */
  partitions: TaskPartition[];
  /** Not served: its log, oldest first (ListMmsTaskLogs). */
  log: TaskLogRecord[];
  /** Not served: when its next step is due (epoch ms); null while it does not move (see job-runs.ts). */
  nextStepAt: number | null;
  /** Not served: the failure its run is to meet, if one is planned (only the moving demo plans one). */
  failure: TaskFailure | null;
}

/** GetMmsTask `data` and ListMmsTasks items. */
export type TaskAnswer = Omit<TaskRecord, 'partitions' | 'log' | 'nextStepAt' | 'failure'>;

type SourceId = string | number | bigint;

export function isFailed(status: TaskStatus): boolean {
  return status.endsWith('_FAILED');
}

/** Running now, or halted between its first step and its end (a stopped job's task). */
function isUnderWay(task: TaskRecord): boolean {
  return task.running || (task.status !== 'INIT' && !isTaskSettled(task.status));
}

/**
 * A job's status from its tasks, first rule that applies: no tasks or all INIT → INIT; all
 * DONE → DONE; any under way → DOING (a job runs until every task has settled, so one failed
 * task does not fail a job whose other tasks still run); any failed → FAILED; otherwise (some
 * done, the rest not started) → DOING.
 */
export function jobStatus(tasks: readonly TaskRecord[]): JobStatus {
  if (tasks.every((task) => task.status === 'INIT' && !task.running)) return 'INIT';
  if (tasks.every((task) => task.status === 'DONE')) return 'DONE';
  if (tasks.some(isUnderWay)) return 'DOING';
  if (tasks.some((task) => isFailed(task.status))) return 'FAILED';
  return 'DOING';
}

/** The tasks of a job, by ID. */
export function tasksOf(store: InventoryStore, job: JobRecord): TaskRecord[] {
  const tasks = [...store.tasks.values()].filter(
    (task) => String(task.sourceId) === String(job.sourceId) && String(task.jobId) === String(job.id),
  );
  return sortById(tasks, (task) => String(task.id));
}

/** The job with these IDs and its tasks, or null. */
export function findJob(store: InventoryStore, sourceId: SourceId, jobId: SourceId): { job: JobRecord; tasks: TaskRecord[] } | null {
  const source = decimalId(sourceId);
  const id = decimalId(jobId);
  const job = source === null || id === null ? undefined : store.jobs.get(childKey(source, id));
  return job ? { job, tasks: tasksOf(store, job) } : null;
}

/** The answer for a job: its fields in the documented order, counters computed from `tasks`. */
function jobAnswer(job: JobRecord, tasks: readonly TaskRecord[]): JobAnswer {
  return {
    id: job.id,
    name: job.name,
    sourceId: job.sourceId,
    dbId: job.dbId,
    sourceName: job.sourceName,
    srcDbName: job.srcDbName,
    srcSchemaName: job.srcSchemaName,
    dstDbName: job.dstDbName,
    dstSchemaName: job.dstSchemaName,
    status: jobStatus(tasks),
    type: job.type,
    taskNum: tasks.length,
    taskDone: tasks.filter((task) => task.status === 'DONE').length,
    stopped: job.stopped,
    createTime: job.createTime,
    eta: job.eta,
    config: structuredClone(job.config),
  };
}

function taskAnswer(task: TaskRecord): TaskAnswer {
  const { partitions: _partitions, log: _log, nextStepAt: _next, failure: _failure, ...answer } = task;
  return structuredClone(answer);
}

/** GetMmsJob (no query parameters). */
export function getJob(store: InventoryStore, sourceId: SourceId, jobId: SourceId): JobAnswer | null {
  const found = findJob(store, sourceId, jobId);
  return found && jobAnswer(found.job, found.tasks);
}

/** A single status filter: one of the documented values, exact (another value is refused, as a typo should show). */
function statusParameter(query: InventoryQuery, statuses: readonly string[]): string | undefined {
  const status = stringParameter(query, 'status');
  if (status !== undefined && !statuses.includes(status)) {
    throw new QueryFormError(`status ${JSON.stringify(status)} is not one of ${statuses.join(', ')}.`);
  }
  return status;
}

const STATUS_SORTER: Readonly<Record<string, SortKind>> = { status: 'text' };

interface JobRow {
  job: JobRecord;
  tasks: TaskRecord[];
  answer: JobAnswer;
}

/** Keeps rows where any of the job's tasks has `wanted` in that field. */
function anyTask(wanted: string | undefined, field: (task: TaskRecord) => unknown): RowFilter<JobRow> {
  return wanted === undefined ? undefined : (row) => row.tasks.some((task) => textOf(field(task)) === wanted);
}

/**
 * ListMmsJobs. Filters: `name` a case-sensitive substring of the job name (the pages call it
 * the data source name, which the path already fixes); `srcDbName`, `dstDbName` exact;
 * `srcTableName`, `dstTableName` jobs with a task on that table; `status` one job status;
 * `stopped` exact; `timerId` jobs created by that timer. Sorter member `status`.
 */
export function listJobs(store: InventoryStore, sourceId: SourceId, query: InventoryQuery = {}): Page<JobAnswer> {
  refuseUnknown(query, LIST_MMS_JOBS);
  const filters: RowFilter<JobRow>[] = [
    containing(stringParameter(query, 'name'), (row: JobRow) => row.job.name),
    equalTo(stringParameter(query, 'srcDbName'), (row: JobRow) => row.job.srcDbName),
    anyTask(stringParameter(query, 'srcTableName'), (task) => task.srcTableName),
    equalTo(stringParameter(query, 'dstDbName'), (row: JobRow) => row.job.dstDbName),
    anyTask(stringParameter(query, 'dstTableName'), (task) => task.dstTableName),
    equalTo(statusParameter(query, JOB_STATUSES), (row: JobRow) => row.answer.status),
    equalTo(booleanParameter(query, 'stopped'), (row: JobRow) => row.job.stopped),
    equalTo(idParameter(query, 'timerId'), (row: JobRow) => row.job.timerId),
  ];
  const orders = sorterParameter(query, STATUS_SORTER);
  const source = decimalId(sourceId);
  if (source === null) return page([], query);
  // One pass groups the source's tasks by job: a scan per job would cost jobs × tasks.
  const tasksByJob = groupBy(
    [...store.tasks.values()].filter((task) => String(task.sourceId) === source),
    (task) => String(task.jobId),
  );
  const rows = [...store.jobs.values()]
    .filter((job) => String(job.sourceId) === source)
    .map((job): JobRow => {
      const tasks = sortById(tasksByJob.get(String(job.id)) ?? [], (task) => String(task.id));
      return { job, tasks, answer: jobAnswer(job, tasks) };
    });
  const sorted = sortRows(
    applyFilters(rows, filters),
    orders,
    STATUS_SORTER,
    (row) => row.answer.status,
    (row) => String(row.job.id),
  );
  return page(
    sorted.map((row) => row.answer),
    query,
  );
}

/** GetMmsTask (no query parameters). */
export function getTask(store: InventoryStore, sourceId: SourceId, taskId: SourceId): TaskAnswer | null {
  const task = findTask(store, sourceId, taskId);
  return task && taskAnswer(task);
}

function findTask(store: InventoryStore, sourceId: SourceId, taskId: SourceId): TaskRecord | null {
  const source = decimalId(sourceId);
  const id = decimalId(taskId);
  return (source !== null && id !== null && store.tasks.get(childKey(source, id))) || null;
}

const TASK_SORTER: Readonly<Record<string, SortKind>> = { startTime: 'time', status: 'text' };

/**
 * ListMmsTasks. Filters: `jobId` exact on the decimal value; `jobName`, `srcDbName`,
 * `srcTableName`, `dstDbName`, `dstTableName` exact; `status` one task status; `partition`
 * tasks that migrate the partition of that spec. Sorter members `startTime` (a task not
 * started sorts below every started one) and `status`.
 */
export function listTasks(store: InventoryStore, sourceId: SourceId, query: InventoryQuery = {}): Page<TaskAnswer> {
  refuseUnknown(query, LIST_MMS_TASKS);
  const partition = stringParameter(query, 'partition')?.trim();
  const filters: RowFilter<TaskRecord>[] = [
    equalTo(idParameter(query, 'jobId'), (task: TaskRecord) => task.jobId),
    equalTo(stringParameter(query, 'jobName'), (task: TaskRecord) => task.jobName),
    equalTo(stringParameter(query, 'srcDbName'), (task: TaskRecord) => task.srcDbName),
    equalTo(stringParameter(query, 'srcTableName'), (task: TaskRecord) => task.srcTableName),
    equalTo(stringParameter(query, 'dstDbName'), (task: TaskRecord) => task.dstDbName),
    equalTo(stringParameter(query, 'dstTableName'), (task: TaskRecord) => task.dstTableName),
    equalTo(statusParameter(query, TASK_STATUSES), (task: TaskRecord) => task.status),
    partition === undefined ? undefined : (task) => task.partitions.some((covered) => covered.spec.trim() === partition),
  ];
  const orders = sorterParameter(query, TASK_SORTER);
  const source = decimalId(sourceId);
  if (source === null) return page([], query);
  const rows = [...store.tasks.values()].filter((task) => String(task.sourceId) === source);
  const sorted = sortRows(
    applyFilters(rows, filters),
    orders,
    TASK_SORTER,
    (task, member) => task[member as keyof TaskRecord],
    (task) => String(task.id),
  );
  return page(sorted.map(taskAnswer), query);
}

const LOG_ORDER: Readonly<Record<string, SortKind>> = { createTime: 'text' };

/** ListMmsTaskLogs: the task's whole log in time order (never paged), or null when the task does not exist. */
export function listTaskLogs(store: InventoryStore, sourceId: SourceId, taskId: SourceId): TaskLogRecord[] | null {
  const task = findTask(store, sourceId, taskId);
  if (!task) return null;
  return sortRows(
    structuredClone(task.log),
    [{ member: 'createTime', descending: false }],
    LOG_ORDER,
    (entry) => entry.createTime,
    (entry) => String(entry.id),
  );
}
