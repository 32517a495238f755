import type { Redis } from 'ioredis';
import { TokenBucket } from 'limiter';
import type { Logger } from 'pino';
import type { RateLimiterAbstract, RateLimiterRes } from 'rate-limiter-flexible';
import { connectRedis, failFast } from '../redis.js';
import { UpstreamError } from './errors.js';

// How many upstream calls may start each second (MMS_MAX_QPS): this process's own token bucket,
// or, with Redis, one budget shared by every replica that signs with the same AccessKey for the
// same endpoint, so that N replicas together stay under the account's API quota.

/** How one call's turn ended: at once, after a wait, refused at its deadline (never sent), or left by its request. */
export type QuotaTurn = 'granted' | 'granted_after_wait' | 'refused' | 'abandoned';

/** Told about every turn (metrics); `waitedMs` is how long the call waited for it. */
export type QuotaListener = (turn: QuotaTurn, waitedMs: number) => void;

export interface AcquireOptions {
  /** When the caller stops waiting (epoch ms). */
  deadline?: number;
  signal?: AbortSignal;
}

/** The upstream calls budget, as the client sees it. */
export interface CallQuota {
  /**
   * Resolves when one call may start. Rejects with a final UPSTREAM_THROTTLED when the call's
   * turn has not come by its deadline, or at once when `signal` aborts: either way nothing is sent.
   */
  acquire(options: AcquireOptions): Promise<void>;
  /** The upstream answered `Throttling*`: slow down for a short cool-down. */
  reportThrottled(): void;
  /** For metrics: on the local share because Redis cannot be reached; slowed after a throttle. */
  readonly state: { localFallback: boolean; coolingDown: boolean };
  close(): Promise<void>;
}

/** The process-wide token bucket, as without Redis: a throttle only slows this process through its retries' backoff. */
export function processQuota(maxQps: number, onTurn?: QuotaListener): CallQuota {
  const bucket = new TokenBucket({ bucketSize: maxQps, tokensPerInterval: maxQps, interval: 'second' });
  return {
    acquire: async () => {
      const started = performance.now();
      await bucket.removeTokens(1);
      const waitedMs = performance.now() - started;
      // The bucket answers from memory within microtasks: a turn that took a millisecond waited for a timer.
      onTurn?.(waitedMs >= 1 ? 'granted_after_wait' : 'granted', waitedMs);
    },
    reportThrottled: () => {},
    state: { localFallback: false, coolingDown: false },
    close: async () => {},
  };
}

/** `calls` per `periodMs`. */
export interface Budget {
  calls: number;
  periodMs: number;
}

/**
 * A replica's share of the quota while Redis cannot be reached: MMS_MAX_QPS ÷ MMS_EXPECTED_REPLICAS,
 * rounded down, so that the replicas together never pass the whole. Below one call a second, one
 * call per as many seconds as it takes.
 */
export function localShare(maxQps: number, expectedReplicas: number): Budget {
  if (maxQps >= expectedReplicas) return { calls: Math.floor(maxQps / expectedReplicas), periodMs: 1000 };
  return { calls: 1, periodMs: Math.ceil(expectedReplicas / maxQps) * 1000 };
}

/** Slices of a period, each with its own counter (see SlicedBudget). */
const SLICES = 20;

/**
 * How many calls each slice of a period may start: the budget less one slice's part (see
 * SlicedBudget), spread as evenly as whole calls allow.
 */
export function sliceAllowances(calls: number): number[] {
  const kept = Math.max(1, calls - Math.ceil(calls / SLICES));
  return Array.from({ length: SLICES }, (_, i) => Math.floor(((i + 1) * kept) / SLICES) - Math.floor((i * kept) / SLICES));
}

/**
 * A budget counted in SLICES slices of its period, aligned to the clock, each slice a counter of
 * its own (in Redis, or in memory) allowed its part of the calls. One counter per period would let
 * twice the budget through in a window across the boundary of two; a window of one period spans
 * at most SLICES + 1 slices, so one slice's part is held back: no such window holds more than the
 * budget (except for a budget of one call, which two calls a little under a period apart pass).
 */
class SlicedBudget {
  private readonly sliceMs: number;
  private readonly full: number[];
  private readonly halved: number[];

