import { setMaxListeners } from 'node:events';
import type { Logger } from 'pino';
import type { UpstreamReader } from './cache/upstream-reader.js';
import { JobControl } from './loaders/job-control.js';
import { RequestLoaders } from './loaders/request-loaders.js';
import { callerOf } from './plugins/client-auth.js';
import type { UpstreamCallReport } from './upstream/mms-client.js';
import type { PartitionWatch } from './watch/partition-watch.js';

export interface RequestLimits {
  /** Representations one `_entities` call may ask for. */
  maxEntities: number;
  /** Distinct upstream reads one request may make (records and pages alike). */
  maxKeysPerRequest: number;
  /** Bound of all upstream work of one request, retries included. */
  requestTimeoutMs: number;
}

/** Per-request state: loaders are created here and never shared between requests. */
export interface GatewayContext {
  /** The request's loaders, one per upstream action, sharing one budget of reads. */
  loaders: RequestLoaders;
  /** The request's logger: every line carries its request id. */
  logger: Logger;
  limits: RequestLimits;
  /** The job control calls, for a caller allowed to make them; null otherwise (or with mutations off). */
  jobControl: JobControl | null;
  /** The process's pollers of live partition status. */
  watch: PartitionWatch | null;
  /** The request's abort signal: its client went away (a subscription ended). */
  signal: AbortSignal;
  /**
   * Fresh loaders for one event of a subscription: its nested reads must not be served from
   * the first event's loaders, nor be cut by the deadline of the request that opened it.
   */
  eventLoaders(): RequestLoaders;
}

/** What one request did upstream, for its log line. */
export interface RequestStats {
  upstreamCalls: number;
  upstreamFailures: number;
  cacheHits: number;
  /** The least remaining freshness of the partitions read, in ms (null: none read). */
  freshnessMs: number | null;
}

export interface ContextDependencies {
  reader: UpstreamReader;
  logger: Logger;
  limits: RequestLimits;
  /** Whether the job control mutations are served (MMS_MUTATIONS). */
  mutations?: boolean;
  watch?: PartitionWatch;
  onBatch?: (size: number) => void;
}

const noStats = (): RequestStats => ({ upstreamCalls: 0, upstreamFailures: 0, cacheHits: 0, freshnessMs: null });

interface RequestScope {
  stats: RequestStats;
  release(): void;
}

const scopes = new WeakMap<Request, RequestScope>();

/**
 * Builds a request's context. Its upstream work stops when its client goes away
 * (`request.signal`) or its deadline passes; the deadline timer is cleared as soon as the
 * response is sent (`releaseRequest`), so a busy gateway keeps no idle timers alive.
 */
export function createContext(
  { reader, logger: processLogger, limits, mutations = false, watch, onBatch }: ContextDependencies,
  request: Request,
  requestId: string,
): GatewayContext {
  const logger = processLogger.child({ requestId });
  const upstreamWork = new AbortController();
  // Each partition in flight listens for the abort (and retries through cockatiel do too):
  // bounded by the fan-out budget, so many listeners here are expected, not a leak.
  setMaxListeners(2 * limits.maxKeysPerRequest + 10, upstreamWork.signal);
  const stop = () => upstreamWork.abort();
  const deadlineAt = Date.now() + limits.requestTimeoutMs;
  const deadline = setTimeout(stop, limits.requestTimeoutMs);
  deadline.unref();
  request.signal.addEventListener('abort', stop, { once: true });
  const stats = noStats();
  scopes.set(request, {
    stats,
    release: () => {
      clearTimeout(deadline);
      request.signal.removeEventListener('abort', stop);
    },
  });
  const onCall = ({ action, params, attempt, error }: UpstreamCallReport) => {
    stats.upstreamCalls += 1;
    if (!error) return;
    stats.upstreamFailures += 1;
    logger[error.code === 'NOT_FOUND' ? 'debug' : 'warn'](
      {
        ...params.path,
        attempt,
        code: error.code,
        upstreamCode: error.upstreamCode,
        upstreamRequestId: error.upstreamRequestId,
        httpStatus: error.httpStatus,
      },
      `${action} failed`,
    );
  };
  const onFreshness = (remainingMs: number, cacheHit: boolean) => {
    if (cacheHit) stats.cacheHits += 1;
    stats.freshnessMs = Math.min(stats.freshnessMs ?? remainingMs, remainingMs);
  };
  // `Cache-Control: no-cache` from the client: read past the shared cache, and refresh it.
  const bypassCache = /\bno-cache\b/i.test(request.headers.get('cache-control') ?? '');
  const call = { signal: upstreamWork.signal, deadline: deadlineAt, logger, onCall, onFreshness, bypassCache };
  const loaders = new RequestLoaders(reader, {
    maxReads: limits.maxKeysPerRequest,
    call,
    ...(onBatch && { onBatch }),
  });
  const caller = callerOf(request);
  const jobControl = mutations && caller.mayWrite ? new JobControl(reader, call, logger, caller) : null;
  const eventLoaders = () =>
    new RequestLoaders(reader, {
      maxReads: limits.maxKeysPerRequest,
      call: { signal: request.signal, logger, onCall },
      ...(onBatch && { onBatch }),
    });
  return { loaders, logger, limits, jobControl, watch: watch ?? null, signal: request.signal, eventLoaders };
}

/** What the request did upstream so far (zeros when it never reached execution). */
export function requestStats(request: Request): RequestStats {
  return scopes.get(request)?.stats ?? noStats();
}

/** Clears the request's deadline once its response is on its way. */
export function releaseRequest(request: Request): void {
  scopes.get(request)?.release();
}
