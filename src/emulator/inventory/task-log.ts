import { isTaskSettled } from '../../upstream/actions/task.js';
import type { JobRecord, TaskRecord, TaskStatus } from './jobs.js';
import { childKey, type InventoryStore } from './records.js';

// How a task's steps are recorded: its status and times, and the log entry of each step,
// written with the SQL the step runs (ListMmsTaskLogs' `action` is "often the SQL it ran").
// The demo data's histories and the emulated runs are written by the same functions.

/** `YYYY-MM-DD HH:mm:ss` of an instant, in UTC: the API's times carry no zone. */
export function wireTime(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

/** The instant of a `YYYY-MM-DD HH:mm:ss` time, read as UTC. */
export function instantOf(time: string): number {
  return Date.parse(`${time.trim().replace(' ', 'T')}Z`);
}

// Entry IDs are unique across the store, as the API's `id` of an entry is.
const FIRST_LOG_ID = 100_001;

function nextLogId(store: InventoryStore): number {
  let last = FIRST_LOG_ID - 1;
  for (const task of store.tasks.values()) for (const entry of task.log) last = Math.max(last, Number(entry.id));
  return last + 1;
}

/** Appends an entry to the task's log (the task must be in the store, so that its ID is unique). */
export function writeLog(store: InventoryStore, task: TaskRecord, status: string, action: string, msg: string, at: number): void {
  task.log.push({ id: nextLogId(store), sourceId: task.sourceId, taskId: task.id, status, action, msg, createTime: wireTime(at) });
}

/** `dt=2024-12-01/region=cn` as `dt='2024-12-01' and region='cn'`. */
function specCondition(spec: string): string {
  return spec
    .trim()
    .split('/')
    .map((level) => {
      const equals = level.indexOf('=');
      return `${level.slice(0, equals)}='${level.slice(equals + 1).replaceAll("'", "\\'")}'`;
    })
    .join(' and ');
}

/** What a task's statements read: the rows of its partitions, or of its job's filter on the table. */
function whereClause(job: JobRecord | undefined, task: TaskRecord): string {
  if (job?.type === 'Partitions' && task.partitions.length > 0) {
    return ` where ${task.partitions.map((partition) => `(${specCondition(partition.spec)})`).join(' or ')}`;
  }
  const filter = job?.config.partitionFilters[task.srcTableName];
  return filter === undefined ? '' : ` where ${filter}`;
}

/** The statement a task runs in the step that leads to `status` (a failed step's statement for a failure). */
export function stepAction(store: InventoryStore, job: JobRecord | undefined, task: TaskRecord, status: TaskStatus): string {
  const table = store.tables.get(childKey(task.sourceId, task.tableId));
  const columns = table?.schema.columns ?? [];
  const partitionColumns = table?.schema.partitions ?? [];
  const source = `${task.srcDbName}.${task.srcTableName}`;
  const schema = [task.dstDbName, task.dstSchemaName].filter((name) => name !== null).join('.');
  const destination = [task.dstDbName, task.dstSchemaName, task.dstTableName].filter((name) => name !== null).join('.');
  const where = whereClause(job, task);
  switch (status) {
    case 'INIT':
      return `show create table ${source};`;
    case 'SCHEMA_DOING':
      return `create schema if not exists ${schema};`;
    case 'SCHEMA_DONE':
    case 'SCHEMA_FAILED': {
      const definitions = columns.map((column) => `${column.name} ${column.type}`).join(', ');
      const partitioned = partitionColumns.map((column) => `${column.name} ${column.type}`).join(', ');
      return `create table if not exists ${destination} (${definitions})${partitioned ? ` partitioned by (${partitioned})` : ''};`;
    }
    case 'DATA_DOING':
    case 'DATA_FAILED': {
      const names = partitionColumns.map((column) => column.name);
      const selected = [...columns.map((column) => column.name), ...names].join(', ') || '*';
      const partition = names.length > 0 ? ` partition (${names.join(', ')})` : '';
      return `insert overwrite table ${destination}${partition} select ${selected} from ${source}${where};`;
    }
    case 'DATA_DONE':
      return `select count(*) from ${destination}${where};`;
    case 'VERIFICATION_DOING':
      return `select count(*) from ${source}${where};`;
    case 'VERIFICATION_DONE':
    case 'VERIFICATION_FAILED':
      return `compare row counts of ${source} and ${destination}`;
    case 'DONE':
      return 'task done';
  }
}

/**
 * Moves a task to `status` at `at` and logs the step: `msg` is the outcome ("ok", or the
 * error of a failed step). The first step sets `startTime`, a settled status `endTime`.
 */
export function enterStatus(
  store: InventoryStore,
  job: JobRecord | undefined,
  task: TaskRecord,
  status: TaskStatus,
  at: number,
  msg = 'ok',
): void {
  if (status !== 'INIT') task.startTime ??= wireTime(at);
  task.status = status;
  if (isTaskSettled(status)) task.endTime = wireTime(at);
  writeLog(store, task, status, stepAction(store, job, task, status), msg, at);
}

/** Logs a control action on a task (`start task` → `start task success`, as the timer logs word theirs). */
export function logControl(store: InventoryStore, task: TaskRecord, verb: 'start' | 'stop' | 'retry', at: number): void {
  writeLog(store, task, task.status, `${verb} task`, `${verb} task success`, at);
}
