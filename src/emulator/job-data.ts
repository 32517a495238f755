import { isTaskSettled } from '../upstream/actions/task.js';
import { failedStep, type JobClock, nextStatus, startJob, stopJob } from './inventory/job-runs.js';
import type { JobConfigRecord, JobRecord, TaskFailure, TaskPartition, TaskRecord, TaskStatus } from './inventory/jobs.js';
import { childKey, decimalId, type InventoryStore, type TableRecord } from './inventory/records.js';
import { enterStatus, instantOf, logControl } from './inventory/task-log.js';

// The demo jobs, their tasks and the tasks' logs, around the demo inventory (see the table in
// data.ts). Deterministic: every time is derived from the job's creation time, never from a
// clock. Each task's log is its history replayed step by step with the functions the emulated
// runs use, so the demo's entries read like the ones a run writes.

const MINUTE = 60_000;

interface DemoTask {
  id: number;
  tableId: number;
  /** Where its history ends. */
  status: TaskStatus;
  /** With a Partitions job: the partition IDs it migrates; otherwise every partition of its table. */
  partitionIds?: number[];
  /** The error its failed step logged. */
  failure?: string;
}

type JobFields = Pick<JobRecord, 'id' | 'name' | 'sourceId' | 'dbId' | 'type' | 'createTime' | 'dstDbName' | 'dstSchemaName'> &
  Partial<Pick<JobRecord, 'eta' | 'stopped' | 'timerId'>> & { config: Partial<JobConfigRecord>; tasks: DemoTask[] };

const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => first + i);

/** Groups of `size` consecutive IDs. */
const chunks = (ids: number[], size: number) =>
  Array.from({ length: Math.ceil(ids.length / size) }, (_, i) => ids.slice(i * size, (i + 1) * size));

function partitionStatus(store: InventoryStore, sourceId: number, partitionId: number): unknown {
  return store.partitions.get(childKey(sourceId, partitionId))?.status;
}

const HDFS_ERROR =
  'ODPS-0010000:System internal error - fuxi job failed, caused by: java.io.IOException: Cannot obtain block length for LocatedBlock{BP-1174520345-172.16.8.20-1700000000000:blk_1073789123_48299}';

