import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMmsClient, staticCredential } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { DEMO_BIG_TABLE } from '../../src/emulator/data.js';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { createLogger } from '../../src/logger.js';
import { GatewayMetrics } from '../../src/observability/metrics.js';
import type { CallParams, UpstreamAction } from '../../src/upstream/action.js';
import { dataSourceParams, GET_MMS_DATA_SOURCE, LIST_MMS_DATA_SOURCES } from '../../src/upstream/actions/data-source.js';
import { databaseParams, GET_MMS_DB, LIST_MMS_DBS } from '../../src/upstream/actions/database.js';
import { MMS_ACTIONS } from '../../src/upstream/actions/index.js';
import { GET_MMS_JOB, jobParams, LIST_MMS_JOBS, RETRY_MMS_JOB, START_MMS_JOB, STOP_MMS_JOB } from '../../src/upstream/actions/job.js';
import { GET_MMS_PARTITION, LIST_MMS_PARTITIONS, partitionParams } from '../../src/upstream/actions/partition.js';
import { GET_MMS_TABLE, LIST_MMS_TABLES, tableParams } from '../../src/upstream/actions/table.js';
import { GET_MMS_TASK, LIST_MMS_TASK_LOGS, LIST_MMS_TASKS, type TaskLogEntry, taskParams } from '../../src/upstream/actions/task.js';
import type { MmsClient } from '../../src/upstream/mms-client.js';

// Every described action, called by the real client library against the emulator: the
// signed call, its query in wire form, and the reader of its answer.
describe('the described actions', () => {
  let emulator: Emulator;
  let client: MmsClient;
  beforeAll(async () => {
    emulator = await startEmulator();
    const [key] = emulator.credentials;
    if (!key) throw new Error('no key');
    const config = loadConfig({ MMS_RETRY_MAX: '0' }, { emulator: true });
    client = createMmsClient(
      config,
      { protocol: 'http', host: emulator.endpoint },
      staticCredential(key.accessKeyId, key.accessKeySecret),
      createLogger('silent'),
      new GatewayMetrics(),
    );
  });
  afterAll(() => emulator.close());

  const found: [UpstreamAction<unknown>, CallParams, (result: unknown) => void][] = [
    [GET_MMS_DATA_SOURCE, dataSourceParams('200019'), (r) => expect(r).toMatchObject({ id: '200019', name: 'hive_prod', type: 'HIVE' })],
    [LIST_MMS_DATA_SOURCES, { path: {}, query: { type: 'HIVE' } }, (r) => expect(r).toMatchObject({ total: 4 })],
    [GET_MMS_DB, databaseParams('200019', '7'), (r) => expect(r).toMatchObject({ id: '7', sourceId: '200019', name: 'sales' })],
    [LIST_MMS_DBS, { path: { sourceId: '200019' }, query: { sorter: { numRows: 'desc' } } }, (r) => expect(r).toMatchObject({ total: 3 })],
    [GET_MMS_TABLE, tableParams('200019', '71'), (r) => expect(r).toMatchObject({ id: '71', name: 'orders', hasPartitions: true })],
    [
      LIST_MMS_TABLES,
      { path: { sourceId: '200019' }, query: { dbId: '7', status: ['DONE', 'PART_DONE', 'DOING', 'FAILED', 'INIT'] } },
      (r) => expect(r).toMatchObject({ total: 4 }),
    ],
    [
      LIST_MMS_PARTITIONS,
      { path: { sourceId: '200019' }, query: { tableId: DEMO_BIG_TABLE.tableId, status: ['DONE', 'FAILED'], pageNum: 1, pageSize: 100 } },
      (r) => expect(r).toMatchObject({ total: 152 }),
    ],
    [GET_MMS_PARTITION, partitionParams({ sourceId: '200018', partitionId: '2323' }), (r) => expect(r).toMatchObject({ id: '2323' })],
    [
      GET_MMS_JOB,
      jobParams('200019', '501'),
      (r) => expect(r).toMatchObject({ id: '501', name: 'sales_daily', status: 'DONE', taskCount: 3 }),
    ],
    [
      LIST_MMS_JOBS,
      { path: { sourceId: '200019' }, query: { status: 'FAILED', stopped: false, pageNum: 1, pageSize: 10, sorter: { status: 'desc' } } },
      (r) => expect(r).toMatchObject({ total: 2 }),
    ],
    [GET_MMS_TASK, taskParams('200018', '2323'), (r) => expect(r).toMatchObject({ id: '2323', jobId: '10', status: 'DATA_DOING' })],
    [
      LIST_MMS_TASKS,
      {
        path: { sourceId: '200019' },
        query: { jobId: '503', status: 'DATA_FAILED', pageNum: 1, pageSize: 10, sorter: { startTime: 'asc' } },
      },
      (r) => expect(r).toMatchObject({ total: 4 }),
    ],
    [LIST_MMS_TASK_LOGS, taskParams('200019', '5101'), (r) => expect((r as TaskLogEntry[]).at(-1)).toMatchObject({ status: 'DONE' })],
  ];

  // Changes, made once each with write(): the emulator answers `data` with the job's ID.
  const written: [UpstreamAction<unknown>, CallParams, unknown][] = [
    [START_MMS_JOB, jobParams('200019', '505'), { data: '505' }],
    [STOP_MMS_JOB, jobParams('200019', '505'), { data: '505' }],
    [RETRY_MMS_JOB, jobParams('200019', '502'), { data: '502' }],
  ];

  it('covers every action the emulator serves', () => {
    const covered = [...found, ...written].map(([action]) => action.name);
    expect(new Set(covered)).toEqual(new Set(MMS_ACTIONS.map((action) => action.name)));
  });

  it.each(found)('%s: a signed call with its query in wire form, read into its record', async (action, params, check) => {
    check(await client.call(action, params));
    expect(emulator.stats().unexpectedPaths).toEqual([]);
  });

  it.each(written)('%s: one signed POST, read into its answer', async (action, params, answer) => {
    expect((await client.write(action, params)).result).toEqual(answer);
    expect(emulator.stats().unexpectedPaths).toEqual([]);
  });

  it.each(MMS_ACTIONS.filter((action) => action.kind === 'get'))('%s: a record that does not exist is NOT_FOUND', async (action) => {
    const params = { path: Object.fromEntries([...action.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => [name, '424242'])) };
    await expect(client.call(action, params)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses a parameter in the wrong wire form with 400 InvalidParameter', async () => {
    // The same action described wrongly: status as plain text instead of a JSON array, sorter as JSON.
    const plainStatus = { ...LIST_MMS_PARTITIONS, query: { ...LIST_MMS_PARTITIONS.query, status: 'string' as const } };
    await expect(client.call(plainStatus, { path: { sourceId: '200019' }, query: { status: 'DONE' } })).rejects.toMatchObject({
      code: 'UPSTREAM_ERROR',
      upstreamCode: 'InvalidParameter',
    });
    const repeated = { ...LIST_MMS_PARTITIONS, query: { ...LIST_MMS_PARTITIONS.query, 'status.1': 'string' as const } };
    await expect(client.call(repeated, { path: { sourceId: '200019' }, query: { 'status.1': 'DONE' } })).rejects.toMatchObject({
      upstreamCode: 'InvalidParameter',
    });
    await expect(
      client.call(LIST_MMS_PARTITIONS, { path: { sourceId: '200019' }, query: { sorter: { size: 'largest' } } }),
    ).rejects.toMatchObject({ upstreamCode: 'InvalidParameter' });
  });
});
