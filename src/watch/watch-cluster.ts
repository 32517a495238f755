import { randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { ChainableCommander, Redis } from 'ioredis';
import type { Logger } from 'pino';
import { UPSTREAM_ERROR_CODES, UpstreamError, type UpstreamErrorCode } from '../upstream/errors.js';
import type { WatchEvent } from './partition-watch.js';

// Who polls a watched partition when several replicas watch it. Alone, a process polls what it
// watches. With Redis, one replica holds a lease per partition and polls it; what it sees is
// published, and every replica's subscribers get it. When the holder dies its lease expires and
// another replica watching the partition takes it over.

/** What the coordinator tells a watched partition. */
export interface CoordinatedPartition {
  /** This process now polls the partition (true), or another replica does (false). */
  lead(leading: boolean): void;
  /** An outcome seen by another replica (or kept in Redis as the latest state). */
  remote(event: WatchEvent): void;
}

export interface WatchCoordinator {
  join(id: string, partition: CoordinatedPartition): void;
  leave(id: string): void;
  /**
   * An outcome this process saw (its poll, or a query's fresh read): kept as the partition's
   * latest state and, when it is a change, published to the other replicas.
   */
  share(id: string, event: WatchEvent, changed: boolean): void;
  /** Partitions this process polls for the cluster (leases held). */
  readonly leases: number;
  close(): Promise<void>;
}

/** Without Redis: this process polls everything it watches. */
export function soloCoordinator(): WatchCoordinator {
  let watched = 0;
  return {
    join: (_id, partition) => {
      watched += 1;
      partition.lead(true);
    },
    leave: () => {
      watched -= 1;
    },
    share: () => {},
    get leases() {
      return watched;
    },
    close: async () => {},
  };
}

export interface ClusterWatchSettings {
  redisUrl: string;
  redisTimeoutMs: number;
  /** How long a lease lives without renewal: the longest a dead holder's partitions go unpolled. */
  leaseMs: number;
  /** How long the latest state is kept for replicas that start watching. */
  stateTtlMs: number;
  /** Whose partitions these are: the upstream endpoint and AccessKeyId (IDs are per account). */
  scope: () => Promise<string>;
  logger: Logger;
}

/** How long start-up waits for Redis before going on without it (it may come later). */
const STARTUP_WAIT_MS = 1000;

// Renew or release the lease only while this replica still holds it.
const RENEW = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end`;
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

interface LeaseCommands<T> {
  renewLease(key: string, holder: string, ms: number): T;
  releaseLease(key: string, holder: string): T;
}
type LeasePipeline = ChainableCommander & LeaseCommands<ChainableCommander>;
type LeaseRedis = Redis & LeaseCommands<Promise<number>>;

/** A watch event as it travels between replicas (errors lose their class on the way). */
type WireEvent =
  | { key: WatchEvent['key']; partition: Extract<WatchEvent, { partition: unknown }>['partition'] }
  | {
      key: WatchEvent['key'];
      error: { code: string; message: string; upstreamCode: string | null; upstreamRequestId: string | null; httpStatus: number | null };
    };

/** A message on a partition's channel: an outcome, or word that its holder let the lease go. */
type ClusterMessage = { from: string; event: WireEvent } | { from: string; released: true };

function toWire(event: WatchEvent): WireEvent {
  if ('partition' in event) return event;
  const { error } = event;
  if (error instanceof UpstreamError) {
    const { code, message, upstreamCode, upstreamRequestId, httpStatus } = error;
    return { key: event.key, error: { code, message, upstreamCode, upstreamRequestId, httpStatus } };
  }
  // Anything else is the gateway's own fault: its details stay in this process's log.
  return {
    key: event.key,
    error: {
      code: 'UPSTREAM_ERROR',
      message: 'The partition could not be read.',
      upstreamCode: null,
      upstreamRequestId: null,
      httpStatus: null,
    },
  };
}

function fromWire(event: WireEvent): WatchEvent {
  if ('partition' in event) return event;
  const { code, message, upstreamCode, upstreamRequestId, httpStatus } = event.error;
  const known = (UPSTREAM_ERROR_CODES as readonly string[]).includes(code) ? (code as UpstreamErrorCode) : 'UPSTREAM_ERROR';
  return { key: event.key, error: new UpstreamError(known, message, { upstreamCode, upstreamRequestId, httpStatus }) };
}

interface Coordinated {
  partition: CoordinatedPartition;
  leading: boolean;
  /** Leading with the lease held; false while leading only because Redis could not be asked. */
  leased: boolean;
  left: boolean;
  retry: NodeJS.Timeout | null;
  onMessage: (event: CustomEvent) => void;
  keys: { lease: string; state: string; channel: string } | null;
}

/** Replicas share pollers through Redis: a lease per partition, pub/sub for its changes. */
export async function clusterCoordinator(settings: ClusterWatchSettings): Promise<WatchCoordinator> {
  const { Redis } = await import('ioredis');
  const options = { commandTimeout: settings.redisTimeoutMs, enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false };
  const redis = new Redis(settings.redisUrl, options) as LeaseRedis;
  // The subscriber waits for its channels to come back after an outage (ioredis resubscribes).
  const subscriber = new Redis(settings.redisUrl, { maxRetriesPerRequest: null });
  await Promise.race([once(redis, 'ready'), new Promise((resolve) => setTimeout(resolve, STARTUP_WAIT_MS).unref())]).catch(() => {});
  redis.defineCommand('renewLease', { numberOfKeys: 1, lua: RENEW });
  redis.defineCommand('releaseLease', { numberOfKeys: 1, lua: RELEASE });
  let outageLogged = false;
  const outage = (error: unknown) => {
    if (outageLogged) return;
    outageLogged = true;
    settings.logger.warn({ err: error }, 'Redis unavailable for live status: each replica polls what it watches until it returns');
  };
  redis.on('error', outage);
  subscriber.on('error', outage);
  redis.on('ready', () => {
    if (outageLogged) settings.logger.info('Redis available again for live status');
    outageLogged = false;
  });
  const events = createRedisEventTarget({ publishClient: redis, subscribeClient: subscriber });
  const me = randomUUID();
  const entries = new Map<string, Coordinated>();
  let scope: Promise<string> | null = null;
  const keysOf = async (id: string) => {
    scope ??= settings.scope();
    const prefix = `mms:watch:v1:${await scope}`;
    return { lease: `${prefix}:lease:${id}`, state: `${prefix}:state:${id}`, channel: `${prefix}:events:${id}` };
  };

  const setLeading = (entry: Coordinated, leading: boolean, leased: boolean) => {
    entry.leased = leased;
    if (entry.leading === leading) return;
    entry.leading = leading;
    entry.partition.lead(leading);
  };

  // Take the lease if it is free; if not, follow, and try again when it would expire.
  const contend = async (entry: Coordinated, withState: boolean) => {
    if (entry.left || !entry.keys) return;
    if (entry.retry) clearTimeout(entry.retry);
    entry.retry = null;
    try {
      const [[, taken], [, state], [, ttl]] = (await redis
        .multi()
        .set(entry.keys.lease, me, 'PX', settings.leaseMs, 'NX')
        .get(entry.keys.state)
        .pttl(entry.keys.lease)
        .exec()) as [[unknown, string | null], [unknown, string | null], [unknown, number]];
      if (entry.left) {
        if (taken === 'OK') void redis.releaseLease(entry.keys.lease, me).catch(() => {});
        return;
      }
      if (taken === 'OK') {
        setLeading(entry, true, true);
        return;
      }
      setLeading(entry, false, false);
      if (withState && state !== null) entry.partition.remote(fromWire(JSON.parse(state) as WireEvent));
      const wait = ttl > 0 ? ttl + 20 : settings.leaseMs;
      entry.retry = setTimeout(() => void contend(entry, false), wait);
      entry.retry.unref();
    } catch (error) {
      // Without Redis nobody can be told who polls: poll it here, and ask again later.
      outage(error);
      if (entry.left) return;
      setLeading(entry, true, false);
    }
  };

  // Holders renew their leases together, a third of a lease apart; lost ones go back to following.
  const renewal = setInterval(
    () =>
      void (async () => {
        const held = [...entries.values()].filter((entry) => entry.leading && entry.keys);
        if (held.length === 0) return;
        const unleased = held.filter((entry) => !entry.leased);
        for (const entry of unleased) await contend(entry, false);
        const leased = held.filter((entry) => entry.leased);
        if (leased.length === 0) return;
        const pipeline = redis.pipeline() as LeasePipeline;
        for (const entry of leased) pipeline.renewLease(entry.keys?.lease ?? '', me, settings.leaseMs);
        try {
          const results = (await pipeline.exec()) ?? [];
          leased.forEach((entry, index) => {
            const [error, renewed] = results[index] ?? [null, null];
            // Not ours any more (it expired while Redis was away, say): take it back or follow.
            if (!error && renewed === 0) void contend(entry, false);
          });
        } catch (error) {
          outage(error);
        }
      })(),
    Math.max(100, Math.floor(settings.leaseMs / 3)),
  );
  renewal.unref();

  return {
    join: (id, partition) => {
      const entry: Coordinated = {
        partition,
        leading: false,
        leased: false,
        left: false,
        retry: null,
        keys: null,
        onMessage: (event) => {
          const message = event.detail as ClusterMessage;
          if (message.from === me || entry.left) return;
          if ('released' in message) void contend(entry, false);
          else entry.partition.remote(fromWire(message.event));
        },
      };
      entries.set(id, entry);
      void keysOf(id).then(
        (keys) => {
          if (entry.left) return;
          entry.keys = keys;
          // Listening before asking for the state, so that a change published in between is not
          // missed (bar a race of the two connections; the next change would put it right).
          events.addEventListener(keys.channel, entry.onMessage);
          return contend(entry, true);
        },
        (error: unknown) => {
          // The identity could not be resolved (yet): poll here, and ask for it again next time.
          scope = null;
          settings.logger.warn({ err: error }, 'live status: no upstream identity to share pollers under; polling here');
          if (!entry.left) setLeading(entry, true, false);
        },
      );
    },
    leave: (id) => {
      const entry = entries.get(id);
      if (!entry) return;
      entries.delete(id);
      entry.left = true;
      if (entry.retry) clearTimeout(entry.retry);
      const { keys } = entry;
      if (!keys) return;
      events.removeEventListener(keys.channel, entry.onMessage);
      if (!entry.leased) return;
      // Let go at once, and say so: a replica still watching takes over now, not at expiry.
      void redis
        .releaseLease(keys.lease, me)
        .then(() => redis.publish(keys.channel, JSON.stringify({ from: me, released: true } satisfies ClusterMessage)))
        .catch(() => {});
    },
    share: (id, event, changed) => {
      const keys = entries.get(id)?.keys;
      if (!keys) return;
      const wire = JSON.stringify(toWire(event));
      const pipeline = redis.pipeline().set(keys.state, wire, 'PX', settings.stateTtlMs);
      if (changed) pipeline.publish(keys.channel, JSON.stringify({ from: me, event: toWire(event) } satisfies ClusterMessage));
      void pipeline.exec().catch(outage);
    },
    get leases() {
      let held = 0;
      for (const entry of entries.values()) if (entry.leading) held += 1;
      return held;
    },
    close: async () => {
      clearInterval(renewal);
      const held = [...entries.values()].filter((entry) => entry.leased && entry.keys);
      for (const entry of entries.values()) if (entry.retry) clearTimeout(entry.retry);
      entries.clear();
      if (held.length > 0) {
        const pipeline = redis.pipeline() as LeasePipeline;
        for (const entry of held) pipeline.releaseLease(entry.keys?.lease ?? '', me);
        await pipeline.exec().catch(() => {});
      }
      redis.disconnect();
      subscriber.disconnect();
    },
  };
}
