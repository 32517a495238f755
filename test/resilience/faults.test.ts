import { afterEach, describe, expect, it } from 'vitest';
import type { Fault } from '../../src/emulator/server.js';
import { expectNoSecrets, type GraphQLAnswer, type Harness, queryThenDisconnect, startHarness } from '../support/harness.js';

// Retries on, a short per-call timeout, a deadline well above what the retries can take,
// and a breaker that does not trip here (it has its own tests).
const ENV = { MMS_RETRY_MAX: '3', MMS_TIMEOUT_MS: '300', REQUEST_TIMEOUT_MS: '4000', MMS_BREAKER_THRESHOLD: '1000' };
const QUERY = `{
  faulty: mmsPartition(sourceId: "200018", partitionId: "2323") { id tableName }
  fine: mmsPartition(sourceId: "200019", partitionId: "3001") { id tableName }
}`;

type Row = { name: string; fault: Fault; code: string | null; calls: number; env?: Record<string, string> };
const rows: Row[] = [
  { name: 'latency past the timeout', fault: { kind: 'slow', ms: 600 }, code: 'UPSTREAM_TIMEOUT', calls: 4 },
  { name: 'a hang', fault: { kind: 'hang' }, code: 'UPSTREAM_TIMEOUT', calls: 4 },
  { name: 'a connection reset', fault: { kind: 'reset' }, code: 'UPSTREAM_UNAVAILABLE', calls: 4 },
  { name: '500 InternalError', fault: { kind: 'error', status: 500, code: 'InternalError' }, code: 'UPSTREAM_UNAVAILABLE', calls: 4 },
  {
    name: '503 ServiceUnavailable',
    fault: { kind: 'error', status: 503, code: 'ServiceUnavailable' },
    code: 'UPSTREAM_UNAVAILABLE',
    calls: 4,
  },
  // Throttled retries wait 0.5-1, then 1-2, then 2-4 s: with a 3.5 s deadline the first two
  // always fit and the third never does, so the last answer comes at once.
  {
    name: 'throttling forever',
    fault: { kind: 'error', status: 429, code: 'Throttling.User' },
    code: 'UPSTREAM_THROTTLED',
    calls: 3,
    env: { REQUEST_TIMEOUT_MS: '3500' },
  },
  { name: 'throttled twice, then fine', fault: { kind: 'error', status: 400, code: 'Throttling.Api', times: 2 }, code: null, calls: 3 },
  { name: 'reset once, then fine', fault: { kind: 'reset', times: 1 }, code: null, calls: 2 },
  {
    name: 'an HTML error page',
    fault: { kind: 'malformed', status: 502, body: '<html>502</html>', contentType: 'text/html' },
    code: 'UPSTREAM_BAD_RESPONSE',
    calls: 1,
  },
  { name: 'an empty body', fault: { kind: 'malformed', body: '' }, code: 'UPSTREAM_BAD_RESPONSE', calls: 1 },
  { name: 'a 200 without data', fault: { kind: 'malformed', body: '{"requestId":"R"}' }, code: 'NOT_FOUND', calls: 1 },
  { name: '400 InvalidParameter', fault: { kind: 'error', status: 400, code: 'InvalidParameter' }, code: 'UPSTREAM_ERROR', calls: 1 },
  { name: '401', fault: { kind: 'error', status: 401, code: 'Unauthorized' }, code: 'UPSTREAM_UNAUTHENTICATED', calls: 1 },
  { name: '403 Forbidden.RAM', fault: { kind: 'error', status: 403, code: 'Forbidden.RAM' }, code: 'FORBIDDEN', calls: 1 },
  { name: '404', fault: { kind: 'error', status: 404, code: 'NotFound', shape: 'service' }, code: 'NOT_FOUND', calls: 1 },
];

describe('upstream faults, with retries', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it.each(rows)('$name: code $code after $calls call(s), within the deadline, other fields intact', async (row) => {
    harness = await startHarness({ env: { ...ENV, ...row.env } });
    harness.emulator.setFault(200018, 2323, row.fault);
    const started = Date.now();
    const answer = await harness.query(QUERY);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(answer.data?.fine).toEqual({ id: '3001', tableName: 'orders' });
    if (row.code === null) {
      expect(answer.errors).toBeUndefined();
      expect(answer.data?.faulty).toEqual({ id: '2323', tableName: 't1' });
    } else {
      expect(answer.data?.faulty).toBeNull();
      expect(answer.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['faulty'], row.code]]);
    }
    expect(harness.emulator.calls(200018, 2323)).toBe(row.calls);
    expect(harness.emulator.calls(200019, 3001)).toBe(1);

    // And afterwards the gateway answers normally.
    harness.emulator.setFault(200018, 2323, null);
    const after = await harness.query(QUERY);
    expect(after.errors).toBeUndefined();
    expectNoSecrets(harness, [answer, after]);
  });
});

