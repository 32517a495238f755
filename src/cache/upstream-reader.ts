import { type CallParams, callKey, listedRecords, type UpstreamAction } from '../upstream/action.js';
import { notFoundError, UpstreamError } from '../upstream/errors.js';
import { type CallOptions, type MmsClient, untilAborted } from '../upstream/mms-client.js';
import type { UpstreamCache } from './upstream-cache.js';

export interface ReadOptions extends CallOptions {
  /** The client sent `Cache-Control: no-cache`: skip the shared tier, then refresh it. */
  bypassCache?: boolean;
  /** Told how long the answer stays fresh (for the response's Cache-Control). */
  onFreshness?: (remainingMs: number, cacheHit: boolean) => void;
}

type Flight = Promise<{ result: unknown; ttlMs: number | null }>;

/**
 * Reads through the shared cache (when there is one) and the upstream client, for any action.
 * Concurrent misses of one call in this process share one upstream call (single flight): that
 * call runs to its end whoever stops waiting, and every waiter keeps its own deadline.
 */
export class UpstreamReader {
  private readonly flights = new Map<string, Flight>();
  private readonly fetchedListeners: ((action: UpstreamAction<unknown>, params: CallParams, result: unknown) => void)[] = [];

  constructor(
    readonly client: MmsClient,
    readonly cache: UpstreamCache | null,
    private readonly onCacheLookup?: (tier: string, outcome: 'hit' | 'miss' | 'bypass') => void,
  ) {}

  /** Tells `listener` of every answer fetched from the upstream (not of cache hits). */
  onFetched(listener: (action: UpstreamAction<unknown>, params: CallParams, result: unknown) => void): void {
    this.fetchedListeners.push(listener);
  }

  async read<Result>(action: UpstreamAction<Result>, params: CallParams, options: ReadOptions = {}): Promise<Result> {
    const { cache } = this;
    if (!cache) {
      const result = await this.client.call(action, params, options);
      this.tellFetched(action, params, result);
      return result;
    }
    if (options.bypassCache) {
      this.onCacheLookup?.(cache.store.tier, 'bypass');
    } else {
      const hit = await cache.get(action, params);
      this.onCacheLookup?.(cache.store.tier, hit ? 'hit' : 'miss');
      if (hit) {
        options.onFreshness?.(hit.remainingMs, true);
        if ('missing' in hit) throw notFoundError(action.notFound(params));
        return hit.result;
      }
    }
    const flight = options.bypassCache ? this.fetchAndStore(action, params, options) : this.sharedFlight(action, params, options);
    const { result, ttlMs } = await (options.signal ? untilAborted(flight, options.signal) : flight);
    if (ttlMs !== null) options.onFreshness?.(ttlMs, false);
    // The flight was started for this very action and parameters.
    return result as Result;
  }

  private tellFetched(action: UpstreamAction<unknown>, params: CallParams, result: unknown): void {
    for (const listener of this.fetchedListeners) listener(action, params, result);
  }

  private sharedFlight<Result>(action: UpstreamAction<Result>, params: CallParams, options: ReadOptions): Flight {
    const id = `${action.name} ${callKey(action, params)}`;
    let flight = this.flights.get(id);
    if (!flight) {
      flight = this.fetchAndStore(action, params, options).finally(() => this.flights.delete(id));
      this.flights.set(id, flight);
    }
    return flight;
  }

  private async fetchAndStore<Result>(action: UpstreamAction<Result>, params: CallParams, { logger, onCall }: ReadOptions): Flight {
    const cache = this.cache;
    try {
      // No signal: the call belongs to every waiter, not to the request that started it.
      const result = await this.client.call(action, params, { logger, onCall });
      this.tellFetched(action, params, result);
      if (!cache) return { result, ttlMs: null };
      // A page's records are kept too, as their Get action would answer them: a later request
      // reading one of them by ID makes no call. Once per page fetched, not per request reading it.
      for (const listed of listedRecords(action, result)) void cache.put(listed.get, listed.params, listed.record);
      return { result, ttlMs: await cache.put(action, params, result) };
    } catch (error) {
      if (cache && error instanceof UpstreamError) await cache.put(action, params, error);
      throw error;
    }
  }
}
