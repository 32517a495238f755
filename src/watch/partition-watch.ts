import { Repeater, SlidingBuffer } from '@graphql-yoga/subscription';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Logger } from 'pino';
import type { UpstreamReader } from '../cache/upstream-reader.js';
import type { CallParams, UpstreamAction } from '../upstream/action.js';
import { GET_MMS_PARTITION, partitionParams } from '../upstream/actions/partition.js';
import type { Partition, PartitionKey } from '../upstream/partition.js';
import { soloCoordinator, type WatchCoordinator } from './watch-cluster.js';

// Live partition status for many viewers from one poller per partition: however many
// subscribers watch a partition, it is read once per interval, and each change reaches all of
// them. A poll also refreshes the shared cache, and any fresh read of a watched partition (a
// query's, say) counts as a poll. Which process polls is the coordinator's call: this one
// alone, or one replica of the cluster (watch-cluster.ts).

export interface WatchSettings {
  /** Poll interval of a DOING partition. */
  activeMs: number;
  /** Of an INIT partition, one of unknown status, or one that could not be read. */
  idleMs: number;
  /** Of a DONE or FAILED one (a failed partition can be retried). */
  terminalMs: number;
  /** Distinct partitions this process watches at once. */
  maxPartitions: number;
  /** Polls in flight at once: at most half the upstream concurrency, so watching never starves queries. */
  maxPolls: number;
}

/** What a subscriber receives for one of its keys: the partition as it is now, or why it cannot be read. */
export type WatchEvent = { key: PartitionKey; partition: Partition } | { key: PartitionKey; error: unknown };

/** Raised when watching more partitions than MMS_WATCH_MAX_PARTITIONS. */
export class WatchLimitError extends Error {
  readonly code = 'LIMIT_EXCEEDED';
  constructor(readonly maxPartitions: number) {
    super(`This gateway already watches ${maxPartitions} partitions, its limit (MMS_WATCH_MAX_PARTITIONS).`);
  }
}

type Listener = (event: WatchEvent) => void;

/** Events kept for a subscriber that does not keep up. */
const SUBSCRIBER_BUFFER = 1000;

interface Watched {
  key: PartitionKey;
  params: CallParams;
  listeners: Set<Listener>;
  /** The last outcome sent, to tell a change from a repeat. */
  last: WatchEvent | null;
  timer: NodeJS.Timeout | null;
  polling: boolean;
  /** This process polls it (else another replica does, and its outcomes arrive through the coordinator). */
  leading: boolean;
}

/** The fields whose change is an event. */
function fingerprint(partition: Partition): string {
  const integer = (value: Partition['size']) => (value === null ? null : value.exact ? value.value : value.digits);
  return JSON.stringify([partition.status, integer(partition.size), integer(partition.numRows), partition.updated, partition.lastDdlTime]);
}

function errorCode(error: unknown): string {
  return typeof error === 'object' && error !== null && 'code' in error ? String((error as { code: unknown }).code) : 'ERROR';
}

function sameOutcome(a: WatchEvent | null, b: WatchEvent): boolean {
  if (a === null) return false;
  if ('partition' in a && 'partition' in b) return fingerprint(a.partition) === fingerprint(b.partition);
  return 'error' in a && 'error' in b && errorCode(a.error) === errorCode(b.error);
}

function idOf(key: PartitionKey): string {
  return `${key.sourceId}/${key.partitionId}`;
}

/** `ms` ±10%, so that pollers started together drift apart. */
function jittered(ms: number): number {
  return ms * (0.9 + Math.random() * 0.2);
}

export interface WatchMetrics {
  onPoll?(outcome: 'changed' | 'unchanged' | 'failed'): void;
  onEvents?(count: number): void;
}

export class PartitionWatch {
  private readonly watched = new Map<string, Watched>();
  private metrics: WatchMetrics = {};
  private readonly polls: LimitFunction;
  private subscribers = 0;
  private closed = false;
  /** Ends each open subscription's stream (shutdown). */
  private readonly endings = new Set<() => void>();

  constructor(
    private readonly reader: UpstreamReader,
    private readonly settings: WatchSettings,
    private readonly logger: Logger,
    private readonly coordinator: WatchCoordinator = soloCoordinator(),
  ) {
    this.polls = pLimit(Math.max(1, settings.maxPolls));
    reader.onFetched((action, params, result) => this.observe(action, params, result));
  }

  /** Reports polls and events to `metrics` from now on. */
  reportTo(metrics: WatchMetrics): void {
    this.metrics = metrics;
  }

  /** Partitions watched, those this process polls, and subscriptions open, for metrics. */
  get load(): { partitions: number; polled: number; subscribers: number } {
    return { partitions: this.watched.size, polled: this.coordinator.leases, subscribers: this.subscribers };
  }