describe('backoff', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('waits at least 500 ms before retrying a throttled call, then longer', async () => {
    harness = await startHarness({ env: { ...ENV, REQUEST_TIMEOUT_MS: '10000' } });
    harness.emulator.setFault(200018, 2323, { kind: 'error', status: 429, code: 'Throttling.User', times: 2 });
    const answer = await harness.query(QUERY);
    expect(answer.errors).toBeUndefined();
    const [first = 0, second = 0, third = 0] = harness.emulator.callTimes(200018, 2323);
    expect(harness.emulator.callTimes(200018, 2323)).toHaveLength(3);
    expect(second - first).toBeGreaterThanOrEqual(500);
    expect(third - second).toBeGreaterThanOrEqual(1000);
  });

  it('keeps the short backoff for other retryable failures', async () => {
    harness = await startHarness({ env: ENV });
    harness.emulator.setFault(200018, 2323, { kind: 'error', status: 503, code: 'ServiceUnavailable', times: 1 });
    const answer = await harness.query(QUERY);
    expect(answer.errors).toBeUndefined();
    const times = harness.emulator.callTimes(200018, 2323);
    expect(times).toHaveLength(2);
    const [first = 0, second = 0] = times;
    expect(second - first).toBeLessThan(400);
  });

  it('answers UPSTREAM_THROTTLED at once when the next retry could only start after the deadline', async () => {
    harness = await startHarness({ env: { ...ENV, REQUEST_TIMEOUT_MS: '400' } });
    harness.emulator.setFault(200018, 2323, { kind: 'error', status: 429, code: 'Throttling.User' });
    const started = Date.now();
    const answer = await harness.query(QUERY);
    expect(Date.now() - started).toBeLessThan(300);
    expect(answer.errors?.map((e) => [e.path, e.extensions?.code, e.extensions?.retryable])).toEqual([
      [['faulty'], 'UPSTREAM_THROTTLED', true],
    ]);
    expect(harness.emulator.calls(200018, 2323)).toBe(1);
  });
});

describe('the request deadline', () => {
  let harness: Harness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('bounds all upstream work of a request, retries included', async () => {
    harness = await startHarness({ env: { ...ENV, MMS_TIMEOUT_MS: '5000', REQUEST_TIMEOUT_MS: '400' } });
    harness.emulator.setFault(200018, 2323, { kind: 'hang' });
    const started = Date.now();
    const answer = await harness.query(QUERY);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(answer.data).toEqual({ faulty: null, fine: { id: '3001', tableName: 'orders' } });
    expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['UPSTREAM_TIMEOUT']);
    expect(harness.emulator.calls(200018, 2323)).toBe(1);
  });

  it('drops the queued upstream calls of a client that disconnects', async () => {
    harness = await startHarness({ env: { ...ENV, MMS_MAX_CONCURRENCY: '1', MMS_TIMEOUT_MS: '5000' } });
    for (let id = 1; id <= 6; id += 1) {
      harness.emulator.data.set(`9/${id}`, { id, sourceId: 9 });
      harness.emulator.setFault(9, id, { kind: 'slow', ms: 300 });
    }
    const query = `{ ${[1, 2, 3, 4, 5, 6].map((id) => `p${id}: mmsPartition(sourceId: "9", partitionId: "${id}") { id }`).join(' ')} }`;
    await queryThenDisconnect(harness, query, 100);
    await new Promise((resolve) => setTimeout(resolve, 1200));
    // Only the call already on the wire when the client left was made.
    expect(harness.emulator.stats().total).toBe(1);
  });
});

