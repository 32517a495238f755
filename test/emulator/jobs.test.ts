import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { staticCredential } from '../../src/app.js';
import { demoInventory } from '../../src/emulator/data.js';
import { advanceJobs, getJob, getTask, listTaskLogs, retryJob, startJob, stopJob } from '../../src/emulator/inventory.js';
import { startMovingDemo } from '../../src/emulator/job-data.js';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { type CallParams, type UpstreamAction, wireQuery } from '../../src/upstream/action.js';
import { GET_MMS_JOB, LIST_MMS_JOBS, RETRY_MMS_JOB, START_MMS_JOB, STOP_MMS_JOB } from '../../src/upstream/actions/job.js';
import { GET_MMS_PARTITION } from '../../src/upstream/actions/partition.js';
import { GET_MMS_TABLE } from '../../src/upstream/actions/table.js';
import { GET_MMS_TASK, LIST_MMS_TASK_LOGS, LIST_MMS_TASKS } from '../../src/upstream/actions/task.js';
import { OpenApi, TeaUtil } from '../../src/upstream/alicloud.js';
import { openApiParams } from '../../src/upstream/mms-client.js';

// Jobs, tasks and task logs (reference §4.1–4.5) and the job control actions, called signed
// through the real client library, with the answers read raw: field names are checked as the
// API documents them, not as the gateway reads them.

type Json = Record<string, unknown>;
interface Answer {
  status: number;
  body: Json;
}

/** A signed call of `action` through the client library, answering the status and the raw body (error bodies too). */
function caller(emulator: Emulator): (action: UpstreamAction<unknown>, params: CallParams, body?: Json) => Promise<Answer> {
  const [key] = emulator.credentials;
  if (!key) throw new Error('no key');
  const client = new OpenApi.default(
    new OpenApi.Config({
      endpoint: emulator.endpoint,
      protocol: 'http',
      credential: staticCredential(key.accessKeyId, key.accessKeySecret),
    }),
  );
  const runtime = new TeaUtil.RuntimeOptions({ readTimeout: 5000, connectTimeout: 5000, autoretry: false });
  return async (action, params, body) => {
    const request = new OpenApi.OpenApiRequest({ query: wireQuery(action, params), ...(body && { body }) });
    try {
      const response = await client.callApi(openApiParams(action, params, 'json'), request, runtime);
      return { status: response.statusCode ?? 0, body: response.body as Json };
    } catch (error) {
      const data = (error as { data?: Json & { statusCode?: number } }).data ?? {};
      return { status: data.statusCode ?? 0, body: data };
    }
  };
}

const JOB_FIELDS = [
  'id',
  'name',
  'sourceId',
  'dbId',
  'sourceName',
  'srcDbName',
  'srcSchemaName',
  'dstDbName',
  'dstSchemaName',
  'status',
  'type',
  'taskNum',
  'taskDone',
  'stopped',
  'createTime',
  'eta',
  'config',
];
const CONFIG_FIELDS = [
  'partitions',
  'tables',
  'tableWhiteList',
  'tableBlackList',
  'partitionFilters',
  'tableMapping',
  'columnMapping',
  'increment',
  'enableVerification',
  'schemaOnly',
  'taskType',
  'tunnelQuota',
  'others',
];
const TASK_FIELDS = [
  'id',
  'jobId',
  'sourceId',
  'dbId',
  'tableId',
  'jobName',
  'sourceName',
  'srcDbName',
  'srcSchemaName',
  'srcTableName',
  'dstDbName',
  'dstSchemaName',
  'dstTableName',
  'type',
  'status',
  'running',
  'stopped',
  'retriedTimes',
  'createTime',
  'startTime',
  'endTime',
];
const LOG_FIELDS = ['id', 'sourceId', 'taskId', 'status', 'action', 'msg', 'createTime'];
const TASK_STATUSES = [
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
];
const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

const job = (sourceId: number, jobId: number): CallParams => ({ path: { sourceId: String(sourceId), jobId: String(jobId) } });
const task = (sourceId: number, taskId: number): CallParams => ({ path: { sourceId: String(sourceId), taskId: String(taskId) } });
const listed = (sourceId: number, query: CallParams['query'] = {}): CallParams => ({ path: { sourceId: String(sourceId) }, query });
const dataOf = (answer: Answer) => answer.body.data as Json;
const itemsOf = (answer: Answer) => (dataOf(answer).objectList as Json[]) ?? [];
const idsOf = (answer: Answer) => itemsOf(answer).map((item) => item.id);