  constructor(
    budget: Budget,
    /** One limiter per store; its `points` are set for each slice (takes never overlap: one pump, one slice at a time). */
    private readonly limiter: RateLimiterAbstract,
    private readonly Refusal: typeof RateLimiterRes,
    /** Bounds the store's answer (Redis: REDIS_TIMEOUT_MS); a rejection is an outage. */
    private readonly bounded: <T>(work: Promise<T>) => Promise<T> = (work) => work,
  ) {
    this.sliceMs = budget.periodMs / SLICES;
    this.full = sliceAllowances(budget.calls);
    // During a cool-down: half the calls.
    this.halved = sliceAllowances(Math.max(1, Math.floor(budget.calls / 2)));
  }

  /**
   * Takes up to `wanted` calls from the slice now running, all asked for in one atomic increment
   * of its counter: how many were granted, and when a slice with room comes if not all of them were.
   */
  async take(key: string, coolingDown: boolean, wanted: number): Promise<{ granted: number; retryInMs: number | null }> {
    const allowances = coolingDown ? this.halved : this.full;
    const slice = Math.floor(Date.now() / this.sliceMs);
    const points = allowances[slice % SLICES] ?? 0;
    let granted = 0;
    if (points > 0) {
      this.limiter.points = points;
      const asked = Math.min(wanted, points);
      // The counter counts every point asked for, refused or not: a refusal tells its total too.
      const consumed = await this.bounded(
        this.limiter.consume(`${key}:${slice}`, asked).then(
          (counted) => counted.consumedPoints,
          (reason: unknown) => {
            if (reason instanceof this.Refusal) return reason.consumedPoints;
            throw reason;
          },
        ),
      );
      // Those counted before these `asked` took their part first; these get what is left of the slice.
      granted = Math.min(asked, Math.max(0, points - (consumed - asked)));
      // Every call wanted was granted, and the slice may have more: no need to wait.
      if (granted === wanted && asked < points) return { granted, retryInMs: null };
    }
    let next = slice + 1;
    while ((allowances[next % SLICES] ?? 0) === 0) next += 1;
    return { granted, retryInMs: Math.max(1, next * this.sliceMs - Date.now()) };
  }
}

export interface ClusterQuotaOptions {
  redisUrl: string;
  /** A slower Redis answer counts as an outage. */
  redisTimeoutMs: number;
  maxQps: number;
  expectedReplicas: number;
  /** How long every replica slows down after a throttle. */
  coolDownMs: number;
  /** Whose budget it is: the upstream endpoint (origin) and the AccessKeyId calls are signed with. */
  endpoint: string;
  identity: () => Promise<string>;
  /** How long a call may wait when its caller names no deadline (the shared cache's single flights). */
  maxWaitMs: number;
  logger: Logger;
  onTurn?: QuotaListener;
}

/** How often a busy replica looks in Redis for a cool-down another replica started. */
const COOL_DOWN_CHECK_MS = 200;
/** How often a replica on its local share asks Redis whether it answers again. */
const PROBE_INTERVAL_MS = 1_000;
/**
 * A turn this close to the deadline could not bring an answer in time; giving up first also
 * makes the refusal, not the deadline, what the caller sees.
 */
const DEADLINE_MARGIN_MS = 50;

/**
 * The cluster-wide quota: rate-limiter-flexible's Redis limiter as the shared counters, and its
 * memory limiter at this replica's share while Redis is down or slow.
 */
