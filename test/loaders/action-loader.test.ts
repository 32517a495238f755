import { describe, expect, it } from 'vitest';
import { inProcessAnswerClient } from '../../bench/in-process-answer.js';
import { UpstreamReader } from '../../src/cache/upstream-reader.js';
import { createActionLoader } from '../../src/loaders/action-loader.js';
import { ReadBudget } from '../../src/loaders/budget.js';
import { createLogger } from '../../src/logger.js';
import { GET_MMS_PARTITION, partitionParams } from '../../src/upstream/actions/partition.js';

// When a request's loader dispatches its batch, relative to the rest of the event loop's turn.
// The upstream is not under test here: the client answers in process.
describe('an action loader', () => {
  it('dispatches one batch in the check phase, after the work already queued in this turn', async () => {
    const events: string[] = [];
    const reader = new UpstreamReader(inProcessAnswerClient(createLogger('silent')), null);
    const loader = createActionLoader(reader, GET_MMS_PARTITION, {
      budget: new ReadBudget(10),
      call: {},
      onBatch: (size) => events.push(`batch of ${size}`),
    });

    // Queued first: stands for the other requests of this turn.
    setImmediate(() => events.push('check phase'));
    const loaded = [
      loader.load(partitionParams({ sourceId: '200018', partitionId: '1' })),
      loader.load(partitionParams({ sourceId: '200018', partitionId: '2' })),
    ];
    // A load made after a promise job of the same turn still joins the batch.
    await Promise.resolve();
    loaded.push(loader.load(partitionParams({ sourceId: '200018', partitionId: '3' })));
    const partitions = await Promise.all(loaded);
    expect(events).toEqual(['check phase', 'batch of 3']);
    expect(partitions.map((partition) => partition.id)).toEqual(['1', '2', '3']);
  });
});