describe('jobs, tasks and logs as documented', () => {
  let emulator: Emulator;
  let call: ReturnType<typeof caller>;
  beforeAll(async () => {
    emulator = await startEmulator();
    call = caller(emulator);
  });
  afterAll(() => emulator.close());

  it('answers GetMmsJob with every documented field, counters from its tasks, and no timerId', async () => {
    const answer = await call(GET_MMS_JOB, job(200019, 501));
    expect(answer.status).toBe(200);
    expect(answer.body.requestId).toEqual(expect.any(String));
    const data = dataOf(answer);
    expect(Object.keys(data)).toEqual(JOB_FIELDS);
    expect(Object.keys(data.config as Json)).toEqual(CONFIG_FIELDS);
    expect(data).toMatchObject({
      id: 501,
      name: 'sales_daily',
      sourceId: 200019,
      dbId: 7,
      sourceName: 'hive_prod',
      srcDbName: 'sales',
      dstDbName: 'mms_sales',
      dstSchemaName: 'default',
      status: 'DONE',
      type: 'Database',
      taskNum: 3,
      taskDone: 3,
      stopped: false,
      config: { tableBlackList: ['customers'], increment: true, enableVerification: true },
    });
    expect(data.createTime).toMatch(TIME);
    expect(await call(GET_MMS_JOB, job(200018, 10))).toMatchObject({
      body: { data: { name: 'migrate_db_1', status: 'DOING', type: 'Tables', eta: '2025-05-06', config: { tables: ['t1'] } } },
    });
  });

  it('lists the jobs of a source with the same shape, each agreeing with its tasks', async () => {
    const answer = await call(LIST_MMS_JOBS, listed(200019));
    expect(dataOf(answer)).toMatchObject({ total: 6, pageNum: 1, pageSize: 6 });
    const jobs = itemsOf(answer);
    expect(jobs.map((item) => [item.id, item.status])).toEqual([
      [501, 'DONE'],
      [502, 'FAILED'],
      [503, 'FAILED'],
      [504, 'DOING'],
      [505, 'INIT'],
      [506, 'DOING'],
    ]);
    for (const item of jobs) {
      expect(Object.keys(item)).toEqual(JOB_FIELDS);
      const tasks = itemsOf(await call(LIST_MMS_TASKS, listed(200019, { jobId: String(item.id) })));
      expect(item.taskNum, String(item.id)).toBe(tasks.length);
      expect(item.taskDone, String(item.id)).toBe(tasks.filter((t) => t.status === 'DONE').length);
      expect(tasks.every((t) => t.jobName === item.name)).toBe(true);
    }
    expect(jobs.find((item) => item.id === 503)).toMatchObject({
      taskNum: 30,
      taskDone: 26,
      config: { partitions: Array.from({ length: 150 }, (_, i) => 8001 + i) },
    });
    expect(jobs.filter((item) => item.eta !== null).length).toBeGreaterThanOrEqual(2);
    expect(await call(LIST_MMS_JOBS, listed(200024))).toMatchObject({ status: 200, body: { data: { total: 0, objectList: [] } } });
    expect(await call(LIST_MMS_JOBS, listed(404))).toMatchObject({ status: 200, body: { data: { total: 0, objectList: [] } } });
  });

  it('answers GetMmsTask with every documented field', async () => {
    const data = dataOf(await call(GET_MMS_TASK, task(200018, 2323)));
    expect(Object.keys(data)).toEqual(TASK_FIELDS);
    expect(data).toMatchObject({
      id: 2323,
      jobId: 10,
      sourceId: 200018,
      dbId: 0,
      tableId: 23,
      jobName: 'migrate_db_1',
      srcDbName: 'd1',
      srcTableName: 't1',
      dstDbName: 'mms_test',
      dstSchemaName: 'default',
      dstTableName: 'test',
      type: 'HIVE',
      status: 'DATA_DOING',
      running: true,
      stopped: false,
      retriedTimes: 0,
      endTime: null,
    });
    expect(data.startTime).toMatch(TIME);
    // The table mapping names the destination table.
    expect(await call(GET_MMS_TASK, task(200019, 5201))).toMatchObject({
      body: { data: { srcTableName: 'orders', dstTableName: 'orders_v2' } },
    });
    expect(await call(GET_MMS_TASK, task(200020, 70101))).toMatchObject({ body: { data: { type: 'BIGQUERY', status: 'DONE' } } });
  });

  it('holds every task status, and a stopped job whose task is stopped and not running', async () => {
    const statuses = new Set<unknown>();
    for (const sourceId of [200018, 200019, 200020, 200021]) {
      for (const item of itemsOf(await call(LIST_MMS_TASKS, listed(sourceId)))) statuses.add(item.status);
    }
    expect([...statuses].sort()).toEqual([...TASK_STATUSES].sort());
    expect(dataOf(await call(GET_MMS_JOB, job(200019, 506)))).toMatchObject({ status: 'DOING', stopped: true });
    expect(dataOf(await call(GET_MMS_TASK, task(200019, 5601)))).toMatchObject({ stopped: true, running: false });
    expect(dataOf(await call(GET_MMS_JOB, job(200019, 505)))).toMatchObject({ status: 'INIT', taskNum: 1, taskDone: 0 });
  });

  it('answers ListMmsTaskLogs as a bare array in time order, with SQL, errors and one DATA_DONG', async () => {
    const answer = await call(LIST_MMS_TASK_LOGS, task(200019, 5101));
    const entries = answer.body.data as Json[];
    expect(Array.isArray(entries)).toBe(true);
    for (const entry of entries) expect(Object.keys(entry)).toEqual(LOG_FIELDS);
    expect(entries.map((entry) => entry.createTime)).toEqual(entries.map((entry) => entry.createTime).sort());
    expect(entries.map((entry) => entry.status)).toContain('DATA_DONG');
    expect(entries.every((entry) => entry.taskId === 5101 && entry.sourceId === 200019)).toBe(true);
    const actions = entries.map((entry) => String(entry.action));
    expect(actions).toContain('create schema if not exists mms_sales.default;');
    expect(actions.some((action) => action.startsWith('create table if not exists mms_sales.default.orders ('))).toBe(true);
    expect(
      actions.some((action) => /^insert overwrite table mms_sales\.default\.orders partition \(dt, region\) select /.test(action)),
    ).toBe(true);
    expect(actions.some((action) => action.startsWith('select count(*) from '))).toBe(true);
    const failed = (await call(LIST_MMS_TASK_LOGS, task(200019, 5201))).body.data as Json[];
    expect(failed.at(-1)).toMatchObject({ status: 'DATA_FAILED', msg: expect.stringMatching(/^ODPS-/) });
    expect(failed.slice(0, -1).every((entry) => entry.msg === 'ok')).toBe(true);
    // A task not started has its creation entry.
    expect((await call(LIST_MMS_TASK_LOGS, task(200019, 5501))).body.data).toMatchObject([
      { status: 'INIT', action: 'show create table staging.orders_new;' },
    ]);
  });

  it('filters jobs as documented', async () => {
    const ids = async (query: CallParams['query']) => idsOf(await call(LIST_MMS_JOBS, listed(200019, query)));
    expect(await ids({ name: 'sales' })).toEqual([501, 502]);
    expect(await ids({ name: 'Sales' })).toEqual([]);
    expect(await ids({ srcDbName: 'staging' })).toEqual([505, 506]);
    expect(await ids({ srcTableName: 'orders' })).toEqual([501, 502]);
    expect(await ids({ srcTableName: 'page_views' })).toEqual([501, 503, 504]);
    expect(await ids({ dstDbName: 'mms_staging' })).toEqual([505, 506]);
    expect(await ids({ dstTableName: 'orders_v2' })).toEqual([502]);
    expect(await ids({ status: 'FAILED' })).toEqual([502, 503]);
    // `stopped` travels as 1/0 (the flag form); the emulator reads it back as a boolean.
    expect(await ids({ stopped: true })).toEqual([506]);
    expect(await ids({ stopped: false, status: 'DOING' })).toEqual([504]);
    expect(await ids({ timerId: '32' })).toEqual([503, 504]);
    expect(await ids({ timerId: '31', name: 'daily' })).toEqual([501]);
    // Statuses sort as text; ties by ID.
    expect(await ids({ sorter: { status: 'desc' } })).toEqual([505, 502, 503, 501, 504, 506]);
    expect(await ids({ sorter: { status: 'asc' } })).toEqual([504, 506, 501, 502, 503, 505]);
    expect(idsOf(await call(LIST_MMS_JOBS, listed(200018, { srcTableName: 't1' })))).toEqual([10]);
  });

  it('filters and sorts tasks as documented, partition specs included', async () => {
    const ids = async (query: CallParams['query'], sourceId = 200019) => idsOf(await call(LIST_MMS_TASKS, listed(sourceId, query)));
    expect(await ids({ jobId: '503' })).toHaveLength(30);
    expect(await ids({ jobName: 'page_views_recent' })).toEqual(Array.from({ length: 20 }, (_, i) => 5401 + i));
    expect(await ids({ jobName: 'page_views' })).toEqual([]);
    expect(await ids({ srcDbName: 'staging' })).toEqual([5501, 5601]);
    expect(await ids({ srcTableName: 'orders' })).toEqual([5101, 5201]);
    expect(await ids({ dstDbName: 'mms_staging' })).toEqual([5501, 5601]);
    expect(await ids({ dstTableName: 'orders_v2' })).toEqual([5201]);
    expect(await ids({ status: 'DATA_FAILED' })).toEqual([5201, 5308, 5315, 5323, 5330]);
    expect(await ids({ status: 'DATA_FAILED', jobId: '502' })).toEqual([5201]);
    // A Database job's task migrates all its table's partitions; a Partitions job's, its five.
    expect(await ids({ partition: 'dt=2024-11-01/hour=00' })).toEqual([5103, 5301]);
    expect(await ids({ partition: 'dt=2024-11-08/hour=16' })).toEqual([5103, 5407]); // 8185
    expect(await ids({ partition: 'dt=2024-12-03/region=us' })).toEqual([5501]);
    expect(await ids({ partition: 'dt=2024-12-03' })).toEqual([]);
    expect(await ids({ partition: 'p1=1/p2=abc' }, 200018)).toEqual([2323]);

    const recent = itemsOf(await call(LIST_MMS_TASKS, listed(200019, { jobId: '504', sorter: { startTime: 'desc' } })));
    const started = recent.filter((item) => item.startTime !== null);
    expect(started.map((item) => item.startTime)).toEqual(
      started
        .map((item) => String(item.startTime))
        .sort()
        .reverse(),
    );
    // Tasks not started sort below every started one.
    expect(recent.slice(started.length).every((item) => item.startTime === null)).toBe(true);
    const ascending = itemsOf(await call(LIST_MMS_TASKS, listed(200019, { jobId: '504', sorter: { startTime: 'asc' } })));
    expect(ascending.slice(0, recent.length - started.length).every((item) => item.startTime === null)).toBe(true);
    const byStatus = itemsOf(await call(LIST_MMS_TASKS, listed(200019, { jobId: '504', sorter: { status: 'asc' } })));
    expect(byStatus.map((item) => item.status)).toEqual(byStatus.map((item) => String(item.status)).sort());
    expect(byStatus[0]).toMatchObject({ id: 5403, status: 'DATA_DOING' });
  });

  it('pages tasks: 57 of hive_prod in pages of 50', async () => {
    const pages = await Promise.all(
      [1, 2, 3].map((pageNum) => call(LIST_MMS_TASKS, listed(200019, { pageNum: String(pageNum), pageSize: '50' }))),
    );
    expect(pages.map((answer) => [dataOf(answer).total, dataOf(answer).pageNum, dataOf(answer).pageSize])).toEqual([
      [57, 1, 50],
      [57, 2, 50],
      [57, 3, 50],
    ]);
    expect(pages.map((answer) => itemsOf(answer).length)).toEqual([50, 7, 0]);
    const all = idsOf(await call(LIST_MMS_TASKS, listed(200019)));
    expect(pages.flatMap(idsOf)).toEqual(all);
    expect(idsOf(await call(LIST_MMS_JOBS, listed(200019, { pageNum: '2', pageSize: '4' })))).toEqual([505, 506]);
  });

  it('refuses parameters outside the forms and values the actions take', async () => {
    const refused = [
      await call(LIST_MMS_JOBS, listed(200019, { status: 'done' })),
      await call(LIST_MMS_TASKS, listed(200019, { status: 'DATA_DONG' })),
      await call(LIST_MMS_TASKS, listed(200019, { sorter: { numRows: 'desc' } })),
      await call(LIST_MMS_JOBS, listed(200019, { sorter: { startTime: 'asc' } })),
      await call(LIST_MMS_JOBS, listed(200019, { timerId: 'daily' })),
      await call({ ...LIST_MMS_TASK_LOGS, query: { pageNum: 'integer' } }, { ...task(200019, 5101), query: { pageNum: '1' } }),
      await call({ ...LIST_MMS_JOBS, query: { ...LIST_MMS_JOBS.query, stopped: 'string' } }, listed(200019, { stopped: 'yes' })),
    ];
    for (const answer of refused) expect([answer.status, answer.body.code]).toEqual([400, 'InvalidParameter']);
  });

  it('answers 404 for a job or task that does not exist, its logs and its control actions', async () => {
    const missing = [
      await call(GET_MMS_JOB, job(200019, 9999)),
      await call(GET_MMS_JOB, job(200018, 501)), // 501 is hive_prod's
      await call(GET_MMS_TASK, task(200019, 2323)), // 2323 is demo's
      await call(LIST_MMS_TASK_LOGS, task(200019, 9999)),
      await call(START_MMS_JOB, job(200019, 9999)),
      await call(STOP_MMS_JOB, job(404, 501)),
      await call(RETRY_MMS_JOB, job(200019, 5201)),
    ];
    for (const answer of missing) expect([answer.status, answer.body.code]).toEqual([404, 'NotFound']);
    expect(missing[0]?.body.message).toBe('MmsJob 200019/9999 does not exist.');
    expect(missing[3]?.body.message).toBe('MmsTask 200019/9999 does not exist.');
  });

  it('refuses a wrong method, a mismatched x-acs-action and a POST with a body', async () => {
    emulator.reset();
    // POST on /jobs/{jobId} is DeleteMmsJob, GET on /start no action: neither is served.
    const wrongMethod = [
      await call({ ...GET_MMS_JOB, method: 'POST' }, job(200019, 505)),
      await call({ ...START_MMS_JOB, method: 'GET' }, job(200019, 505)),
    ];
    for (const answer of wrongMethod) expect([answer.status, answer.body.Code]).toEqual([404, 'InvalidAction.NotFound']);
    expect(emulator.stats().unexpectedPaths).toEqual([
      'POST /api/v1/mms/datasources/200019/jobs/505',
      'GET /api/v1/mms/datasources/200019/jobs/505/start',
    ]);
    const mismatched = [
      await call({ ...GET_MMS_JOB, name: 'GetMmsTask' }, job(200019, 505)),
      await call({ ...START_MMS_JOB, name: 'StopMmsJob' }, job(200019, 505)),
    ];
    for (const answer of mismatched) expect([answer.status, answer.body.Code]).toEqual([404, 'InvalidAction.NotFound']);
    const withBody = await call(START_MMS_JOB, job(200019, 505), { force: true });
    expect([withBody.status, withBody.body.Code]).toEqual([400, 'SignatureDoesNotMatch']);
    // None of them started the job.
    expect(dataOf(await call(GET_MMS_JOB, job(200019, 505)))).toMatchObject({ status: 'INIT', stopped: false });
  });
});

