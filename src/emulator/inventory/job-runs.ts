import { isTaskSettled } from '../../upstream/actions/task.js';
import { findJob, isFailed, type JobRecord, jobStatus, type TaskFailure, type TaskRecord, type TaskStatus } from './jobs.js';
import { childKey, type InventoryStore, type WireInteger } from './records.js';
import { enterStatus, logControl } from './task-log.js';

// The job control actions (StartMmsJob, StopMmsJob, RetryMmsJob) and how running tasks move
// on. Steps are applied lazily: the server calls `advanceJobs` before it answers each call,
// and each running task takes the steps that fell due since, at their due times. Nothing runs
// between requests, so nothing outlives the emulator and no test waits on a timer.
//
// The demo data is a snapshot: its running tasks have no step due and hold still until a
// control action sets their job going (stop, then start), so readers of the demo always see
// the same states.

/** The time of a request and the emulator's step interval. */
export interface JobClock {
  now: number;
  stepMs: number;
}

/** The step after `status` (null once DONE or failed); verification only for jobs that enable it. */
export function nextStatus(status: TaskStatus, verification: boolean): TaskStatus | null {
  switch (status) {
    case 'INIT':
      return 'SCHEMA_DOING';
    case 'SCHEMA_DOING':
      return 'SCHEMA_DONE';
    case 'SCHEMA_DONE':
      return 'DATA_DOING';
    case 'DATA_DOING':
      return 'DATA_DONE';
    case 'DATA_DONE':
      return verification ? 'VERIFICATION_DOING' : 'DONE';
    case 'VERIFICATION_DOING':
      return 'VERIFICATION_DONE';
    case 'VERIFICATION_DONE':
      return 'DONE';
    default:
      return null;
  }
}

const FAILED_STEP: Partial<Record<TaskStatus, TaskStatus>> = {
  SCHEMA_FAILED: 'SCHEMA_DOING',
  DATA_FAILED: 'DATA_DOING',
  VERIFICATION_FAILED: 'VERIFICATION_DOING',
};

/** The step a failed status failed in (where a retry resumes); undefined for any other status. */
export function failedStep(status: TaskStatus): TaskStatus | undefined {
  return FAILED_STEP[status];
}

/**
 * Puts what a task migrates in `status` in the inventory: its partitions, or the table's
 * own status for a table without partitions; the partition `failedOn` names (if any) in
 * FAILED instead. Records are replaced, not changed, so an answer already handed out keeps
 * what it said.
 */
function moveInventory(store: InventoryStore, task: TaskRecord, status: 'DOING' | 'DONE' | 'FAILED', failedOn?: WireInteger): void {
  for (const { id } of task.partitions) {
    const key = childKey(task.sourceId, id);
    const partition = store.partitions.get(key);
    const moved = failedOn !== undefined && String(id) === String(failedOn) ? 'FAILED' : status;
    if (partition) store.partitions.set(key, { ...partition, status: moved });
  }
  const tableKey = childKey(task.sourceId, task.tableId);
  const table = store.tables.get(tableKey);
  if (table && !table.hasPartitions) store.tables.set(tableKey, { ...table, status: failedOn === undefined ? status : 'FAILED' });
}

/** Ends a task's run in its planned failure, its partitions with it (see TaskFailure). */
function fail(store: InventoryStore, job: JobRecord | undefined, task: TaskRecord, failure: TaskFailure, at: number): void {
  enterStatus(store, job, task, failure.status, at, failure.msg);
  // Met once: a retry then goes through.
  task.failure = null;
  task.running = false;
  task.nextStepAt = null;
  if (failure.partitionId === undefined) moveInventory(store, task, 'FAILED');
  else moveInventory(store, task, 'DONE', failure.partitionId);
}

/** Sets a task going: its next step falls due one interval from now. */
function run(store: InventoryStore, task: TaskRecord, clock: JobClock): void {
  task.running = true;
  task.stopped = false;
  task.nextStepAt = clock.now + clock.stepMs;
  moveInventory(store, task, 'DOING');
}

