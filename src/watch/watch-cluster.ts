import { randomUUID } from 'node:crypto';
import type { ChainableCommander, Redis } from 'ioredis';
import type { Logger } from 'pino';
import { connectRedis } from '../redis.js';
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

// Claims a partition's lease for ARGV[1]: takes it when free, renews it when already ours
// (a claim whose answer was lost must not leave the holder following itself). Answers
// {held, lease time left in ms, latest state or nil}.
const CLAIM = `
local holder = redis.call('get', KEYS[1])
if (not holder) or holder == ARGV[1] then
  redis.call('set', KEYS[1], ARGV[1], 'PX', ARGV[2])
  return {1, tonumber(ARGV[2]), redis.call('get', KEYS[2])}
end
return {0, redis.call('pttl', KEYS[1]), redis.call('get', KEYS[2])}`;
// Lets the lease go only while this replica still holds it.
const RELEASE = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

interface LeaseCommands<T> {
  claimLease(lease: string, state: string, holder: string, ms: number): T;
  releaseLease(lease: string, holder: string): T;
}
type LeasePipeline = ChainableCommander & LeaseCommands<ChainableCommander>;
type LeaseRedis = Redis & LeaseCommands<Promise<unknown>>;
type Claim = [held: number, ttlMs: number, state: string | null];

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
  keys: { lease: string; state: string; channel: string } | null;
}