export async function clusterQuota(options: ClusterQuotaOptions): Promise<CallQuota> {
  // Loaded here, not at start-up: a gateway without Redis does not hold these modules in memory.
  const [redis, limiters] = await Promise.all([
    connectRedis(options.redisUrl, {
      // Slowness is judged by `answersWithin` below; this only bounds what an unanswered command holds.
      redis: { ...failFast(options.redisTimeoutMs), commandTimeout: Math.max(10 * options.redisTimeoutMs, 1000) },
      // The quota logs an outage itself, once per switch; the connection's own errors would repeat on every reconnect.
      onError: () => {},
    }),
    import('rate-limiter-flexible'),
  ]);
  const share = localShare(options.maxQps, options.expectedReplicas);
  return new ClusterQuota(
    options,
    redis,
    share,
    new SlicedBudget(
      { calls: options.maxQps, periodMs: 1000 },
      // A connection that is not ready counts as an outage at once, without a command sent.
      // A slice's counter outlives its slice: a second is the least the Redis limiter keeps a key.
      new limiters.RateLimiterRedis({ storeClient: redis, points: 1, duration: 1, keyPrefix: 'mms:quota:v1', rejectIfRedisNotReady: true }),
      limiters.RateLimiterRes,
      (work) => answersWithin(work, options.redisTimeoutMs),
    ),
    new SlicedBudget(
      share,
      new limiters.RateLimiterMemory({ points: 1, duration: Math.ceil(share.periodMs / SLICES / 1000), keyPrefix: 'mms:quota:local' }),
      limiters.RateLimiterRes,
    ),
  );
}

interface Waiter {
  grant(): void;
  leave(turn: QuotaTurn, error: UpstreamError): void;
  /** The budget said "not now" while this call was in line. */
  waited: boolean;
}

class ClusterQuota implements CallQuota {
  // Calls in arrival order. rate-limiter-flexible's RateLimiterQueue expires waiters by whole
  // seconds only and cannot let one go whose request went away: it would spend a token on it.
  private readonly waiting: Waiter[] = [];
  private pumping = false;
  private nextTry: NodeJS.Timeout | null = null;
  private fallback = false;
  private probe: NodeJS.Timeout | null = null;
  private coolUntil = 0;
  private coolCheckedAt = 0;
  private closed = false;

  constructor(
    private readonly options: ClusterQuotaOptions,
    private readonly redis: Redis,
    /** This replica's share while Redis is out (what `local` counts). */
    private readonly share: Budget,
    private readonly shared: SlicedBudget,
    private readonly local: SlicedBudget,
  ) {}

  get state(): { localFallback: boolean; coolingDown: boolean } {
    return { localFallback: this.fallback, coolingDown: Date.now() < this.coolUntil };
  }

  acquire({ deadline, signal }: AcquireOptions): Promise<void> {
    if (signal?.aborted) return Promise.reject(abandonedError());
    const enqueuedAt = performance.now();
    const giveUpAt = (deadline ?? Date.now() + this.options.maxWaitMs) - DEADLINE_MARGIN_MS;
    return new Promise<void>((resolve, reject) => {
      const waiter: Waiter = {
        grant: () => {
          settle();
          this.options.onTurn?.(waiter.waited ? 'granted_after_wait' : 'granted', performance.now() - enqueuedAt);
          resolve();
        },
        leave: (turn, error) => {
          const index = this.waiting.indexOf(waiter);
          if (index !== -1) this.waiting.splice(index, 1);
          settle();
          this.options.onTurn?.(turn, performance.now() - enqueuedAt);
          reject(error);
        },
        waited: this.nextTry !== null,
      };
      const onAbort = () => waiter.leave('abandoned', abandonedError());
      const timer = setTimeout(() => waiter.leave('refused', refusedError()), Math.max(0, giveUpAt - Date.now()));
      const settle = () => {
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiting.push(waiter);
      void this.pump();
    });
  }

  reportThrottled(): void {
    const now = Date.now();
    if (now >= this.coolUntil) {
      this.options.logger.info(
        { coolDownMs: this.options.coolDownMs },
        'the upstream is throttling: every replica slows to half of MMS_MAX_QPS for the cool-down',
      );
    }
    this.coolUntil = now + this.options.coolDownMs;
    if (this.fallback) return;
    this.budgetKey()
      .then((key) => this.redis.set(coolDownKey(key), '1', 'PX', this.options.coolDownMs))
      .catch(() => {});
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.nextTry) clearTimeout(this.nextTry);
    if (this.probe) clearInterval(this.probe);
    for (const waiter of [...this.waiting]) waiter.leave('abandoned', abandonedError());
    this.redis.disconnect();
  }

