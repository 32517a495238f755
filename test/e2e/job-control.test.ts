import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { expectNoSecrets, type GraphQLAnswer, type Harness, postGraphQL, startHarness } from '../support/harness.js';
import { hs256Jwt } from '../support/jwt.js';

// Job control over the real client and the emulator: who may, what reaches the upstream (once),
// what the cache and the answer say afterwards, and that the schema has no mutations unless asked.

const READ_KEY = 'k-read-0123456789abcdef';
const WRITE_KEY = 'k-write-0123456789abcdef';
const JWT_SECRET = 'jwt-secret-for-job-control-0123456789';
const HIVE_PROD = '200019';

const jwt = (payload: Record<string, unknown>) => hs256Jwt(JWT_SECRET, payload);
const bearer = (payload: Record<string, unknown>) => ({
  authorization: `Bearer ${jwt({ exp: Math.floor(Date.now() / 1000) + 300, ...payload })}`,
});

const CONTROL = (name: string, jobId: string) => `mutation {
  ${name}(sourceId: "${HIVE_PROD}", jobId: "${jobId}") { upstreamRequestId job { id status stopped tasksDone taskCount } }
}`;

const JOB = (jobId: string) => `{ mmsJob(sourceId: "${HIVE_PROD}", jobId: "${jobId}") { id status stopped } }`;

function codes(answer: GraphQLAnswer): unknown[] {
  return (answer.errors ?? []).map((error) => error.extensions?.code);
}