/** Polls `read` until `done` holds for its result (the emulator applies steps as requests come). */
async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('job control actions', () => {
  let emulator: Emulator;
  let call: ReturnType<typeof caller>;
  beforeAll(async () => {
    emulator = await startEmulator({ jobStepMs: 50 });
    call = caller(emulator);
  });
  afterAll(() => emulator.close());

  const jobOf = async (sourceId: number, jobId: number) => dataOf(await call(GET_MMS_JOB, job(sourceId, jobId)));
  const tasksOf = async (jobId: number) => itemsOf(await call(LIST_MMS_TASKS, listed(200019, { jobId: String(jobId) })));
  const partitionStatus = async (partitionId: number) =>
    dataOf(await call(GET_MMS_PARTITION, { path: { sourceId: '200019', partitionId: String(partitionId) } })).status;

  it('StartMmsJob runs a job not started: DOING, its task steps to DONE without verification, its partitions move', async () => {
    const answer = await call(START_MMS_JOB, job(200019, 505));
    expect(answer).toMatchObject({ status: 200, body: { requestId: expect.any(String), data: 505 } });
    const done = await eventually(
      () => jobOf(200019, 505),
      (data) => data.status === 'DONE',
    );
    expect(done).toMatchObject({ status: 'DONE', taskNum: 1, taskDone: 1, stopped: false });
    const [finished] = await tasksOf(505);
    expect(finished).toMatchObject({
      status: 'DONE',
      running: false,
      startTime: expect.stringMatching(TIME),
      endTime: expect.stringMatching(TIME),
    });
    const log = (await call(LIST_MMS_TASK_LOGS, task(200019, 5501))).body.data as Json[];
    expect(log.map((entry) => [entry.status, entry.action === 'start task' ? 'start' : 'step'])).toEqual([
      ['INIT', 'step'],
      ['INIT', 'start'],
      ['SCHEMA_DOING', 'step'],
      ['SCHEMA_DONE', 'step'],
      ['DATA_DOING', 'step'],
      ['DATA_DONE', 'step'],
      ['DONE', 'step'],
    ]);
    expect([await partitionStatus(3201), await partitionStatus(3202)]).toEqual(['DONE', 'DONE']);
    expect(dataOf(await call(GET_MMS_TABLE, { path: { sourceId: '200019', tableId: '82' } })).status).toBe('DONE');
  });

  it('StopMmsJob halts a running job as it is; StartMmsJob resumes it, RetryMmsJob then finishes it', async () => {
    // The demo's running tasks hold still; stopping and starting sets them going.
    const before = await tasksOf(504);
    expect(await call(STOP_MMS_JOB, job(200019, 504))).toMatchObject({ status: 200, body: { data: 504 } });
    expect(await jobOf(200019, 504)).toMatchObject({ status: 'DOING', stopped: true });
    const stopped = await tasksOf(504);
    expect(stopped.every((item) => item.stopped === true && item.running === false)).toBe(true);
    expect(stopped.map((item) => item.status)).toEqual(before.map((item) => item.status));

    expect(await call(START_MMS_JOB, job(200019, 504))).toMatchObject({ status: 200, body: { data: 504 } });
    // Each task not failed runs (or has already finished: steps are short here).
    const resumed = await tasksOf(504);
    for (const item of resumed.filter((t) => t.id !== 5407)) expect(item.running || item.status === 'DONE', String(item.id)).toBe(true);
    expect(resumed.find((item) => item.id === 5407)).toMatchObject({ status: 'SCHEMA_FAILED', running: false, stopped: false });

    // Once every other task is DONE, the failed one makes the job FAILED.
    const failed = await eventually(
      () => jobOf(200019, 504),
      (data) => data.status !== 'DOING',
    );
    expect(failed).toMatchObject({ status: 'FAILED', taskNum: 20, taskDone: 19 });
    expect(await partitionStatus(8250)).toBe('DONE');

    expect(await call(RETRY_MMS_JOB, job(200019, 504))).toMatchObject({ status: 200, body: { data: 504 } });
    expect(dataOf(await call(GET_MMS_TASK, task(200019, 5407)))).toMatchObject({ retriedTimes: 1, endTime: null });
    const done = await eventually(
      () => jobOf(200019, 504),
      (data) => data.status === 'DONE',
    );
    expect(done).toMatchObject({ status: 'DONE', taskDone: 20 });
    const log = (await call(LIST_MMS_TASK_LOGS, task(200019, 5407))).body.data as Json[];
    expect(log.map((entry) => entry.status).slice(-6)).toEqual([
      'SCHEMA_DONE',
      'DATA_DOING',
      'DATA_DONE',
      'VERIFICATION_DOING',
      'VERIFICATION_DONE',
      'DONE',
    ]);
    expect(log.some((entry) => entry.action === 'retry task')).toBe(true);
  });

  it('RetryMmsJob sends each failed task back to its failed step, retried once more, through verification to DONE', async () => {
    expect(await call(RETRY_MMS_JOB, job(200019, 502))).toMatchObject({ status: 200, body: { data: 502 } });
    expect((await tasksOf(502)).map((item) => [item.id, item.retriedTimes])).toEqual([
      [5201, 1],
      [5202, 1],
    ]);
    await eventually(
      () => jobOf(200019, 502),
      (data) => data.status === 'DONE',
    );
    const log = ((await call(LIST_MMS_TASK_LOGS, task(200019, 5201))).body.data as Json[]).map((entry) => entry.status);
    expect(log.slice(log.indexOf('DATA_FAILED'))).toEqual([
      'DATA_FAILED',
      'DATA_DOING',
      'DATA_DONE',
      'VERIFICATION_DOING',
      'VERIFICATION_DONE',
      'DONE',
    ]);
  });

  it('accepts control actions that change nothing: start a finished job, retry one not failed, stop one not running', async () => {
    const noOps: [UpstreamAction<unknown>, number][] = [
      [START_MMS_JOB, 501],
      [RETRY_MMS_JOB, 501],
      [STOP_MMS_JOB, 503],
      [START_MMS_JOB, 503],
    ];
    for (const [action, jobId] of noOps) {
      const before = await jobOf(200019, jobId);
      expect(await call(action, job(200019, jobId)), action.name).toMatchObject({ status: 200, body: { data: jobId } });
      expect(await jobOf(200019, jobId)).toEqual(before);
    }
    expect((await tasksOf(503)).filter((item) => item.running)).toEqual([]);
  });

  it('counts and faults control calls like any other', async () => {
    emulator.reset();
    emulator.setCallFault('StartMmsJob', [200019, 506], { kind: 'error', status: 429, code: 'Throttling.User', times: 1 });
    const throttled = await call(START_MMS_JOB, job(200019, 506));
    expect([throttled.status, throttled.body.Code]).toEqual([429, 'Throttling.User']);
    expect(await jobOf(200019, 506)).toMatchObject({ stopped: true });
    expect(await call(START_MMS_JOB, job(200019, 506))).toMatchObject({ status: 200, body: { data: 506 } });
    await eventually(
      () => jobOf(200019, 506),
      (data) => data.status === 'DONE',
    );
    expect(emulator.callsOf('StartMmsJob', [200019, 506])).toBe(2);
    expect(emulator.callsOf('GetMmsJob', [200019, 506])).toBeGreaterThanOrEqual(2);
    expect(emulator.callsOf('GetMmsJob', [200019, 501])).toBe(0);
  });
});

