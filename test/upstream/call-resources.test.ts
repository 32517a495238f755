import { createHook } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

const MMS_TIMEOUT_MS = 47_000;

/**
 * Timers of `durationMs` started and neither fired nor cleared since `start()`, unreferenced ones
 * included (the duration tells the upstream call's timers from the test runner's and others').
 */
function timerWatch(durationMs: number) {
  const pending = new Set<number>();
  const hook = createHook({
    init: (id, type, _trigger, resource) => {
      if (type === 'Timeout' && (resource as { _idleTimeout?: number })._idleTimeout === durationMs) pending.add(id);
    },
    destroy: (id) => void pending.delete(id),
  });
  return {
    start: () => hook.enable(),
    stop: async () => {
      // Destroy hooks of cleared timers are emitted asynchronously.
      await new Promise((resolve) => setImmediate(resolve));
      hook.disable();
      return pending.size;
    },
  };
}

describe('a finished upstream call', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ env: { MMS_TIMEOUT_MS: String(MMS_TIMEOUT_MS) } });
  });
  afterAll(() => harness.close());

  it('leaves no timer behind, so nothing of it stays in memory until MMS_TIMEOUT_MS', async () => {
    await harness.query('{ mmsPartition(sourceId: "200018", partitionId: "2323") { id } }');
    const timers = timerWatch(MMS_TIMEOUT_MS);
    timers.start();
    for (let i = 0; i < 50; i += 1) {
      const answer = await harness.query('{ mmsPartition(sourceId: "200018", partitionId: "2323") { tableName } }');
      expect(answer.data).toEqual({ mmsPartition: { tableName: 't1' } });
    }
    expect(harness.emulator.stats().total).toBe(51);
    // Without the release, each of the 50 calls keeps its read timer until MMS_TIMEOUT_MS.
    expect(await timers.stop()).toBeLessThan(3);
  });
});
