import {
  CircuitState,
  ConsecutiveBreaker,
  circuitBreaker,
  DelegateBackoff,
  handleWhen,
  type IPolicy,
  type IRetryBackoffContext,
  retry,
  wrap,
} from 'cockatiel';
import { UpstreamError } from './errors.js';

// How the gateway treats a failing upstream: retries only what may succeed later, with
// exponential backoff and full jitter, within a budget; fails fast while the circuit is open.

export interface ResilienceOptions {
  /** Retries after the first call of one key (0 disables retries). */
  maxRetries: number;
  /** Consecutive unavailable/timeout failures that open the circuit. */
  breakerThreshold: number;
  /** How long the open circuit fails fast before it lets one probe through. */
  breakerCooldownMs: number;
}

/** First backoff step and the cap of any wait, in ms. */
const BASE_DELAY_MS = 100;
const MAX_DELAY_MS = 2_000;
/**
 * A throttled call waits at least this long before its first retry, then twice as long each
 * time: retrying a throttle within milliseconds only adds to the load that caused it.
 */
const THROTTLED_BASE_DELAY_MS = 500;
const THROTTLED_MAX_DELAY_MS = 8_000;

/** The least wait before retry number `attempt` (1-based) of a throttled call, in ms. */
export function throttledRetryFloorMs(attempt: number): number {
  return Math.min(THROTTLED_MAX_DELAY_MS, THROTTLED_BASE_DELAY_MS * 2 ** (attempt - 1));
}

/**
 * Keeps retries to about `ratio` of the calls of the last minute (plus a small floor so
 * that a quiet gateway can still retry), so that a degraded upstream is not hammered.
 */
export class RetryBudget {
  private readonly calls: number[];
  private readonly retries: number[];
  private bucketStart = 0;
  private current = 0;

  constructor(
    private readonly ratio = 0.1,
    private readonly floor = 10,
    private readonly windowSeconds = 60,
  ) {
    this.calls = new Array<number>(windowSeconds).fill(0);
    this.retries = new Array<number>(windowSeconds).fill(0);
  }

  private rotate(now: number): void {
    const second = Math.floor(now / 1000);
    if (second === this.bucketStart) return;
    const elapsed = Math.min(second - this.bucketStart, this.windowSeconds);
    for (let step = 1; step <= elapsed; step += 1) {
      const index = (this.current + step) % this.windowSeconds;
      this.calls[index] = 0;
      this.retries[index] = 0;
    }
    this.current = (this.current + elapsed) % this.windowSeconds;
    this.bucketStart = second;
  }

  /** Counts one upstream call (first attempts and retries alike). */
  recordCall(now = Date.now()): void {
    this.rotate(now);
    this.calls[this.current] = (this.calls[this.current] ?? 0) + 1;
  }

  /** Takes one retry from the budget; false when the last minute's share is spent. */
  tryRetry(now = Date.now()): boolean {
    this.rotate(now);
    const calls = this.calls.reduce((sum, n) => sum + n, 0);
    const retries = this.retries.reduce((sum, n) => sum + n, 0);
    if (retries >= Math.max(this.floor, this.ratio * calls)) return false;
    this.retries[this.current] = (this.retries[this.current] ?? 0) + 1;
    return true;
  }
}

/**
 * Wait before retry number `attempt` (1-based). A throttled call: its floor plus up to as much
 * again at random (the upstream's Retry-After when it is longer). Anything else: the upstream's
 * Retry-After if it gave one, else full jitter.
 */
export function retryDelay(attempt: number, error: unknown): number {
  const retryAfterMs = error instanceof UpstreamError ? error.retryAfterMs : null;
  if (error instanceof UpstreamError && error.code === 'UPSTREAM_THROTTLED') {
    const floor = throttledRetryFloorMs(attempt);
    return Math.min(THROTTLED_MAX_DELAY_MS, Math.max(retryAfterMs ?? 0, floor + Math.random() * floor));
  }
  if (retryAfterMs !== null) return Math.min(retryAfterMs, MAX_DELAY_MS);
  return Math.random() * Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** (attempt - 1));
}

const COUNTS_AGAINST_CIRCUIT: ReadonlySet<string> = new Set(['UPSTREAM_UNAVAILABLE', 'UPSTREAM_TIMEOUT']);

export interface UpstreamPolicy {
  /** Retries around the breaker: for reads. */
  policy: IPolicy;
  /** The breaker alone: for writes, which are never retried. */
  once: IPolicy;
  retryBudget: RetryBudget;
  circuitState(): 'closed' | 'open' | 'half-open';
}

/** Retry (outside) around the circuit breaker (inside), both from cockatiel. */
export function createUpstreamPolicy(options: ResilienceOptions): UpstreamPolicy {
  const retryBudget = new RetryBudget();
  const breaker = circuitBreaker(
    handleWhen((error) => error instanceof UpstreamError && !error.abandoned && COUNTS_AGAINST_CIRCUIT.has(error.code)),
    { halfOpenAfter: options.breakerCooldownMs, breaker: new ConsecutiveBreaker(options.breakerThreshold) },
  );
  // Never 400/401/403/404: only what may succeed later (throttling, 5xx, resets, timeouts).
  const retries = retry(
    handleWhen((error) => error instanceof UpstreamError && error.retryable && !error.final && retryBudget.tryRetry()),
    {
      maxAttempts: options.maxRetries,
      backoff: new DelegateBackoff<IRetryBackoffContext<unknown>>((context) =>
        retryDelay(context.attempt, 'error' in context.result ? context.result.error : undefined),
      ),
    },
  );
  return {
    policy: wrap(retries, breaker),
    once: breaker,
    retryBudget,
    circuitState: () =>
      breaker.state === CircuitState.Open || breaker.state === CircuitState.Isolated
        ? 'open'
        : breaker.state === CircuitState.HalfOpen
          ? 'half-open'
          : 'closed',
  };
}