describe("npm start's moving demo", () => {
  let emulator: Emulator;
  let call: ReturnType<typeof caller>;
  beforeAll(async () => {
    emulator = await startEmulator({ movingDemo: true, jobStepMs: 40 });
    call = caller(emulator);
  });
  afterAll(() => emulator.close());

  const partitionStatus = async (partitionId: number) =>
    dataOf(await call(GET_MMS_PARTITION, { path: { sourceId: '200019', partitionId: String(partitionId) } })).status;

  it('runs its jobs to the end: the waiting partitions DONE, and one partition FAILED with its task and job', async () => {
    const settled = await eventually(
      async () => [dataOf(await call(GET_MMS_JOB, job(200019, 504))), dataOf(await call(GET_MMS_JOB, job(200019, 505)))],
      (jobs) => jobs.every((data) => data.status !== 'DOING'),
    );
    expect(settled.map((data) => [data.id, data.status, data.taskDone])).toEqual([
      [504, 'FAILED', 19],
      [505, 'FAILED', 0],
    ]);
    expect([await partitionStatus(3201), await partitionStatus(3202)]).toEqual(['DONE', 'FAILED']);
    for (const partitionId of [8151, 8171, 8180, 8186, 8222, 8250])
      expect(await partitionStatus(partitionId), String(partitionId)).toBe('DONE');
    // The batch that had failed before the demo started stays as it was.
    expect(await partitionStatus(8185)).toBe('FAILED');
    expect(dataOf(await call(GET_MMS_TASK, task(200019, 5501)))).toMatchObject({
      status: 'DATA_FAILED',
      running: false,
      endTime: expect.stringMatching(TIME),
    });
    const log = (await call(LIST_MMS_TASK_LOGS, task(200019, 5501))).body.data as Json[];
    expect(log.at(-1)).toMatchObject({ status: 'DATA_FAILED', msg: expect.stringMatching(/fuxi job failed.*\(partition 3202\)$/) });
    expect(log.at(-1)?.action).toMatch(/^insert overwrite table mms_staging\.default\.orders_new /);
  });
});

