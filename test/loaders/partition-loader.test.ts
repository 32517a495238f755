import { describe, expect, it } from 'vitest';
import { staticCredential } from '../../src/app.js';
import { PartitionReader } from '../../src/cache/partition-reader.js';
import { PUBLISHED_EXAMPLE } from '../../src/emulator/data.js';
import { createPartitionLoader } from '../../src/loaders/partition-loader.js';
import { createLogger } from '../../src/logger.js';
import { MmsClient } from '../../src/upstream/mms-client.js';
import { type Partition, type PartitionKey, readPartitionResponse } from '../../src/upstream/partition.js';

// When a request's loader hands its batch to the reader, relative to the rest of the event loop's
// turn. The upstream is not under test here: the client answers in process and records the call.
describe('the partition loader', () => {
  it('dispatches its batch in the check phase, after the work already queued in this turn', async () => {
    const events: string[] = [];
    const answer = readPartitionResponse(
      JSON.stringify({ requestId: 'T', data: PUBLISHED_EXAMPLE }),
      { sourceId: '200018', partitionId: '2323' },
      null,
    );
    class RecordingClient extends MmsClient {
      override getPartition(key: PartitionKey): Promise<Partition> {
        events.push(`call ${key.partitionId}`);
        return Promise.resolve({ ...answer, sourceId: key.sourceId, id: key.partitionId });
      }
    }
    const client = new RecordingClient({
      endpoint: { protocol: 'http', host: '127.0.0.1:1' },
      credential: staticCredential('LTAITEST', 'secret'),
      timeoutMs: 1000,
      maxConcurrency: 4,
      maxQps: null,
      resilience: { maxRetries: 0, breakerThreshold: 5, breakerCooldownMs: 1000 },
      logger: createLogger('silent'),
    });
    const loader = createPartitionLoader(new PartitionReader(client, null), { maxKeys: 10, call: {} });

    // Queued first: stands for the other requests of this turn.
    setImmediate(() => events.push('check phase'));
    const loaded = Promise.all([
      loader.load({ sourceId: '200018', partitionId: '1' }),
      loader.load({ sourceId: '200018', partitionId: '2' }),
    ]);
    // Still one batch: loads made later in the same turn join it.
    await Promise.resolve();
    const later = loader.load({ sourceId: '200018', partitionId: '3' });
    await Promise.all([loaded, later]);
    expect(events).toEqual(['check phase', 'call 1', 'call 2', 'call 3']);
  });
});
