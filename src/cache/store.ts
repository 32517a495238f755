import { LRUCache } from 'lru-cache';
import type { Logger } from 'pino';
import { connectRedis, failFast } from '../redis.js';

/** Where cached partitions live: this process (LRU) or Redis, shared by every replica. */
export interface CacheStore {
  readonly tier: 'memory' | 'redis';
  /** The value and its remaining lifetime, or null on a miss (or when the store is unreachable). */
  get(key: string): Promise<{ value: string; remainingMs: number } | null>;
  set(key: string, value: string, ttlMs: number): Promise<void>;
  /** Drops an entry (a change made through the gateway outdated it). */
  delete(key: string): Promise<void>;
  close(): Promise<void>;
}

export function memoryStore(maxEntries: number): CacheStore {
  // Every entry gets its own ttl on set; the default only enables ttl tracking.
  const lru = new LRUCache<string, string>({ max: maxEntries, ttl: 60_000, allowStale: false });
  return {
    tier: 'memory',
    get: async (key) => {
      const value = lru.get(key);
      return value === undefined ? null : { value, remainingMs: lru.getRemainingTTL(key) };
    },
    set: async (key, value, ttlMs) => {
      lru.set(key, value, { ttl: ttlMs });
    },
    delete: async (key) => {
      lru.delete(key);
    },
    close: async () => {
      lru.clear();
    },
  };
}

const OUTAGE_LOG_INTERVAL_MS = 30_000;

/**
 * Redis through ioredis. Every command is bounded by `timeoutMs` and nothing queues while
 * the connection is down, so an unreachable or slow Redis turns into misses (the gateway
 * asks the upstream) instead of failed queries; ioredis reconnects by itself. The outage is
 * logged once per interval, not once per command.
 */
export async function redisStore(url: string, timeoutMs: number, logger: Logger): Promise<CacheStore> {
  let lastOutageLog = 0;
  const outage = (error: unknown) => {
    if (Date.now() - lastOutageLog < OUTAGE_LOG_INTERVAL_MS) return;
    lastOutageLog = Date.now();
    logger.warn(
      { reason: error instanceof Error ? error.message : String(error) },
      'Redis cache unavailable: answering from the upstream until it returns',
    );
  };
  const redis = await connectRedis(url, {
    redis: failFast(timeoutMs),
    onError: outage,
    onReady: () => {
      if (lastOutageLog !== 0) logger.info('Redis cache available again');
      lastOutageLog = 0;
    },
  });
  return {
    tier: 'redis',
    get: async (key) => {
      try {
        const [[, value], [, ttl]] = (await redis.multi().get(key).pttl(key).exec()) as [[unknown, string | null], [unknown, number]];
        return value === null || ttl <= 0 ? null : { value, remainingMs: ttl };
      } catch (error) {
        outage(error);
        return null;
      }
    },
    set: async (key, value, ttlMs) => {
      try {
        await redis.set(key, value, 'PX', Math.max(1, Math.round(ttlMs)));
      } catch (error) {
        outage(error);
      }
    },
    delete: async (key) => {
      try {
        await redis.del(key);
      } catch (error) {
        outage(error);
      }
    },
    close: async () => {
      redis.disconnect();
    },
  };
}

const PERSISTED_QUERY_TTL_MS = 24 * 60 * 60 * 1000;

/**
 * Persisted query documents (APQ) kept in the same store as partitions, so that with Redis a
 * hash registered through one replica is known to all of them.
 */
export function persistedQueryStore(store: CacheStore): {
  get(hash: string): Promise<string | null>;
  set(hash: string, query: string): Promise<void>;
} {
  return {
    get: async (hash) => (await store.get(`mms:apq:v1:${hash}`))?.value ?? null,
    set: (hash, query) => store.set(`mms:apq:v1:${hash}`, query, PERSISTED_QUERY_TTL_MS),
  };
}
