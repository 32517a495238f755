import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMmsClient, staticCredential } from '../../src/app.js';
import { UpstreamReader } from '../../src/cache/upstream-reader.js';
import { loadConfig } from '../../src/config.js';
import { type Emulator, startEmulator } from '../../src/emulator/server.js';
import { createLogger } from '../../src/logger.js';
import { GatewayMetrics } from '../../src/observability/metrics.js';
import { PartitionWatch, WatchLimitError } from '../../src/watch/partition-watch.js';

// The watch itself, over the real client and the emulator: its limit counts a subscription's
// partitions when it is made, not when its stream is first read, and a stream given up before
// it was read leaves the partitions it held.

let emulator: Emulator;
let watch: PartitionWatch;

beforeAll(async () => {
  emulator = await startEmulator();
  const config = loadConfig({ MMS_CACHE: 'off' }, { emulator: true });
  const [key] = emulator.credentials;
  const logger = createLogger('silent');
  const client = createMmsClient(
    config,
    { protocol: 'http', host: emulator.endpoint },
    staticCredential(key?.accessKeyId ?? '', key?.accessKeySecret ?? ''),
    logger,
    new GatewayMetrics(),
    null,
  );
  watch = new PartitionWatch(new UpstreamReader(client, null), { ...config.watch, maxPartitions: 3, maxPolls: 2 }, logger);
});
afterAll(async () => {
  await watch?.close();
  await emulator?.close();
});

const key = (partitionId: string) => ({ sourceId: '200019', partitionId });

describe('a partition watch', () => {
  it('counts subscriptions made together against its limit, before either stream is read', async () => {
    const first = watch.watch([key('3001'), key('3002')]);
    expect(() => watch.watch([key('3003'), key('3004')])).toThrow(WatchLimitError);
    // One more fits, and a partition already watched costs nothing.
    const second = watch.watch([key('3003'), key('3001')]);
    expect(watch.load).toMatchObject({ partitions: 3, subscribers: 2 });
    const firstEvent = await first.next();
    expect(firstEvent.value).toMatchObject({ partition: { id: expect.stringMatching(/^300[12]$/) } });
    await first.return?.();
    await second.return?.();
    expect(watch.load).toMatchObject({ partitions: 0, subscribers: 0 });
  });

  it('hands what arrived before the stream was read to its first reads', async () => {
    let polled: () => void = () => {};
    const firstPoll = new Promise<void>((resolve) => {
      polled = resolve;
    });
    watch.reportTo({ onPoll: () => polled() });
    const stream = watch.watch([key('3001')]);
    // Its first state arrives while nobody reads; the next poll is an interval away.
    await firstPoll;
    const event = await Promise.race([stream.next(), new Promise((resolve) => setTimeout(() => resolve('nothing within 1 s'), 1_000))]);
    expect(event).toMatchObject({ value: { key: key('3001'), partition: { id: '3001' } } });
    await stream.return?.();
    expect(watch.load.partitions).toBe(0);
  });
});