describe('job control with MMS_MUTATIONS=on', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({
      env: {
        MMS_MUTATIONS: 'on',
        GATEWAY_API_KEYS: READ_KEY,
        GATEWAY_WRITE_API_KEYS: WRITE_KEY,
        JWT_SECRET,
        MMS_CACHE: 'on',
        LOG_LEVEL: 'info',
      },
      emulator: { jobStepMs: 40 },
    });
  });
  afterAll(() => harness.close());
  beforeEach(() => harness.emulator.reset());

  const asWriter = { 'x-api-key': WRITE_KEY };

  it.each([
    ['a read-only API key', { 'x-api-key': READ_KEY }],
    ['a token without the write scope', bearer({ sub: 'viewer', scope: 'mms:read' })],
  ])('refuses %s with FORBIDDEN and no upstream call', async (_, headers: Record<string, string>) => {
    const answer = await harness.query(CONTROL('retryMmsJob', '502'), undefined, headers);
    expect(codes(answer)).toEqual(['FORBIDDEN']);
    expect(answer.data).toBeNull();
    expect(harness.emulator.stats().total).toBe(0);
    const capabilities = await harness.query('{ mmsCapabilities { jobControl } }', undefined, headers);
    expect(capabilities.data).toEqual({ mmsCapabilities: { jobControl: false } });
  });

  it('refuses an anonymous caller before anything runs (client authentication is on)', async () => {
    const answer = await harness.query(CONTROL('retryMmsJob', '502'));
    expect(answer.status).toBe(401);
    expect(harness.emulator.stats().total).toBe(0);
  });

  it('refuses a mutation sent by GET (browsers may send those cross-site)', async () => {
    const url = new URL(`${harness.url}/graphql`);
    url.searchParams.set('query', CONTROL('stopMmsJob', '504'));
    const response = await fetch(url, { headers: { ...asWriter, 'x-graphql-yoga-csrf': '1' } });
    expect(response.status).toBe(405);
    expect(harness.emulator.stats().total).toBe(0);
  });

  it('retries a failed job with a write key: one RetryMmsJob call, the job read fresh past a cached FAILED, then it runs to DONE', async () => {
    // Cached as FAILED (a terminal status: kept for a minute) before the retry, and its task list too.
    const before = await harness.query(
      `{ mmsJob(sourceId: "${HIVE_PROD}", jobId: "502") { id status stopped tasks { edges { node { retriedTimes } } } } }`,
      undefined,
      asWriter,
    );
    const untried = { edges: [{ node: { retriedTimes: 0 } }, { node: { retriedTimes: 0 } }] };
    expect(before.data).toEqual({ mmsJob: { id: '502', status: 'FAILED', stopped: false, tasks: untried } });
    const answer = await harness.query(
      `mutation { retryMmsJob(sourceId: "${HIVE_PROD}", jobId: "502") {
        upstreamRequestId job { status stopped tasks { edges { node { retriedTimes } } } }
      } }`,
      undefined,
      asWriter,
    );
    expect(answer.errors).toBeUndefined();
    const result = answer.data?.retryMmsJob as { upstreamRequestId: string; job: { status: string; stopped: boolean } };
    expect(result.upstreamRequestId).toMatch(/^[0-9A-F-]{36}$/);
    // The job and its tasks as they are after the call, not as the cache had them.
    const retried = { edges: [{ node: { retriedTimes: 1 } }, { node: { retriedTimes: 1 } }] };
    expect(result.job).toEqual({ status: 'DOING', stopped: false, tasks: retried });
    expect(harness.emulator.callsOf('RetryMmsJob', [HIVE_PROD, '502'])).toBe(1);
    expect(harness.emulator.callsOf('GetMmsJob', [HIVE_PROD, '502'])).toBe(2);
    expect(harness.emulator.callsOf('ListMmsTasks', [HIVE_PROD])).toBe(2);
    // The next reader does not get the FAILED entry the cache held before the call.
    expect((await harness.query(JOB('502'), undefined, asWriter)).data).toEqual({ mmsJob: { id: '502', status: 'DOING', stopped: false } });

    // The emulator moves the retried tasks on; the job ends DONE with every task done.
    let job: { status: string; tasksDone: number; taskCount: number } | undefined;
    for (let attempt = 0; attempt < 100 && job?.status !== 'DONE'; attempt += 1) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      const read = await harness.query(`{ mmsJob(sourceId: "${HIVE_PROD}", jobId: "502") { status tasksDone taskCount } }`, undefined, {
        ...asWriter,
        'cache-control': 'no-cache',
      });
      job = read.data?.mmsJob as typeof job;
    }
    expect(job).toEqual({ status: 'DONE', tasksDone: 2, taskCount: 2 });

    // Logged once, at info, with who did it and the upstream request id; never a key or secret.
    const lines = harness.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
    const logged = lines.filter((line) => line.msg === 'RetryMmsJob done');
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      level: 30,
      action: 'RetryMmsJob',
      sourceId: HIVE_PROD,
      jobId: '502',
      upstreamRequestId: result.upstreamRequestId,
    });
    expect(String(logged[0]?.caller)).toMatch(/^key:[0-9a-f]{12}$/);
    for (const line of harness.logs) {
      expect(line).not.toContain(WRITE_KEY);
      expect(line).not.toContain(READ_KEY);
    }
    expectNoSecrets(harness, [answer]);
  });

  it('drops the cached job on a control call that reads no job: the next plain query sees the new status', async () => {
    // No step falls due during the test: the retried job stays DOING.
    harness.emulator.jobStepMs = 60_000;
    // Cached as FAILED (a terminal status: kept for a minute).
    expect((await harness.query(JOB('503'), undefined, asWriter)).data).toEqual({
      mmsJob: { id: '503', status: 'FAILED', stopped: false },
    });
    const answer = await harness.query(
      `mutation { retryMmsJob(sourceId: "${HIVE_PROD}", jobId: "503") { upstreamRequestId } }`,
      undefined,
      asWriter,
    );
    expect(answer.errors).toBeUndefined();
    expect(harness.emulator.callsOf('RetryMmsJob', [HIVE_PROD, '503'])).toBe(1);
    expect(harness.emulator.callsOf('GetMmsJob', [HIVE_PROD, '503'])).toBe(1);
    // Read through the cache (no `cache-control: no-cache`): the entry is gone, so the upstream answers.
    expect((await harness.query(JOB('503'), undefined, asWriter)).data).toEqual({ mmsJob: { id: '503', status: 'DOING', stopped: false } });
    expect(harness.emulator.callsOf('GetMmsJob', [HIVE_PROD, '503'])).toBe(2);
  });

  it('stops a running job for a token with the write scope, logged under its subject', async () => {
    const answer = await harness.query(
      CONTROL('stopMmsJob', '504'),
      undefined,
      bearer({ sub: 'ops-dashboard', scope: 'mms:read mms:write' }),
    );
    expect(answer.errors).toBeUndefined();
    expect((answer.data as { stopMmsJob: { job: unknown } }).stopMmsJob.job).toMatchObject({ status: 'DOING', stopped: true });
    expect(harness.emulator.callsOf('StopMmsJob', [HIVE_PROD, '504'])).toBe(1);
    const line = harness.logs.map((text) => JSON.parse(text) as Record<string, unknown>).find((entry) => entry.msg === 'StopMmsJob done');
    expect(line?.caller).toBe('jwt:ops-dashboard');
    const capabilities = await harness.query('{ mmsCapabilities { jobControl } }', undefined, bearer({ sub: 'ops', scope: ['mms:write'] }));
    expect(capabilities.data).toEqual({ mmsCapabilities: { jobControl: true } });
  });

  it('reports a throttled start as it is: UPSTREAM_THROTTLED after exactly one call, never retried', async () => {
    harness.emulator.setCallFault('StartMmsJob', [HIVE_PROD, '505'], { kind: 'error', status: 429, code: 'Throttling.User' });
    const answer = await harness.query(CONTROL('startMmsJob', '505'), undefined, asWriter);
    expect(codes(answer)).toEqual(['UPSTREAM_THROTTLED']);
    expect(answer.errors?.[0]?.extensions?.upstreamCode).toBe('Throttling.User');
    expect(harness.emulator.callsOf('StartMmsJob', [HIVE_PROD, '505'])).toBe(1);
    expect(harness.logs.some((line) => line.includes('"StartMmsJob failed"') && line.includes('UPSTREAM_THROTTLED'))).toBe(true);
    // Unchanged upstream, and the gateway says so.
    expect((await harness.query(JOB('505'), undefined, asWriter)).data).toEqual({ mmsJob: { id: '505', status: 'INIT', stopped: false } });
  });

  it('checks the job ID before calling (BAD_USER_INPUT, no call)', async () => {
    const answer = await harness.query(CONTROL('startMmsJob', 'x1'), undefined, asWriter);
    expect(codes(answer)).toEqual(['BAD_USER_INPUT']);
    expect(harness.emulator.stats().total).toBe(0);
  });

  it('answers NOT_FOUND for a job that does not exist, after one call', async () => {
    const answer = await harness.query(CONTROL('startMmsJob', '999999'), undefined, asWriter);
    expect(codes(answer)).toEqual(['NOT_FOUND']);
    expect(harness.emulator.callsOf('StartMmsJob', [HIVE_PROD, '999999'])).toBe(1);
  });
});

describe('without MMS_MUTATIONS', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ env: { GATEWAY_WRITE_API_KEYS: WRITE_KEY } });
  });
  afterAll(() => harness.close());

  it('has no Mutation type at all, and a mutation is refused before any call', async () => {
    const introspection = await harness.query(
      '{ __schema { mutationType { name } } control: __type(name: "MmsJobControlResult") { name } }',
    );
    expect(introspection.data).toEqual({ __schema: { mutationType: null }, control: null });
    harness.emulator.reset();
    const answer = await postGraphQL(`${harness.url}/graphql`, CONTROL('retryMmsJob', '502'), undefined, { 'x-api-key': WRITE_KEY });
    // As graphql-js answers a mutation for a schema without mutations.
    expect(answer.data ?? null).toBeNull();
    expect(answer.errors?.map((error) => error.message)).toEqual(['Schema is not configured to execute mutation operation.']);
    expect(harness.emulator.stats().total).toBe(0);
    const capabilities = await harness.query('{ mmsCapabilities { jobControl } }', undefined, { 'x-api-key': WRITE_KEY });
    expect(capabilities.data).toEqual({ mmsCapabilities: { jobControl: false } });
  });
});
