import type { Logger } from 'pino';
import { staticCredential } from '../src/app.js';
import { PUBLISHED_EXAMPLE } from '../src/emulator/data.js';
import { MmsClient } from '../src/upstream/mms-client.js';
import { type Partition, type PartitionKey, readPartitionResponse } from '../src/upstream/partition.js';

// The upstream of baseline B0 (and of tests about what happens around a call): the gateway's
// client with GetMmsPartition answered in process, the published example under the asked-for IDs.

const answer = readPartitionResponse(
  JSON.stringify({ requestId: 'IN-PROCESS', data: PUBLISHED_EXAMPLE }),
  { sourceId: '200018', partitionId: '2323' },
  null,
);

class InProcessAnswer extends MmsClient {
  override getPartition(key: PartitionKey): Promise<Partition> {
    return Promise.resolve({ ...answer, sourceId: key.sourceId, id: key.partitionId });
  }
}

/** A client that never reaches an upstream: its endpoint, key and limits are never used. */
export function inProcessAnswerClient(logger: Logger): InProcessAnswer {
  return new InProcessAnswer({
    endpoint: { protocol: 'http', host: '127.0.0.1:1' },
    credential: staticCredential('LTAIINPROCESS', 'unused'),
    timeoutMs: 1000,
    maxConcurrency: 16,
    maxQps: null,
    resilience: { maxRetries: 0, breakerThreshold: 5, breakerCooldownMs: 1000 },
    logger,
  });
}