  /** Hands out turns to the calls in line, in order, as many as the running slice grants, until it says when to try again. */
  private async pump(): Promise<void> {
    if (this.pumping || this.nextTry !== null) return;
    this.pumping = true;
    try {
      while (this.waiting.length > 0 && !this.closed) {
        let turns: { granted: number; retryInMs: number | null };
        try {
          turns = await this.take(this.waiting.length);
        } catch (error) {
          // Not a refusal nor an outage (the memory limiter has no store to lose): never fail a call for it.
          this.options.logger.error({ err: error }, 'the upstream quota failed; letting the calls through');
          turns = { granted: this.waiting.length, retryInMs: null };
        }
        // Calls that left while their turns were taken pass them on to the next ones in line.
        for (let i = 0; i < turns.granted; i += 1) this.waiting.shift()?.grant();
        if (turns.retryInMs === null) continue;
        if (this.waiting.length === 0) return;
        for (const waiter of this.waiting) waiter.waited = true;
        this.nextTry = setTimeout(() => {
          this.nextTry = null;
          void this.pump();
        }, turns.retryInMs);
        return;
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Calls for up to `wanted` waiters from the shared budget (or the local share while Redis is out). */
  private async take(wanted: number): Promise<{ granted: number; retryInMs: number | null }> {
    const key = await this.budgetKey();
    const coolingDown = Date.now() < this.coolUntil;
    if (!this.fallback) {
      this.watchCoolDown(key);
      try {
        return await this.shared.take(key, coolingDown, wanted);
      } catch (error) {
        this.fallBack(error);
      }
    }
    return this.local.take(key, coolingDown, wanted);
  }

  private async budgetKey(): Promise<string> {
    let accessKeyId: string;
    try {
      accessKeyId = await this.options.identity();
    } catch {
      // The call itself will fail for want of credentials; its turn is still counted.
      accessKeyId = 'unresolved';
    }
    return `${this.options.endpoint}:${accessKeyId}`;
  }

  /** A cool-down started by another replica, read at most every COOL_DOWN_CHECK_MS (without holding up this call). */
  private watchCoolDown(key: string): void {
    const now = Date.now();
    if (now - this.coolCheckedAt < COOL_DOWN_CHECK_MS) return;
    this.coolCheckedAt = now;
    this.redis.pttl(coolDownKey(key)).then(
      (remainingMs) => {
        if (remainingMs > 0) this.coolUntil = Math.max(this.coolUntil, Date.now() + remainingMs);
      },
      () => {},
    );
  }

  /**
   * The whole replica switches to its share until a probe finds Redis again: the library's own
   * insuranceLimiter would fall back call by call, silently, each call first waiting out the timeout.
   */
  private fallBack(error: unknown): void {
    this.fallback = true;
    const { calls, periodMs } = this.share;
    this.options.logger.warn(
      { reason: error instanceof Error ? error.message : String(error), sharePerSecond: (calls * 1000) / periodMs },
      'Redis unavailable for the upstream quota: this replica keeps to its share of MMS_MAX_QPS until Redis answers again',
    );
    this.probe = setInterval(() => {
      answersWithin(this.redis.ping(), this.options.redisTimeoutMs).then(
        () => this.rejoin(),
        () => {},
      );
    }, PROBE_INTERVAL_MS);
    this.probe.unref();
  }

  private rejoin(): void {
    if (!this.fallback) return;
    this.fallback = false;
    if (this.probe) clearInterval(this.probe);
    this.probe = null;
    this.options.logger.info('Redis answers again: back to the cluster-wide upstream quota');
  }
}

/**
 * `work`, or a rejection when it has not settled `ms` after it began. A timer that fires late
 * because this process was busy must not pass for a slow Redis: its answer may be waiting to be
 * read, so the verdict waits for one more turn of the event loop, which reads it.
 */
function answersWithin<T>(work: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => setImmediate(() => reject(new Error(`Redis did not answer within ${ms} ms`))), ms);
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

function coolDownKey(budgetKey: string): string {
  return `mms:quota-cooldown:v1:${budgetKey}`;
}

function refusedError(): UpstreamError {
  return new UpstreamError(
    'UPSTREAM_THROTTLED',
    "Too many upstream calls are waiting for the gateway's quota (MMS_MAX_QPS): this one was not sent before the request's deadline.",
    { final: true },
  );
}

function abandonedError(): UpstreamError {
  return new UpstreamError('UPSTREAM_TIMEOUT', 'The request went away while its call waited for the upstream quota.', { abandoned: true });
}