/**
 * StartMmsJob: a job not started yet (INIT) or stopped runs again: `stopped` false, its tasks
 * that are neither DONE nor failed running from where they are (failed ones wait for a
 * retry). On any other job it is accepted and changes nothing. The answer is the job's ID,
 * null when there is no such job.
 */
export function startJob(store: InventoryStore, sourceId: string, jobId: string, clock: JobClock): WireInteger | null {
  const found = findJob(store, sourceId, jobId);
  if (!found) return null;
  const { job, tasks } = found;
  if (!job.stopped && jobStatus(tasks) !== 'INIT') return job.id;
  job.stopped = false;
  for (const task of tasks) {
    task.stopped = false;
    if (isTaskSettled(task.status)) continue;
    run(store, task, clock);
    logControl(store, task, 'start', clock.now);
  }
  return job.id;
}

/**
 * StopMmsJob: a running (DOING, not stopped) job and all its tasks become `stopped`, no task
 * runs and none moves on; statuses stay as they are. Accepted and changing nothing on any
 * other job.
 */
export function stopJob(store: InventoryStore, sourceId: string, jobId: string, clock: JobClock): WireInteger | null {
  const found = findJob(store, sourceId, jobId);
  if (!found) return null;
  const { job, tasks } = found;
  if (job.stopped || jobStatus(tasks) !== 'DOING') return job.id;
  job.stopped = true;
  for (const task of tasks) {
    if (task.running) logControl(store, task, 'stop', clock.now);
    task.stopped = true;
    task.running = false;
    task.nextStepAt = null;
  }
  return job.id;
}

/**
 * RetryMmsJob: on a FAILED job, each failed task goes back to its failed step (DATA_FAILED →
 * DATA_DOING, ...) with `retriedTimes` one higher, and runs, as do its tasks not started;
 * the job is DOING again. Accepted and changing nothing on any other job.
 */
export function retryJob(store: InventoryStore, sourceId: string, jobId: string, clock: JobClock): WireInteger | null {
  const found = findJob(store, sourceId, jobId);
  if (!found) return null;
  const { job, tasks } = found;
  if (jobStatus(tasks) !== 'FAILED') return job.id;
  job.stopped = false;
  for (const task of tasks) {
    task.stopped = false;
    const retried = failedStep(task.status);
    if (retried) {
      task.status = retried;
      task.retriedTimes += 1;
      task.endTime = null;
    } else if (isTaskSettled(task.status)) {
      continue;
    }
    run(store, task, clock);
    logControl(store, task, 'retry', clock.now);
  }
  return job.id;
}

/**
 * Takes the steps that fell due by `clock.now`, each at its due time; a task that reaches DONE
 * stops running, as does one whose step ends in its planned failure.
 */
export function advanceJobs(store: InventoryStore, clock: JobClock): void {
  const jobs = new Map<string, JobRecord | undefined>();
  for (const task of store.tasks.values()) {
    if (!task.running || task.nextStepAt === null || task.nextStepAt > clock.now) continue;
    const jobKey = childKey(task.sourceId, task.jobId);
    if (!jobs.has(jobKey)) jobs.set(jobKey, store.jobs.get(jobKey));
    const job = jobs.get(jobKey);
    while (task.nextStepAt !== null && task.nextStepAt <= clock.now) {
      if (task.failure && failedStep(task.failure.status) === task.status) {
        fail(store, job, task, task.failure, task.nextStepAt);
        break;
      }
      const next = isFailed(task.status) ? null : nextStatus(task.status, job?.config.enableVerification ?? false);
      if (next === null) {
        task.running = false;
        task.nextStepAt = null;
        break;
      }
      enterStatus(store, job, task, next, task.nextStepAt);
      if (next === 'DONE') {
        task.running = false;
        task.nextStepAt = null;
        moveInventory(store, task, 'DONE');
      } else {
        task.nextStepAt += clock.stepMs;
      }
    }
  }
}