function demoJobs(store: InventoryStore): JobFields[] {
  const sales = { sourceId: 200019, dbId: 7, dstDbName: 'mms_sales', dstSchemaName: 'default' };
  const staging = { sourceId: 200019, dbId: 8, dstDbName: 'mms_staging', dstSchemaName: 'default' };
  const history = range(8001, 8150);
  const recent = range(8151, 8250);
  // Over the partitions the inventory has DOING (8151–8170), one task in each step under way.
  const recentStatuses: TaskStatus[] = ['SCHEMA_DOING', 'SCHEMA_DONE', 'DATA_DOING', 'DATA_DONE'];
  return [
    {
      id: 10,
      name: 'migrate_db_1',
      sourceId: 200018,
      dbId: 0,
      type: 'Tables',
      createTime: '2024-12-17 15:44:17',
      eta: '2025-05-06',
      dstDbName: 'mms_test',
      dstSchemaName: 'default',
      config: { tables: ['t1'], enableVerification: true },
      tasks: [{ id: 2323, tableId: 23, status: 'DATA_DOING' }],
    },
    {
      ...sales,
      id: 501,
      name: 'sales_daily',
      type: 'Database',
      createTime: '2024-12-18 02:00:00',
      timerId: 31,
      config: { tableBlackList: ['customers'], increment: true, enableVerification: true, others: { 'spark.executor.mem': '2g' } },
      tasks: [
        { id: 5101, tableId: 71, status: 'DONE' },
        { id: 5102, tableId: 72, status: 'DONE' },
        { id: 5103, tableId: 73, status: 'DONE' },
      ],
    },
    {
      ...sales,
      id: 502,
      name: 'sales_orders_fix',
      type: 'Tables',
      createTime: '2024-12-18 09:30:00',
      config: {
        tables: ['orders', 'clicks'],
        enableVerification: true,
        tableMapping: { orders: 'orders_v2' },
        columnMapping: { amt: 'amount' },
        partitionFilters: { orders: "dt >= '2024-12-01'" },
      },
      tasks: [
        {
          id: 5201,
          tableId: 71,
          status: 'DATA_FAILED',
          failure: 'ODPS-0130071:[1,8] Semantic analysis exception - column amt cannot be resolved',
        },
        { id: 5202, tableId: 72, status: 'VERIFICATION_FAILED', failure: 'row counts differ: source 1208, destination 1206' },
      ],
    },
    {
      ...sales,
      id: 503,
      name: 'page_views_history',
      type: 'Partitions',
      createTime: '2024-12-18 10:00:00',
      eta: '2024-12-20',
      timerId: 32,
      config: { partitions: history },
      // A task fails where the inventory has a FAILED partition (8037, 8074, 8111, 8148).
      tasks: chunks(history, 5).map((partitionIds, i): DemoTask => {
        const task = { id: 5301 + i, tableId: 73, partitionIds };
        const failed = partitionIds.find((id) => partitionStatus(store, 200019, id) === 'FAILED');
        return failed === undefined
          ? { ...task, status: 'DONE' }
          : { ...task, status: 'DATA_FAILED', failure: `${HDFS_ERROR} (partition ${failed})` };
      }),
    },
    {
      ...sales,
      id: 504,
      name: 'page_views_recent',
      type: 'Partitions',
      createTime: '2024-12-19 08:00:00',
      eta: '2024-12-25',
      timerId: 32,
      config: { partitions: recent, enableVerification: true },
      tasks: chunks(recent, 5).map((partitionIds, i): DemoTask => {
        const task = { id: 5401 + i, tableId: 73, partitionIds };
        if (partitionIds.includes(8185)) {
          return { ...task, status: 'SCHEMA_FAILED', failure: 'ODPS-0110061:Failed to run ddltask - Modify DDL meta encounter exception' };
        }
        if (partitionIds.includes(8222)) return { ...task, status: 'VERIFICATION_DOING' };
        return { ...task, status: recentStatuses[i] ?? 'INIT' };
      }),
    },
    {
      ...staging,
      id: 505,
      name: 'staging_orders_new',
      type: 'Tables',
      createTime: '2024-12-19 09:00:00',
      config: { tables: ['orders_new'] },
      tasks: [{ id: 5501, tableId: 82, status: 'INIT' }],
    },
    {
      ...staging,
      id: 506,
      name: 'staging_orders_tmp',
      type: 'Tables',
      createTime: '2024-12-19 09:05:00',
      stopped: true,
      config: { tables: ['orders_tmp'], enableVerification: true },
      tasks: [{ id: 5601, tableId: 81, status: 'VERIFICATION_DONE' }],
    },
    {
      id: 701,
      name: 'events_bq',
      sourceId: 200020,
      dbId: 9,
      type: 'Database',
      createTime: '2024-12-17 01:20:00',
      // The tables of `events` have no destination of their own: the job names the source's one project.
      dstDbName: 'mms_ml',
      dstSchemaName: 'default',
      config: { taskType: 'BIGQUERY' },
      tasks: [
        { id: 70101, tableId: 91, status: 'DONE' },
        { id: 70102, tableId: 92, status: 'DONE' },
      ],
    },
    {
      id: 801,
      name: 'archive_finance_2023',
      sourceId: 200021,
      dbId: 11,
      type: 'Database',
      createTime: '2024-11-30 20:00:00',
      dstDbName: 'mms_archive',
      dstSchemaName: 'finance_2023',
      config: { taskType: 'COPY_TASK', enableVerification: true },
      tasks: [
        { id: 80101, tableId: 111, status: 'DONE' },
        { id: 80102, tableId: 112, status: 'DONE' },
      ],
    },
  ];
}

function jobConfig(fields: Partial<JobConfigRecord>): JobConfigRecord {
  return {
    partitions: [],
    tables: [],
    tableWhiteList: [],
    tableBlackList: [],
    partitionFilters: {},
    tableMapping: {},
    columnMapping: {},
    increment: false,
    enableVerification: false,
    schemaOnly: false,
    taskType: 'HIVE',
    tunnelQuota: '',
    others: {},
    ...fields,
  };
}

/** The partitions of a table in the store, by ID, with their specs as compared (without the example's stray newline). */
function partitionsOfTable(store: InventoryStore, table: TableRecord): TaskPartition[] {
  const prefix = `${table.sourceId}/`;
  return [...store.partitions]
    .filter(([key, partition]) => key.startsWith(prefix) && decimalId(partition.tableId) === String(table.id))
    .map(([key, partition]) => ({ id: Number(key.slice(prefix.length)), spec: String(partition.value).trim() }))
    .sort((a, b) => a.id - b.id);
}

