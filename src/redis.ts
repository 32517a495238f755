import { once } from 'node:events';
import type { Redis, RedisOptions } from 'ioredis';

// The one place the gateway opens a Redis connection (the shared cache, the cluster quota, the
// live status coordinator). ioredis is imported on the first connection: a gateway without
// REDIS_URL never holds the client in memory.

/** How long start-up waits for a connection before going on without it (it may come later). */
const STARTUP_WAIT_MS = 1_000;

export interface RedisConnectOptions {
  /** ioredis's own options: how this connection's commands behave while Redis is away. */
  redis: RedisOptions;
  /** Every error of the connection (each user logs its outage in its own words, or not at all). */
  onError: (error: unknown) => void;
  /** The connection is ready (again). */
  onReady?: () => void;
  /** Resolve at once instead of waiting up to STARTUP_WAIT_MS for the connection to be ready. */
  noStartupWait?: boolean;
}

/**
 * Commands fail at once while Redis is away (nothing queues, nothing is retried), each bounded by
 * `timeoutMs`, and the connection is attempted again with a growing pause, at most 2 s.
 */
export function failFast(timeoutMs: number): RedisOptions {
  return {
    commandTimeout: timeoutMs,
    connectTimeout: Math.max(timeoutMs, 1000),
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: (times) => Math.min(times * 200, 2000),
  };
}

/**
 * Opens a connection to `url` with its listeners attached from the start, and gives it a moment to
 * be ready: an unreachable Redis does not hold start-up up, and ioredis reconnects by itself.
 */
export async function connectRedis(url: string, options: RedisConnectOptions): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url, options.redis);
  redis.on('error', options.onError);
  if (options.onReady) redis.on('ready', options.onReady);
  if (!options.noStartupWait) {
    await Promise.race([once(redis, 'ready'), new Promise((resolve) => setTimeout(resolve, STARTUP_WAIT_MS).unref())]).catch(() => {});
  }
  return redis;
}
