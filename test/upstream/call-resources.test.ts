import { createHook } from 'node:async_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

/** Timers started and neither fired nor cleared since `start()`, unreferenced ones included. */
function timerWatch() {
  const pending = new Set<number>();
  const hook = createHook({
    init: (id, type) => {
      if (type === 'Timeout') pending.add(id);
    },
    destroy: (id) => void pending.delete(id),
  });
  return {
    start: () => hook.enable(),
    stop: () => {
      hook.disable();
      return pending.size;
    },
  };
}

describe('a finished upstream call', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ env: { MMS_TIMEOUT_MS: '60000' } });
  });
  afterAll(() => harness.close());

  it('leaves no timer behind, so nothing of it stays in memory until MMS_TIMEOUT_MS', async () => {
    await harness.query('{ mmsPartition(sourceId: "200018", partitionId: "2323") { id } }');
    const timers = timerWatch();
    timers.start();
    for (let i = 0; i < 50; i += 1) {
      const answer = await harness.query('{ mmsPartition(sourceId: "200018", partitionId: "2323") { tableName } }');
      expect(answer.data).toEqual({ mmsPartition: { tableName: 't1' } });
    }
    expect(harness.emulator.stats().total).toBe(51);
    // Without the release, each of the 50 calls keeps its 60 s read timer.
    expect(timers.stop()).toBeLessThan(5);
  });
});