function taskRecord(store: InventoryStore, job: JobRecord, demo: DemoTask): TaskRecord {
  const table = store.tables.get(childKey(job.sourceId, demo.tableId));
  if (!table) throw new Error(`demo task ${demo.id}: no table ${demo.tableId} in source ${job.sourceId}`);
  const partitions =
    demo.partitionIds?.map((id) => ({ id, spec: String(store.partitions.get(childKey(job.sourceId, id))?.value ?? '').trim() })) ??
    partitionsOfTable(store, table);
  return {
    id: demo.id,
    jobId: job.id,
    sourceId: job.sourceId,
    dbId: table.dbId,
    tableId: table.id,
    jobName: job.name,
    sourceName: job.sourceName,
    srcDbName: table.dbName,
    srcSchemaName: job.srcSchemaName,
    srcTableName: table.name,
    dstDbName: job.dstDbName,
    dstSchemaName: job.dstSchemaName,
    dstTableName: job.config.tableMapping[table.name] ?? table.dstName ?? table.name,
    type: job.config.taskType,
    status: 'INIT',
    running: false,
    stopped: false,
    retriedTimes: 0,
    createTime: job.createTime,
    startTime: null,
    endTime: null,
    partitions,
    log: [],
    nextStepAt: null,
    failure: null,
  };
}

/** The statuses a task went through to end in `target`: each step in turn, then the failure of a failed one. */
function historyTo(target: TaskStatus, verification: boolean): TaskStatus[] {
  const goal = failedStep(target) ?? target;
  const steps: TaskStatus[] = [];
  for (let status: TaskStatus = 'INIT'; status !== goal; ) {
    const next = nextStatus(status, verification);
    if (next === null) throw new Error(`a task of a job ${verification ? 'with' : 'without'} verification cannot reach ${target}`);
    steps.push(next);
    status = next;
  }
  return goal === target ? steps : [...steps, target];
}

/** Adds the demo jobs and tasks to a store holding the demo inventory, with each task's history in its log. */
export function addDemoJobs(store: InventoryStore): void {
  for (const { tasks, config, ...fields } of demoJobs(store)) {
    const source = store.sources.get(String(fields.sourceId));
    const db = store.dbs.get(childKey(fields.sourceId, fields.dbId));
    if (!source || !db) throw new Error(`demo job ${fields.id}: no database ${fields.dbId} in source ${fields.sourceId}`);
    const job: JobRecord = {
      sourceName: source.name,
      srcDbName: db.name,
      srcSchemaName: 'default',
      eta: null,
      stopped: false,
      ...fields,
      config: jobConfig(config),
    };
    store.jobs.set(childKey(job.sourceId, job.id), job);
    const created = instantOf(job.createTime);
    tasks.forEach((demo, index) => {
      const task = taskRecord(store, job, demo);
      store.tasks.set(childKey(task.sourceId, task.id), task);
      enterStatus(store, job, task, 'INIT', created);
      // Tasks start a few minutes apart; each step takes two.
      let at = created + (3 * index + 1) * MINUTE;
      for (const status of historyTo(demo.status, job.config.enableVerification)) {
        enterStatus(store, job, task, status, at, status === demo.status && demo.failure !== undefined ? demo.failure : 'ok');
        at += 2 * MINUTE;
      }
      task.running = task.status !== 'INIT' && !isTaskSettled(task.status);
      if (job.stopped) {
        if (task.running) logControl(store, task, 'stop', at);
        task.running = false;
        task.stopped = true;
      }
    });
  }
  // One entry keeps the log page's spelling of DATA_DONE, as the service may send it.
  const entry = store.tasks.get('200019/5101')?.log.find((logged) => logged.status === 'DATA_DONE');
  if (entry) entry.status = 'DATA_DONG';
}

/**
 * `npm start`'s moving demo (EmulatorOptions.movingDemo): the demo jobs it sets going, and the
 * failure their runs meet, so that live status shows a partition end FAILED beside the ones
 * that end DONE.
 */
export const MOVING_DEMO: {
  jobs: readonly { sourceId: string; jobId: string }[];
  failures: readonly { sourceId: string; taskId: string; failure: TaskFailure }[];
} = {
  jobs: [
    { sourceId: '200019', jobId: '504' },
    { sourceId: '200019', jobId: '505' },
  ],
  failures: [
    // staging_orders_new's one task fails copying region=us: 3202 FAILED, 3201 DONE, the job FAILED.
    { sourceId: '200019', taskId: '5501', failure: { status: 'DATA_FAILED', partitionId: 3202, msg: `${HDFS_ERROR} (partition 3202)` } },
  ],
};

/** Plans the moving demo's failures and sets its jobs going (a running job is resumed by stopping and starting it). */
export function startMovingDemo(store: InventoryStore, clock: JobClock): void {
  for (const { sourceId, taskId, failure } of MOVING_DEMO.failures) {
    const task = store.tasks.get(childKey(sourceId, taskId));
    if (!task || failedStep(failure.status) === undefined)
      throw new Error(`moving demo: no task ${taskId} in ${sourceId} to fail in ${failure.status}`);
    task.failure = failure;
  }
  for (const { sourceId, jobId } of MOVING_DEMO.jobs) {
    stopJob(store, sourceId, jobId, clock);
    startJob(store, sourceId, jobId, clock);
  }
}
