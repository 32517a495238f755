import type { Logger } from 'pino';
import { staticCredential } from '../src/app.js';
import { PUBLISHED_EXAMPLE, PUBLISHED_EXAMPLE_KEY } from '../src/emulator/data.js';
import { type CallParams, readAnswer, type UpstreamAction } from '../src/upstream/action.js';
import { GET_MMS_PARTITION, partitionParams } from '../src/upstream/actions/partition.js';
import { MmsClient } from '../src/upstream/mms-client.js';
import type { Partition } from '../src/upstream/partition.js';

// The upstream of baseline B0 (and of tests about what happens around a call): the gateway's
// client with GetMmsPartition answered in process, the published example under the asked-for IDs.

const { result: answer } = readAnswer(
  GET_MMS_PARTITION,
  partitionParams(PUBLISHED_EXAMPLE_KEY),
  JSON.stringify({ requestId: 'IN-PROCESS', data: PUBLISHED_EXAMPLE }),
  null,
);

class InProcessAnswer extends MmsClient {
  constructor(
    options: ConstructorParameters<typeof MmsClient>[0],
    private readonly beforeAnswer: (() => Promise<unknown>) | undefined,
  ) {
    super(options);
  }

  override call<Result>(action: UpstreamAction<Result>, params: CallParams): Promise<Result> {
    if (action !== GET_MMS_PARTITION) return Promise.reject(new Error(`${action.name} is not answered in process`));
    const partition: Partition = { ...answer, sourceId: params.path.sourceId ?? '', id: params.path.partitionId ?? '' };
    // GetMmsPartition's result is a Partition: checked just above.
    const result = partition as Result;
    return this.beforeAnswer ? this.beforeAnswer().then(() => result) : Promise.resolve(result);
  }
}

/**
 * A client that never reaches an upstream itself: its endpoint, key and limits are never used.
 * `beforeAnswer`, when given, is awaited before each answer (Z1: a bare client library call).
 */
export function inProcessAnswerClient(logger: Logger, beforeAnswer?: () => Promise<unknown>): InProcessAnswer {
  return new InProcessAnswer(
    {
      endpoint: { protocol: 'http', host: '127.0.0.1:1' },
      credential: staticCredential('LTAIINPROCESS', 'unused'),
      timeoutMs: 1000,
      maxConcurrency: 16,
      quota: null,
      resilience: { maxRetries: 0, breakerThreshold: 5, breakerCooldownMs: 1000 },
      logger,
    },
    beforeAnswer,
  );
}
