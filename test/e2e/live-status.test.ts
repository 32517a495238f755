import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';
import { subscribeOverSse as subscribe } from '../support/subscriptions.js';

// Live partition status over Server-Sent Events, against the emulator: one poller per
// partition whatever the number of subscribers, changes pushed to all, polling stopped
// when the last subscriber leaves.

const KEY = { sourceId: '5', partitionId: '1' };

/** The code of an event's first error. */
function firstCode(event: Record<string, unknown> | undefined): unknown {
  const errors = (event?.errors ?? []) as { extensions?: { code?: string } }[];
  return errors[0]?.extensions?.code;
}

describe('live partition status over SSE', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ env: { MMS_WATCH_ACTIVE_S: '1', MMS_WATCH_IDLE_S: '1', MMS_WATCH_TERMINAL_S: '1' } });
    harness.emulator.data.set('5/1', { id: 1, sourceId: 5, tableName: 'live', status: 'DOING', size: 100 });
  });
  afterAll(() => harness.close());

  it('serves 100 subscribers of one partition from one poller, pushes a change to all, and stops polling when they leave', async () => {
    harness.emulator.reset();
    const streams = await Promise.all(Array.from({ length: 100 }, () => subscribe(harness.url, { keys: [KEY] })));
    for (const stream of streams)
      expect((await stream.waitFor(1, 5_000))[0]).toEqual({ data: { mmsPartitionChanged: { id: '1', status: 'DOING', size: 100 } } });
    const metrics = await (await fetch(`${harness.url}/metrics`)).text();
    expect(metrics).toMatch(/^mms_watch_partitions 1$/m);
    expect(metrics).toMatch(/^mms_watch_subscribers 100$/m);
    expect(metrics).toMatch(/^mms_watch_events_total 100$/m);
    const opened = Date.now();
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    const calls = harness.emulator.calls(5, 1);
    const seconds = (Date.now() - opened) / 1000;
    // One call to open, then about one per interval (1 s ± 10%): never one per subscriber.
    expect(calls).toBeGreaterThanOrEqual(2);
    expect(calls).toBeLessThanOrEqual(Math.ceil(seconds / 0.9) + 1);

    harness.emulator.data.set('5/1', { id: 1, sourceId: 5, tableName: 'live', status: 'DONE', size: 200 });
    const flipped = Date.now();
    for (const stream of streams) {
      const events = await stream.waitFor(2, 2_500);
      expect(events[1]).toEqual({ data: { mmsPartitionChanged: { id: '1', status: 'DONE', size: 200 } } });
    }
    // Within one interval and a second.
    expect(Date.now() - flipped).toBeLessThan(1_100 + 1_000);
    // Unchanged polls send nothing.
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect(streams.every((stream) => stream.events.length === 2)).toBe(true);

    for (const stream of streams) stream.close();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    const afterLeaving = harness.emulator.calls(5, 1);
    await new Promise((resolve) => setTimeout(resolve, 2_500));
    expect(harness.emulator.calls(5, 1)).toBe(afterLeaving);
    const after = await (await fetch(`${harness.url}/metrics`)).text();
    expect(after).toMatch(/^mms_watch_partitions 0$/m);
    expect(after).toMatch(/^mms_watch_subscribers 0$/m);
    expect(after).toMatch(/^mms_watch_events_total 200$/m);
    expect(after).toMatch(/^mms_watch_polls_total\{outcome="changed"\} 2$/m);
  }, 30_000);

  it('sends an error event for a key that cannot be read and keeps watching it; refuses bad keys before any call', async () => {
    harness.emulator.reset();
    const stream = await subscribe(harness.url, { keys: [{ sourceId: '5', partitionId: '404' }] });
    const [first] = await stream.waitFor(1, 5_000);
    expect(firstCode(first)).toBe('NOT_FOUND');
    harness.emulator.data.set('5/404', { id: 404, sourceId: 5, tableName: 'late', status: 'INIT' });
    const events = await stream.waitFor(2, 3_000);
    expect(events[1]).toEqual({ data: { mmsPartitionChanged: { id: '404', status: 'INIT', size: null } } });
    stream.close();

    harness.emulator.reset();
    const bad = await subscribe(harness.url, { keys: [{ sourceId: '5', partitionId: 'x' }] });
    const [refused] = await bad.waitFor(1, 5_000);
    expect(firstCode(refused)).toBe('BAD_USER_INPUT');
    bad.close();
    expect(harness.emulator.stats().total).toBe(0);
  }, 20_000);
});

describe('the limit of watched partitions', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ env: { MMS_WATCH_MAX_PARTITIONS: '2' } });
  });
  afterAll(() => harness.close());

  it('refuses a subscription that would watch more partitions than MMS_WATCH_MAX_PARTITIONS with LIMIT_EXCEEDED, polling nothing for it', async () => {
    const first = await subscribe(harness.url, { keys: [{ sourceId: '200018', partitionId: '2323' }] });
    await first.waitFor(1, 5_000);
    harness.emulator.reset();
    const refused = await subscribe(harness.url, {
      keys: [
        { sourceId: '200019', partitionId: '3001' },
        { sourceId: '200019', partitionId: '3002' },
      ],
    });
    const [event] = await refused.waitFor(1, 5_000);
    expect(firstCode(event)).toBe('LIMIT_EXCEEDED');
    expect(harness.emulator.calls(200019, 3001) + harness.emulator.calls(200019, 3002)).toBe(0);
    // A partition already watched costs nothing more.
    const again = await subscribe(harness.url, { keys: [{ sourceId: '200018', partitionId: '2323' }] });
    expect((await again.waitFor(1, 5_000))[0]).toMatchObject({ data: { mmsPartitionChanged: { id: '2323' } } });
    for (const stream of [first, refused, again]) stream.close();
  });
});

describe("npm start's moving demo", () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({
      env: { MMS_WATCH_ACTIVE_S: '1', MMS_WATCH_IDLE_S: '1' },
      emulator: { movingDemo: true, jobStepMs: 150 },
    });
  });
  afterAll(() => harness.close());

  it('moves waiting demo partitions to DONE, and the live feed shows it without asking again', async () => {
    const stream = await subscribe(harness.url, { keys: [{ sourceId: '200019', partitionId: '8171' }] });
    const until = Date.now() + 8_000;
    const statuses = () =>
      stream.events.map((event) => (event.data as { mmsPartitionChanged: { status: string } }).mmsPartitionChanged.status);
    while (statuses().at(-1) !== 'DONE' && Date.now() < until)
      await stream.waitFor(stream.events.length + 1, until - Date.now()).catch(() => {});
    stream.close();
    expect(statuses()[0]).toBe('DOING');
    expect(statuses().at(-1)).toBe('DONE');
    // A partition of a job the demo leaves alone stays as it was.
    const still = await harness.query('{ mmsPartition(sourceId: "200019", partitionId: "8001") { status } }');
    expect(still.data).toEqual({ mmsPartition: { status: 'DONE' } });
  }, 15_000);
});
