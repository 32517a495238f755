import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Fault } from '../../src/emulator/server.js';
import { expectNoSecrets, type GraphQLAnswer, type Harness, startHarness } from '../support/harness.js';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

function heapAfterGc(): number {
  collectGarbage();
  collectGarbage();
  return process.memoryUsage().heapUsed;
}

const REQUESTS = Number(process.env.LOAD_REQUESTS ?? 20_000);
const CONCURRENCY = 32;
const KEYS = 100;
// One key in ten is faulty, in the ways a real upstream fails.
const FAULTS: Fault[] = [
  { kind: 'error', status: 503, code: 'ServiceUnavailable' },
  { kind: 'error', status: 429, code: 'Throttling.User' },
  { kind: 'reset' },
  { kind: 'malformed', status: 502, body: '<html>bad gateway</html>', contentType: 'text/html' },
  { kind: 'error', status: 403, code: 'Forbidden.RAM' },
];

describe('a bounded load with faults', () => {
  let harness: Harness;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    harness = await startHarness({
      env: { MMS_RETRY_MAX: '3', MMS_TIMEOUT_MS: '2000', MMS_BREAKER_THRESHOLD: '10000', LOG_LEVEL: 'warn' },
    });
    for (let id = 1; id <= KEYS; id += 1)
      harness.emulator.data.set(`5/${id}`, { id, sourceId: 5, tableName: `t${id}`, status: 'DONE', size: id * 1000 });
  });
  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await harness.close();
  });

  it(`serves ${REQUESTS} requests at ${CONCURRENCY} concurrent: no crash, well-formed answers, retries within budget, no leak`, {
    timeout: 120_000,
  }, async () => {
    // Warm up, then measure the heap from a steady state.
    for (let i = 0; i < 200; i += 1) await harness.query(`{ mmsPartition(sourceId: "5", partitionId: "${(i % KEYS) + 1}") { id } }`);
    const heapBefore = heapAfterGc();
    harness.emulator.reset();
    for (let id = 10; id <= KEYS; id += 10) harness.emulator.setFault(5, id, FAULTS[(id / 10) % FAULTS.length] as Fault);

    let next = 0;
    let wellFormed = 0;
    const samples: GraphQLAnswer[] = [];
    const worker = async () => {
      while (next < REQUESTS) {
        const n = next++;
        const id = (n % KEYS) + 1;
        const answer = await harness.query(`{ p: mmsPartition(sourceId: "5", partitionId: "${id}") { id tableName size } }`);
        const faulty = id % 10 === 0;
        const ok = faulty
          ? answer.data?.p === null && answer.errors?.length === 1 && typeof answer.errors[0]?.extensions?.code === 'string'
          : answer.errors === undefined && (answer.data?.p as { tableName?: string } | undefined)?.tableName === `t${id}`;
        if (ok && answer.status === 200) wellFormed += 1;
        // Answers of both kinds are kept for the secret check: failures are where a leak would be.
        if (n % 1000 === 0 || (faulty && n % 100 === 9)) samples.push(answer);
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));

    expect(wellFormed).toBe(REQUESTS);
    expect(unhandled).toEqual([]);
    const stats = harness.emulator.stats();
    const firstCalls = REQUESTS;
    // Every request is its own DataLoader, so each makes one first call; retries stay in budget.
    expect(stats.total - firstCalls).toBeLessThanOrEqual(Math.ceil(0.1 * stats.total) + 10);
    expect(stats.unexpectedPaths).toEqual([]);
    // The client library leaves each call's read timer pending until MMS_TIMEOUT_MS passes
    // (it holds that call's request until then): wait for those before judging the heap.
    await new Promise((resolve) => setTimeout(resolve, 2500));
    const heapGrowth = heapAfterGc() - heapBefore;
    expect(heapGrowth).toBeLessThan(32 * 1024 * 1024);
    expect(samples.filter((answer) => answer.errors).length).toBeGreaterThan(100);
    expect(harness.logs.some((line) => line.includes('GetMmsPartition failed'))).toBe(true);
    expectNoSecrets(harness, samples);
  });
});