/** Replicas share pollers through Redis: a lease per partition, pub/sub for its changes. */
export async function clusterCoordinator(settings: ClusterWatchSettings): Promise<WatchCoordinator> {
  let outageLogged = false;
  const outage = (error: unknown) => {
    if (outageLogged) return;
    outageLogged = true;
    settings.logger.warn({ err: error }, 'Redis unavailable for live status: each replica polls what it watches until it returns');
  };
  const [connection, subscriber] = await Promise.all([
    // Commands fail fast while Redis is away (nothing queues): the replica then polls by itself.
    connectRedis(settings.redisUrl, {
      redis: { commandTimeout: settings.redisTimeoutMs, enableOfflineQueue: false, maxRetriesPerRequest: 1 },
      onError: outage,
      onReady: () => {
        if (outageLogged) settings.logger.info('Redis available again for live status');
        outageLogged = false;
      },
    }),
    // The subscriber waits for Redis instead, and ioredis subscribes its channels again on return.
    connectRedis(settings.redisUrl, { redis: { maxRetriesPerRequest: null }, onError: outage, noStartupWait: true }),
  ]);
  const redis = connection as LeaseRedis;
  redis.defineCommand('claimLease', { numberOfKeys: 2, lua: CLAIM });
  redis.defineCommand('releaseLease', { numberOfKeys: 1, lua: RELEASE });
  const me = randomUUID();
  const entries = new Map<string, Coordinated>();
  const byChannel = new Map<string, Coordinated>();
  let closed = false;
  let scope: Promise<string> | null = null;
  const keysOf = async (id: string) => {
    scope ??= settings.scope();
    const prefix = `mms:watch:v1:${await scope}`;
    return { lease: `${prefix}:lease:${id}`, state: `${prefix}:state:${id}`, channel: `${prefix}:events:${id}` };
  };
  const ignore = () => {};

  const setLeading = (entry: Coordinated, leading: boolean, leased: boolean) => {
    entry.leased = leased;
    if (entry.leading === leading) return;
    entry.leading = leading;
    entry.partition.lead(leading);
  };

  // What a claim answered: lead, or follow (with the latest state) and claim again when the lease would expire.
  const settle = (entry: Coordinated, [held, ttlMs, state]: Claim) => {
    if (entry.left) {
      if (held === 1 && entry.keys) void redis.releaseLease(entry.keys.lease, me).catch(ignore);
      return;
    }
    if (held === 1) {
      setLeading(entry, true, true);
      return;
    }
    setLeading(entry, false, false);
    // Repeats are dropped by the watch: the state can be handed over on every claim.
    if (state) entry.partition.remote(fromWire(JSON.parse(state) as WireEvent));
    if (entry.retry) clearTimeout(entry.retry);
    entry.retry = setTimeout(() => void claim(entry), ttlMs > 0 ? ttlMs + 20 : settings.leaseMs);
    entry.retry.unref();
  };

  // Without Redis nobody can be told who polls: poll here, and claim again at the next renewal.
  const pollAlone = (entry: Coordinated, error: unknown) => {
    outage(error);
    if (!entry.left) setLeading(entry, true, false);
  };

  const claim = async (entry: Coordinated) => {
    if (entry.left || !entry.keys) return;
    if (entry.retry) clearTimeout(entry.retry);
    entry.retry = null;
    try {
      settle(entry, (await redis.claimLease(entry.keys.lease, entry.keys.state, me, settings.leaseMs)) as Claim);
    } catch (error) {
      pollAlone(entry, error);
    }
  };

  // Holders renew their leases together, a third of a lease apart (one pipeline); a lease found
  // taken by another replica makes this one follow.
  let renewing = false;
  const renew = async () => {
    const held = [...entries.values()].filter((entry) => entry.leading && entry.keys);
    if (renewing || held.length === 0) return;
    renewing = true;
    try {
      const pipeline = redis.pipeline() as LeasePipeline;
      for (const entry of held) if (entry.keys) pipeline.claimLease(entry.keys.lease, entry.keys.state, me, settings.leaseMs);
      const results = (await pipeline.exec()) ?? [];
      held.forEach((entry, index) => {
        const [error, answer] = results[index] ?? [new Error('no answer'), null];
        if (error) pollAlone(entry, error);
        else settle(entry, answer as Claim);
      });
    } catch (error) {
      for (const entry of held) pollAlone(entry, error);
    } finally {
      renewing = false;
    }
  };
  const renewal = setInterval(() => void renew(), Math.max(100, Math.floor(settings.leaseMs / 3)));
  renewal.unref();

  subscriber.on('message', (channel: string, text: string) => {
    const entry = byChannel.get(channel);
    if (!entry || entry.left) return;
    // Whatever arrives on the channel, nothing in it may throw inside ioredis's socket handler.
    try {
      const message = JSON.parse(text) as ClusterMessage | null;
      if (typeof message !== 'object' || message === null || message.from === me) return;
      if ('released' in message) void claim(entry);
      else if ('event' in message) entry.partition.remote(fromWire(message.event));
    } catch (error) {
      settings.logger.warn({ err: error, channel }, 'live status: a message from another replica could not be read');
    }
  });
  // Back after an outage: what was published meanwhile is lost, so followers read the state again.
  subscriber.on('ready', () => {
    for (const entry of entries.values()) if (!entry.leading) void claim(entry);
  });

  return {
    join: (id, partition) => {
      if (closed) return;
      const entry: Coordinated = { partition, leading: false, leased: false, left: false, retry: null, keys: null };
      entries.set(id, entry);
      void keysOf(id).then(
        (keys) => {
          if (entry.left) return;
          entry.keys = keys;
          byChannel.set(keys.channel, entry);
          // Listening before claiming, so that a change published in between is not missed (bar
          // a race of the two connections: the next claim or change puts it right).
          subscriber.subscribe(keys.channel).catch(ignore);
          return claim(entry);
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
      byChannel.delete(keys.channel);
      subscriber.unsubscribe(keys.channel).catch(ignore);
      if (!entry.leased) return;
      // Let go at once, and say so: a replica still watching takes over now, not at expiry.
      const released = JSON.stringify({ from: me, released: true } satisfies ClusterMessage);
      void (redis.pipeline() as LeasePipeline).releaseLease(keys.lease, me).publish(keys.channel, released).exec().catch(ignore);
    },
    share: (id, event, changed) => {
      const keys = entries.get(id)?.keys;
      if (!keys) return;
      const wire = toWire(event);
      const pipeline = redis.pipeline().set(keys.state, JSON.stringify(wire), 'PX', settings.stateTtlMs);
      if (changed) pipeline.publish(keys.channel, JSON.stringify({ from: me, event: wire } satisfies ClusterMessage));
      void pipeline.exec().catch(outage);
    },
    get leases() {
      let held = 0;
      for (const entry of entries.values()) if (entry.leading) held += 1;
      return held;
    },
    close: async () => {
      if (closed) return;
      closed = true;
      clearInterval(renewal);
      const held = [...entries.values()].filter((entry) => entry.leased && entry.keys);
      for (const entry of entries.values()) {
        entry.left = true;
        if (entry.retry) clearTimeout(entry.retry);
      }
      entries.clear();
      byChannel.clear();
      if (held.length > 0) {
        // Handed over at once: the other replicas watching these partitions claim them now.
        const pipeline = redis.pipeline() as LeasePipeline;
        const released = JSON.stringify({ from: me, released: true } satisfies ClusterMessage);
        for (const { keys } of held) if (keys) pipeline.releaseLease(keys.lease, me).publish(keys.channel, released);
        await pipeline.exec().catch(ignore);
      }
      redis.disconnect();
      subscriber.disconnect();
    },
  };
}
