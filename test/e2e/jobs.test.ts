import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TASK_STATUSES } from '../../src/upstream/actions/task.js';
import { type GraphQLAnswer, type Harness, startHarness } from '../support/harness.js';

// Migration jobs, tasks and logs as a graph over the real client and the emulator's data set:
// listing, filtering, navigation both ways, and what each query costs upstream.

const HIVE_PROD = '200019';

interface Connection<Node> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  edges: { node: Node }[];
}

function dataOf(answer: GraphQLAnswer): Record<string, unknown> {
  expect(answer.errors).toBeUndefined();
  return answer.data ?? {};
}

const nodes = <Node>(connection: Connection<Node>): Node[] => connection.edges.map((edge) => edge.node);

describe('jobs and tasks in the graph', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.emulator.reset());

  const calls = () => harness.emulator.stats().perAction;

  it("pages a source's jobs and filters them by status and by stopped, one ListMmsJobs a page", async () => {
    const JOBS = `query ($first: Int, $after: String, $filter: MmsJobFilter) {
      mmsDataSource(id: "${HIVE_PROD}") {
        jobs(first: $first, after: $after, filter: $filter) {
          totalCount pageInfo { hasNextPage endCursor }
          edges { node { id name status type stopped taskCount tasksDone } }
        }
      }
    }`;
    const jobsOf = (answer: GraphQLAnswer) => (dataOf(answer).mmsDataSource as { jobs: Connection<Record<string, unknown>> }).jobs;
    const first = jobsOf(await harness.query(JOBS, { first: 4 }));
    expect(first.totalCount).toBe(6);
    expect(nodes(first).map((job) => job.id)).toEqual(['501', '502', '503', '504']);
    const second = jobsOf(await harness.query(JOBS, { first: 4, after: first.pageInfo.endCursor }));
    expect(nodes(second).map((job) => job.id)).toEqual(['505', '506']);
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect(nodes(first)[2]).toEqual({
      id: '503',
      name: 'page_views_history',
      status: 'FAILED',
      type: 'PARTITIONS',
      stopped: false,
      taskCount: 30,
      tasksDone: 26,
    });
    expect(calls()).toEqual({ GetMmsDataSource: 2, ListMmsJobs: 2 });

    harness.emulator.reset();
    const failed = jobsOf(await harness.query(JOBS, { filter: { status: 'FAILED' } }));
    expect(nodes(failed).map((job) => [job.id, job.status])).toEqual([
      ['502', 'FAILED'],
      ['503', 'FAILED'],
    ]);
    const stopped = jobsOf(await harness.query(JOBS, { filter: { stopped: true } }));
    expect(nodes(stopped).map((job) => job.id)).toEqual(['506']);
    const byName = jobsOf(await harness.query(JOBS, { filter: { name: 'page_views' } }));
    expect(nodes(byName).map((job) => job.id)).toEqual(['503', '504']);
    expect(calls().ListMmsJobs).toBe(3);
  });

  it("reads a job's configuration, its partitions through the partition loader, and its tasks", async () => {
    const answer = await harness.query(`{
      sales: mmsJob(sourceId: "${HIVE_PROD}", jobId: "502") {
        name type sourceDatabaseName destination { projectName schemaName } database { id name }
        config { tables tableMapping { key value } columnMapping { key value } partitionFilters { key value } verification partitionIds }
        tasks { totalCount edges { node { id status table { id name } destination { tableName } } } }
      }
      history: mmsJob(sourceId: "${HIVE_PROD}", jobId: "503") {
        config { partitionIds partitions { id status tableName } }
        tasks(first: 50) { totalCount edges { node { status } } }
      }
    }`);
    const data = dataOf(answer);
    const sales = data.sales as Record<string, unknown>;
    expect(sales).toMatchObject({
      name: 'sales_orders_fix',
      type: 'TABLES',
      sourceDatabaseName: 'sales',
      destination: { projectName: 'mms_sales', schemaName: 'default' },
      database: { id: '7', name: 'sales' },
      config: {
        tables: ['orders', 'clicks'],
        tableMapping: [{ key: 'orders', value: 'orders_v2' }],
        columnMapping: [{ key: 'amt', value: 'amount' }],
        partitionFilters: [{ key: 'orders', value: "dt >= '2024-12-01'" }],
        verification: true,
        partitionIds: [],
      },
    });
    const salesTasks = nodes((sales as { tasks: Connection<{ status: string; table: { name: string } }> }).tasks);
    expect(salesTasks.map((task) => [task.table.name, task.status]).sort()).toEqual([
      ['clicks', 'VERIFICATION_FAILED'],
      ['orders', 'DATA_FAILED'],
    ]);
    const history = data.history as {
      config: { partitionIds: string[]; partitions: { id: string; status: string; tableName: string }[] };
      tasks: Connection<{ status: string }>;
    };
    expect(history.config.partitionIds).toEqual(Array.from({ length: 150 }, (_, i) => String(8001 + i)));
    expect(history.config.partitions.map((partition) => partition.id)).toEqual(history.config.partitionIds);
    expect(new Set(history.config.partitions.map((partition) => partition.tableName))).toEqual(new Set(['page_views']));
    expect(history.tasks.totalCount).toBe(30);
    expect(nodes(history.tasks).filter((task) => task.status === 'DATA_FAILED')).toHaveLength(4);
    // Each job read once, each partition once, each task list once: the database came with the job.
    expect(calls()).toEqual({ GetMmsJob: 2, GetMmsPartition: 150, ListMmsTasks: 2 });
  });

  it("reads a failed task's log, and a log entry written DATA_DONG reads as DATA_DONE", async () => {
    const answer = await harness.query(`{
      mmsJob(sourceId: "${HIVE_PROD}", jobId: "502") {
        tasks(filter: { status: DATA_FAILED }) { edges { node { id status logs { id status action message createTime } } } }
      }
    }`);
    const [task] = nodes((dataOf(answer).mmsJob as { tasks: Connection<{ id: string; logs: Record<string, string>[] }> }).tasks);
    expect(task?.logs.length).toBeGreaterThan(1);
    const last = task?.logs.at(-1);
    expect(last?.status).toBe('DATA_FAILED');
    expect(last?.message).not.toBe('ok');
    expect(task?.logs.some((entry) => /^(create|insert|select)\b/i.test(entry.action ?? ''))).toBe(true);
    expect(calls()).toEqual({ GetMmsJob: 1, ListMmsTasks: 1, ListMmsTaskLogs: 1 });

    // Task 5101's log holds one entry the emulator writes as the log page spells DATA_DONE.
    const dong = await harness.query(`{ mmsTask(sourceId: "${HIVE_PROD}", taskId: "5101") { status logs { status } } }`);
    const statuses = (dataOf(dong).mmsTask as { logs: { status: string | null }[] }).logs.map((entry) => entry.status);
    expect(statuses).toContain('DATA_DONE');
    expect(statuses).not.toContain(null);
    expect(harness.logs.some((line) => line.includes('DATA_DONG'))).toBe(false);
  });

  it('finds, from a partition and from a table, the tasks that moved them', async () => {
    const answer = await harness.query(`{
      published: mmsPartition(sourceId: "200018", partitionId: "2323") {
        tasks { totalCount edges { node { id status job { id name } } } }
      }
      failed: mmsPartition(sourceId: "${HIVE_PROD}", partitionId: "8037") {
        tasks { edges { node { status job { name } } } }
      }
      orders: mmsTable(sourceId: "${HIVE_PROD}", tableId: "71") {
        tasks { edges { node { status job { name } table { id } } } }
      }
    }`);
    type Found = { tasks: Connection<{ id: string; status: string; job: { name: string }; table: { id: string } }> };
    const { published, failed, orders } = dataOf(answer) as { published: Found; failed: Found; orders: Found };
    expect(nodes(published.tasks)).toEqual([{ id: '2323', status: 'DATA_DOING', job: { id: '10', name: 'migrate_db_1' } }]);
    // The failed batch of the partition job, and the whole-database job that once moved the table.
    expect(
      nodes(failed.tasks)
        .map((task) => [task.job.name, task.status])
        .sort(),
    ).toEqual([
      ['page_views_history', 'DATA_FAILED'],
      ['sales_daily', 'DONE'],
    ]);
    expect(
      nodes(orders.tasks)
        .map((task) => [task.job.name, task.status])
        .sort(),
    ).toEqual([
      ['sales_daily', 'DONE'],
      ['sales_orders_fix', 'DATA_FAILED'],
    ]);
    expect(nodes(orders.tasks).every((task) => task.table.id === '71')).toBe(true);
    // Names came with the tasks: no job was read.
    expect(calls().GetMmsJob ?? 0).toBe(0);
  });

  it('costs one ListMmsTasks and one GetMmsJob per distinct job for a page of 50 tasks with their jobs', async () => {
    const answer = await harness.query(`{
      mmsDataSource(id: "${HIVE_PROD}") { tasks(first: 50) { edges { node { id jobId job { name status } } } } }
    }`);
    const tasks = nodes(
      (dataOf(answer).mmsDataSource as { tasks: Connection<{ jobId: string; job: { name: string; status: string } }> }).tasks,
    );
    expect(tasks).toHaveLength(50);
    const jobs = [...new Set(tasks.map((task) => task.jobId))];
    expect(jobs.length).toBeGreaterThan(1);
    expect(calls()).toEqual({ GetMmsDataSource: 1, ListMmsTasks: 1, GetMmsJob: jobs.length });
    for (const jobId of jobs) expect(harness.emulator.callsOf('GetMmsJob', [HIVE_PROD, jobId])).toBe(1);

    // A job's name alone comes with each task: no GetMmsJob at all.
    harness.emulator.reset();
    await harness.query(`{ mmsDataSource(id: "${HIVE_PROD}") { tasks(first: 50) { edges { node { job { name } } } } } }`);
    expect(calls()).toEqual({ GetMmsDataSource: 1, ListMmsTasks: 1 });
  });

  it('every documented task status appears in the data set, each known to the schema', async () => {
    const seen = new Set<string>();
    for (const sourceId of ['200018', HIVE_PROD, '200020', '200021']) {
      let after: string | null = null;
      do {
        const answer: GraphQLAnswer = await harness.query(
          `query ($after: String) { mmsDataSource(id: "${sourceId}") { tasks(first: 100, after: $after) { pageInfo { hasNextPage endCursor } edges { node { status } } } } }`,
          { after },
        );
        const tasks = (dataOf(answer).mmsDataSource as { tasks: Connection<{ status: string | null }> }).tasks;
        for (const task of nodes(tasks)) seen.add(String(task.status));
        after = tasks.pageInfo.hasNextPage ? tasks.pageInfo.endCursor : null;
      } while (after !== null);
    }
    expect([...seen].sort()).toEqual([...TASK_STATUSES].sort());
  });

  it('refuses bad IDs and filters before any call', async () => {
    const answers = await Promise.all([
      harness.query('{ mmsJob(sourceId: "200019", jobId: "x") { id } }'),
      harness.query('{ mmsTask(sourceId: "-1", taskId: "1") { id } }'),
      harness.query('{ mmsDataSource(id: "200019") { jobs(filter: { timerId: "1.5" }) { totalCount } } }'),
      harness.query('{ mmsDataSource(id: "200019") { tasks(first: 0) { totalCount } } }'),
    ]);
    for (const answer of answers) expect(answer.errors?.map((error) => error.extensions?.code)).toContain('BAD_USER_INPUT');
    // mmsDataSource itself is read for the last two; nothing of jobs or tasks.
    expect(calls().ListMmsJobs ?? 0).toBe(0);
    expect(calls().ListMmsTasks ?? 0).toBe(0);
    expect(calls().GetMmsJob ?? 0).toBe(0);
    expect(calls().GetMmsTask ?? 0).toBe(0);
  });

  it('answers NOT_FOUND for a job or task that does not exist', async () => {
    const answer = await harness.query(
      '{ j: mmsJob(sourceId: "200019", jobId: "424242") { id } t: mmsTask(sourceId: "200019", taskId: "424242") { id } }',
    );
    expect(answer.data).toEqual({ j: null, t: null });
    expect(answer.errors?.map((error) => error.extensions?.code)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
  });

  it('serves jobs and tasks to federation routers by `sourceId id`, through the same loaders', async () => {
    const answer = await harness.query(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on MmsJob { id name status } ... on MmsTask { id taskStatus: status jobId }
      } }`,
      {
        representations: [
          { __typename: 'MmsJob', sourceId: HIVE_PROD, id: '505' },
          { __typename: 'MmsTask', sourceId: '200018', id: '2323' },
          { __typename: 'MmsJob', sourceId: HIVE_PROD, id: '505' },
        ],
      },
    );
    expect(dataOf(answer)._entities).toEqual([
      { id: '505', name: 'staging_orders_new', status: 'INIT' },
      { id: '2323', taskStatus: 'DATA_DOING', jobId: '10' },
      { id: '505', name: 'staging_orders_new', status: 'INIT' },
    ]);
    expect(calls()).toEqual({ GetMmsJob: 1, GetMmsTask: 1 });
  });
});
