import { notFoundError, UpstreamError } from '../upstream/errors.js';
import { type CallOptions, type MmsClient, untilAborted } from '../upstream/mms-client.js';
import { type Partition, type PartitionKey, partitionKeyString } from '../upstream/partition.js';
import type { PartitionCache } from './partition-cache.js';

export interface ReadOptions extends CallOptions {
  /** The client sent `Cache-Control: no-cache`: skip the shared tier, then refresh it. */
  bypassCache?: boolean;
  /** Told how long the answer stays fresh (for the response's Cache-Control). */
  onFreshness?: (remainingMs: number, cacheHit: boolean) => void;
}

type Flight = Promise<{ partition: Partition; ttlMs: number | null }>;

/**
 * Reads partitions through the shared cache (when there is one) and the upstream client.
 * Concurrent misses of one key in this process share one upstream call (single flight):
 * that call runs to its end whoever stops waiting, and every waiter keeps its own deadline.
 */
export class PartitionReader {
  private readonly flights = new Map<string, Flight>();

  constructor(
    readonly client: MmsClient,
    readonly cache: PartitionCache | null,
    private readonly onCacheLookup?: (tier: string, outcome: 'hit' | 'miss' | 'bypass') => void,
  ) {}

  async read(key: PartitionKey, options: ReadOptions = {}): Promise<Partition> {
    const { cache } = this;
    if (!cache) return this.client.getPartition(key, options);
    if (options.bypassCache) {
      this.onCacheLookup?.(cache.store.tier, 'bypass');
    } else {
      const hit = await cache.get(key);
      this.onCacheLookup?.(cache.store.tier, hit ? 'hit' : 'miss');
      if (hit) {
        options.onFreshness?.(hit.remainingMs, true);
        if ('missing' in hit) throw notFoundError(key);
        return hit.partition;
      }
    }
    const flight = options.bypassCache ? this.fetchAndStore(key, options) : this.sharedFlight(key, options);
    const { partition, ttlMs } = await (options.signal ? untilAborted(flight, options.signal) : flight);
    if (ttlMs !== null) options.onFreshness?.(ttlMs, false);
    return partition;
  }

  private sharedFlight(key: PartitionKey, options: ReadOptions): Flight {
    const id = partitionKeyString(key);
    let flight = this.flights.get(id);
    if (!flight) {
      flight = this.fetchAndStore(key, options).finally(() => this.flights.delete(id));
      this.flights.set(id, flight);
    }
    return flight;
  }

  private async fetchAndStore(key: PartitionKey, { logger, onCall }: ReadOptions): Flight {
    const cache = this.cache;
    try {
      // No signal: the call belongs to every waiter, not to the request that started it.
      const partition = await this.client.getPartition(key, { logger, onCall });
      return { partition, ttlMs: cache ? await cache.put(key, partition) : null };
    } catch (error) {
      if (cache && error instanceof UpstreamError) await cache.put(key, error);
      throw error;
    }
  }
}