  /**
   * Watches `keys` until `signal` aborts or the consumer stops: first each key's current state,
   * then an event whenever one of them changes. Refuses (before any call) keys that would take
   * the process past its limit of watched partitions.
   */
  watch(keys: readonly PartitionKey[], signal?: AbortSignal): AsyncIterableIterator<WatchEvent> {
    // Shutting down: the stream ends at once, and the client subscribes again elsewhere.
    if (this.closed) return new Repeater<WatchEvent>((_push, stop) => stop());
    const distinct = [...new Map(keys.map((key) => [idOf(key), key])).entries()];
    const added = distinct.filter(([id]) => !this.watched.has(id)).length;
    if (this.watched.size + added > this.settings.maxPartitions) throw new WatchLimitError(this.settings.maxPartitions);
    // Joined now, not when the stream is first read (a Repeater starts lazily), so that the
    // limit holds for subscriptions made together; what arrives before then waits here.
    const early: WatchEvent[] = [];
    let push: Listener | null = null;
    const listener: Listener = (event) => (push ? push(event) : void early.push(event));
    for (const [id, key] of distinct) this.join(id, key, listener);
    this.subscribers += 1;
    let left = false;
    const leave = () => {
      if (left) return;
      left = true;
      for (const [id] of distinct) this.leave(id, listener);
      this.subscribers -= 1;
    };
    let started = false;
    const stream = new Repeater<WatchEvent>(async (repeaterPush, stop) => {
      started = true;
      if (left || this.closed || signal?.aborted) {
        leave();
        stop();
        return;
      }
      push = (event) => void repeaterPush(event);
      for (const event of early.splice(0)) push(event);
      this.endings.add(stop);
      signal?.addEventListener('abort', () => stop(), { once: true });
      // Until the consumer returns, the request goes away, or the process shuts down.
      await stop;
      this.endings.delete(stop);
      leave();
      // A consumer far behind keeps the newest events (a partition's latest state is what counts).
    }, new SlidingBuffer(SUBSCRIBER_BUFFER));
    signal?.addEventListener(
      'abort',
      () => {
        if (!started) leave();
      },
      { once: true },
    );
    // A stream ended before it was read never runs its executor: it leaves here instead.
    return {
      next: () => stream.next(),
      return: (value?: unknown) => {
        if (!started) leave();
        return stream.return(value);
      },
      throw: (error?: unknown) => {
        if (!started) leave();
        return stream.throw(error);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
  }

  private join(id: string, key: PartitionKey, listener: Listener): void {
    let entry = this.watched.get(id);
    if (!entry) {
      const created: Watched = {
        key,
        params: partitionParams(key),
        listeners: new Set(),
        last: null,
        timer: null,
        polling: false,
        leading: false,
      };
      entry = created;
      this.watched.set(id, created);
      this.coordinator.join(id, {
        lead: (leading) => this.lead(created, leading),
        remote: (event) => {
          if (this.watched.get(id) === created) this.deliver(created, event);
        },
      });
    } else if (entry.last) {
      listener(entry.last);
      this.metrics.onEvents?.(1);
    }
    entry.listeners.add(listener);
  }

  private leave(id: string, listener: Listener): void {
    const entry = this.watched.get(id);
    if (!entry) return;
    entry.listeners.delete(listener);
    if (entry.listeners.size > 0) return;
    if (entry.timer) clearTimeout(entry.timer);
    this.watched.delete(id);
    this.coordinator.leave(id);
  }

  /** Polls from now on (at once: what it knows may be stale), or leaves it to the replica that does. */
  private lead(entry: Watched, leading: boolean): void {
    if (this.watched.get(idOf(entry.key)) !== entry) return;
    entry.leading = leading;
    if (leading) {
      this.poll(entry);
      return;
    }
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
  }

  private poll(entry: Watched): void {
    if (entry.polling || !entry.leading) return;
    entry.polling = true;
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    void this.polls(() =>
      // Past the shared cache, which the answer refreshes; `observe` hears the result.
      this.reader.read(GET_MMS_PARTITION, entry.params, { bypassCache: true, logger: this.logger }),
    )
      .catch((error: unknown) => {
        if (this.watched.get(idOf(entry.key)) !== entry) return;
        this.metrics.onPoll?.('failed');
        const event: WatchEvent = { key: entry.key, error };
        this.coordinator.share(idOf(entry.key), event, this.deliver(entry, event));
        this.schedule(entry, this.settings.idleMs);
      })
      .finally(() => {
        entry.polling = false;
      });
  }

  /** A fresh upstream answer of any read: for a watched partition, it is the newest state. */
  private observe(action: UpstreamAction<unknown>, params: CallParams, result: unknown): void {
    if (action !== GET_MMS_PARTITION) return;
    const id = `${params.path.sourceId}/${params.path.partitionId}`;
    const entry = this.watched.get(id);
    if (!entry) return;
    const partition = result as Partition;
    const event: WatchEvent = { key: entry.key, partition };
    const changed = this.deliver(entry, event);
    this.metrics.onPoll?.(changed ? 'changed' : 'unchanged');
    this.coordinator.share(id, event, changed);
    const { status } = partition;
    this.schedule(
      entry,
      status === 'DOING'
        ? this.settings.activeMs
        : status === 'DONE' || status === 'FAILED'
          ? this.settings.terminalMs
          : this.settings.idleMs,
    );
  }

  /** Sends `event` to the partition's subscribers unless it repeats the last one; says whether it did. */
  private deliver(entry: Watched, event: WatchEvent): boolean {
    if (sameOutcome(entry.last, event)) return false;
    entry.last = event;
    for (const listener of entry.listeners) listener(event);
    this.metrics.onEvents?.(entry.listeners.size);
    return true;
  }

  private schedule(entry: Watched, ms: number): void {
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    if (!entry.leading) return;
    entry.timer = setTimeout(() => this.poll(entry), jittered(ms));
    entry.timer.unref();
  }

  /** Ends every subscription's stream and stops every poller (shutdown: open streams would hold it up). */
  async close(): Promise<void> {
    this.closed = true;
    this.polls.clearQueue();
    for (const end of [...this.endings]) end();
    for (const entry of this.watched.values()) if (entry.timer) clearTimeout(entry.timer);
    this.watched.clear();
    // Leases are let go, so that the other replicas take over at once.
    await this.coordinator.close();
  }
}