describe('how runs move on', () => {
  // The same functions the routes call, with a clock of our own: every step lands at its due time.
  it('takes the steps that fell due, each stamped at its due time, and none once stopped', () => {
    const store = demoInventory();
    const start = Date.parse('2025-01-01T00:00:00Z');
    expect(startJob(store, '200019', '505', { now: start, stepMs: 1000 })).toBe(505);
    advanceJobs(store, { now: start + 2500, stepMs: 1000 });
    expect(getTask(store, 200019, 5501)).toMatchObject({ status: 'SCHEMA_DONE', startTime: '2025-01-01 00:00:01', endTime: null });
    expect(stopJob(store, '200019', '505', { now: start + 2600, stepMs: 1000 })).toBe(505);
    advanceJobs(store, { now: start + 60_000, stepMs: 1000 });
    expect(getTask(store, 200019, 5501)).toMatchObject({ status: 'SCHEMA_DONE', running: false, stopped: true });
    expect(getJob(store, 200019, 505)).toMatchObject({ status: 'DOING', stopped: true });
    startJob(store, '200019', '505', { now: start + 70_000, stepMs: 1000 });
    advanceJobs(store, { now: start + 80_000, stepMs: 1000 });
    expect(getTask(store, 200019, 5501)).toMatchObject({ status: 'DONE', endTime: '2025-01-01 00:01:13' });
    expect(listTaskLogs(store, 200019, 5501)?.map((entry) => [entry.status, entry.createTime])).toEqual([
      ['INIT', '2024-12-19 09:00:00'],
      ['INIT', '2025-01-01 00:00:00'],
      ['SCHEMA_DOING', '2025-01-01 00:00:01'],
      ['SCHEMA_DONE', '2025-01-01 00:00:02'],
      ['SCHEMA_DONE', '2025-01-01 00:00:02'],
      ['SCHEMA_DONE', '2025-01-01 00:01:10'],
      ['DATA_DOING', '2025-01-01 00:01:11'],
      ['DATA_DONE', '2025-01-01 00:01:12'],
      ['DONE', '2025-01-01 00:01:13'],
    ]);
    expect(store.partitions.get('200019/3201')?.status).toBe('DONE');
  });

  it('retries a FAILED job from each failed step, its partitions back to DOING', () => {
    const store = demoInventory();
    const clock = { now: Date.parse('2025-01-01T00:00:00Z'), stepMs: 1000 };
    expect(retryJob(store, '200019', '502', clock)).toBe(502);
    expect(getJob(store, 200019, 502)).toMatchObject({ status: 'DOING', stopped: false, taskDone: 0 });
    for (const [taskId, status] of [
      [5201, 'DATA_DOING'],
      [5202, 'VERIFICATION_DOING'],
    ] as const) {
      expect(getTask(store, 200019, taskId)).toMatchObject({ status, retriedTimes: 1, running: true, stopped: false, endTime: null });
    }
    expect([3001, 3002, 3003, 3004].map((id) => store.partitions.get(`200019/${id}`)?.status)).toEqual([
      'DOING',
      'DOING',
      'DOING',
      'DOING',
    ]);
    advanceJobs(store, { ...clock, now: clock.now + 1000 });
    expect(getTask(store, 200019, 5201)?.status).toBe('DATA_DONE');
    expect(getTask(store, 200019, 5202)?.status).toBe('VERIFICATION_DONE');
    advanceJobs(store, { ...clock, now: clock.now + 10_000 });
    expect(getJob(store, 200019, 502)).toMatchObject({ status: 'DONE', taskDone: 2 });
    expect(store.partitions.get('200019/3003')?.status).toBe('DONE');
  });

  it('stops a running job without changing a status, and starts every task of it not failed', () => {
    const store = demoInventory();
    const clock = { now: Date.parse('2025-01-01T00:00:00Z'), stepMs: 1000 };
    const statuses = () => [...store.tasks.values()].filter((t) => t.jobId === 504).map((t) => t.status);
    const before = statuses();
    stopJob(store, '200019', '504', clock);
    expect(getJob(store, 200019, 504)).toMatchObject({ status: 'DOING', stopped: true });
    expect(statuses()).toEqual(before);
    startJob(store, '200019', '504', clock);
    const tasks = [...store.tasks.values()].filter((t) => t.jobId === 504);
    expect(tasks.filter((t) => !t.running).map((t) => t.id)).toEqual([5407]);
    expect(tasks.every((t) => !t.stopped)).toBe(true);
    expect(store.partitions.get('200019/8250')?.status).toBe('DOING');
    expect(store.partitions.get('200019/8185')?.status).toBe('FAILED');
    // The task in DATA_DONE goes on to verification: the job enables it.
    advanceJobs(store, { ...clock, now: clock.now + 1000 });
    expect(getTask(store, 200019, 5404)?.status).toBe('VERIFICATION_DOING');
    expect(getTask(store, 200019, 5420)).toMatchObject({ status: 'SCHEMA_DOING', startTime: '2025-01-01 00:00:01' });
  });

  it('meets a planned failure once: the step fails on its partition, the job FAILED; a retry then runs to DONE', () => {
    const store = demoInventory();
    const clock = { now: Date.parse('2025-01-01T00:00:00Z'), stepMs: 1000 };
    startMovingDemo(store, clock);
    const statuses = () => [3201, 3202].map((id) => store.partitions.get(`200019/${id}`)?.status);
    expect(statuses()).toEqual(['DOING', 'DOING']);
    advanceJobs(store, { ...clock, now: clock.now + 3000 });
    expect(getTask(store, 200019, 5501)?.status).toBe('DATA_DOING');
    advanceJobs(store, { ...clock, now: clock.now + 60_000 });
    expect(getTask(store, 200019, 5501)).toMatchObject({ status: 'DATA_FAILED', running: false, endTime: '2025-01-01 00:00:04' });
    expect(statuses()).toEqual(['DONE', 'FAILED']);
    expect(getJob(store, 200019, 505)).toMatchObject({ status: 'FAILED', taskDone: 0 });
    expect(getJob(store, 200019, 504)).toMatchObject({ status: 'FAILED', taskDone: 19 });

    expect(retryJob(store, '200019', '505', { ...clock, now: clock.now + 70_000 })).toBe(505);
    advanceJobs(store, { ...clock, now: clock.now + 80_000 });
    expect(getJob(store, 200019, 505)).toMatchObject({ status: 'DONE', taskDone: 1 });
    expect(statuses()).toEqual(['DONE', 'DONE']);
  });

  it('leaves the demo snapshot as it is until a control action', () => {
    const store = demoInventory();
    advanceJobs(store, { now: Date.parse('2100-01-01T00:00:00Z'), stepMs: 1 });
    expect(getTask(store, 200018, 2323)).toMatchObject({ status: 'DATA_DOING', running: true });
    expect(retryJob(store, '200019', '504', { now: 0, stepMs: 1 })).toBe(504);
    expect(getTask(store, 200019, 5407)).toMatchObject({ status: 'SCHEMA_FAILED', retriedTimes: 0 });
  });
});