describe('the circuit breaker', () => {
  it('does not open when clients give up: abandoned calls are not upstream failures', async () => {
    const harness = await startHarness({ env: { MMS_RETRY_MAX: '0', MMS_BREAKER_THRESHOLD: '2', MMS_MAX_CONCURRENCY: '1' } });
    try {
      for (let id = 1; id <= 4; id += 1) {
        harness.emulator.data.set(`9/${id}`, { id, sourceId: 9 });
        harness.emulator.setFault(9, id, { kind: 'slow', ms: 200 });
      }
      const query = `{ ${[1, 2, 3, 4].map((id) => `p${id}: mmsPartition(sourceId: "9", partitionId: "${id}") { id }`).join(' ')} }`;
      for (let round = 0; round < 3; round += 1) await queryThenDisconnect(harness, query, 50);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const after = await harness.query('{ mmsPartition(sourceId: "200019", partitionId: "3001") { id } }');
      expect(after.data).toEqual({ mmsPartition: { id: '3001' } });
    } finally {
      await harness.close();
    }
  });

  it('fails fast while open, then lets a probe through and closes', async () => {
    const harness = await startHarness({ env: { MMS_RETRY_MAX: '0', MMS_BREAKER_THRESHOLD: '3', MMS_BREAKER_COOLDOWN_MS: '500' } });
    try {
      harness.emulator.setFault(200018, 2323, { kind: 'error', status: 503, code: 'ServiceUnavailable' });
      const one = '{ mmsPartition(sourceId: "200018", partitionId: "2323") { id } }';
      for (let i = 0; i < 3; i += 1) await harness.query(one);
      expect(harness.emulator.stats().total).toBe(3);
      const open = await harness.query('{ mmsPartition(sourceId: "200019", partitionId: "3001") { id } }');
      expect(open.errors?.map((e) => [e.extensions?.code, e.message])).toEqual([
        ['UPSTREAM_UNAVAILABLE', expect.stringContaining('circuit open')],
      ]);
      expect(harness.emulator.stats().total).toBe(3);
      await new Promise((resolve) => setTimeout(resolve, 600));
      const probe = await harness.query('{ mmsPartition(sourceId: "200019", partitionId: "3001") { id } }');
      expect(probe.data).toEqual({ mmsPartition: { id: '3001' } });
      const closed = await harness.query('{ mmsPartition(sourceId: "200019", partitionId: "3002") { id } }');
      expect(closed.data).toEqual({ mmsPartition: { id: '3002' } });
      expect(harness.emulator.stats().total).toBe(5);
    } finally {
      await harness.close();
    }
  });
});

describe('the retry budget', () => {
  it('keeps retries near a tenth of the calls when the upstream throttles everything', async () => {
    const harness = await startHarness({ env: { MMS_RETRY_MAX: '3', MMS_BREAKER_THRESHOLD: '10000' } });
    try {
      const answers: GraphQLAnswer[] = [];
      for (let batch = 0; batch < 4; batch += 1) {
        const ids = Array.from({ length: 50 }, (_, i) => 100_000 + batch * 50 + i);
        for (const id of ids) harness.emulator.setFault(1, id, { kind: 'error', status: 429, code: 'Throttling' });
        answers.push(
          await harness.query(`{ ${ids.map((id) => `p${id}: mmsPartition(sourceId: "1", partitionId: "${id}") { id }`).join(' ')} }`),
        );
      }
      const total = harness.emulator.stats().total;
      // 200 first calls; without a budget there would be 600 retries more.
      expect(total - 200).toBeGreaterThan(0);
      expect(total - 200).toBeLessThanOrEqual(Math.max(10, Math.ceil(0.1 * total)) + 1);
      expect(answers.flatMap((a) => a.errors ?? []).every((e) => e.extensions?.code === 'UPSTREAM_THROTTLED')).toBe(true);
    } finally {
      await harness.close();
    }
  });
});

describe('the upstream rate cap', () => {
  it('spreads calls to MMS_MAX_QPS per second, however many are asked at once', async () => {
    const harness = await startHarness({ env: { MMS_MAX_QPS: '10' } });
    try {
      const ids = Array.from({ length: 30 }, (_, i) => i + 1);
      const started = Date.now();
      await harness.query(`{ ${ids.map((id) => `p${id}: mmsPartition(sourceId: "1", partitionId: "${id}") { id }`).join(' ')} }`);
      // A bucket of 10 starts full, then 10 more each second: 30 calls need about 2 s at least.
      expect(Date.now() - started).toBeGreaterThanOrEqual(1800);
      expect(harness.emulator.stats().total).toBe(30);
    } finally {
      await harness.close();
    }
  });
});
