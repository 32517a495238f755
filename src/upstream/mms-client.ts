import { isBrokenCircuitError } from 'cockatiel';
import { TokenBucket } from 'limiter';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Logger } from 'pino';
import type { UpstreamEndpoint } from '../config.js';
import { type Credential, OpenApi, type OpenApiClient, TeaUtil } from './alicloud.js';
import { classifyClientError, UpstreamError } from './errors.js';
import { type Partition, type PartitionKey, readPartitionResponse } from './partition.js';
import { createUpstreamPolicy, type ResilienceOptions, type UpstreamPolicy } from './resilience.js';

export const GET_MMS_PARTITION = { action: 'GetMmsPartition', version: '2022-01-04' } as const;

/** The credential object `@alicloud/openapi-client` signs with (from `@alicloud/credentials`). */
export type UpstreamCredential = Credential;

export interface MmsClientOptions {
  endpoint: UpstreamEndpoint;
  credential: UpstreamCredential;
  /** Upper bound of one call, connection included. */
  timeoutMs: number;
  /** Calls in flight at once, across every request of the process. */
  maxConcurrency: number;
  /** Calls started per second, process-wide (a token bucket); null for no cap. */
  maxQps: number | null;
  resilience: ResilienceOptions;
  logger: Logger;
}

/** Why a caller stopped waiting: its request's deadline passed or its client went away. */
function deadlineError(): UpstreamError {
  return new UpstreamError('UPSTREAM_TIMEOUT', 'The request deadline passed before the upstream answered.');
}

/** Settles with `work`, or rejects as soon as `signal` aborts (the work itself goes on unobserved). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) {
    work.catch(() => {});
    return Promise.reject(deadlineError());
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(deadlineError());
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/**
 * The one place GetMmsPartition is called. One instance per process (and so per endpoint):
 * it owns the signed client (and its pooled keep-alive connections), the concurrency limit,
 * the optional rate cap, retries with their budget, and the circuit breaker.
 */
export class MmsClient {
  private readonly client: OpenApiClient;
  private readonly limit: LimitFunction;
  private readonly tokens: TokenBucket | null;
  private readonly upstream: UpstreamPolicy;
  private readonly timeoutMs: number;
  private readonly logger: Logger;
  // `keepAlive` stays unset on purpose: setting it makes the runtime build an agent per call.
  // Timeouts are always explicit, since the HTTP layer otherwise gives up after 3 s.
  private readonly runtime: InstanceType<typeof TeaUtil.RuntimeOptions>;

  constructor(options: MmsClientOptions) {
    this.client = new OpenApi.default(
      new OpenApi.Config({
        endpoint: options.endpoint.host,
        protocol: options.endpoint.protocol,
        credential: options.credential,
        readTimeout: options.timeoutMs,
        connectTimeout: options.timeoutMs,
      }),
    );
    this.runtime = new TeaUtil.RuntimeOptions({ readTimeout: options.timeoutMs, connectTimeout: options.timeoutMs, autoretry: false });
    this.limit = pLimit(options.maxConcurrency);
    this.tokens = options.maxQps
      ? new TokenBucket({ bucketSize: options.maxQps, tokensPerInterval: options.maxQps, interval: 'second' })
      : null;
    this.upstream = createUpstreamPolicy(options.resilience);
    this.timeoutMs = options.timeoutMs;
    this.logger = options.logger;
  }

  /** Calls currently running against the upstream and calls waiting for a slot. */
  get load(): { active: number; pending: number } {
    return { active: this.limit.activeCount, pending: this.limit.pendingCount };
  }

  /** Circuit state and retry budget use, for health and metrics. */
  get resilience(): { circuit: 'closed' | 'open' | 'half-open'; calls: number; retries: number } {
    return { circuit: this.upstream.circuitState(), ...this.upstream.retryBudget.usage() };
  }

  /**
   * Reads one partition; rejects with an UpstreamError. `key` must already be canonical.
   * When `signal` aborts (deadline, client gone), nothing more is started for this key and
   * the promise rejects at once; a call already on the wire finishes unobserved, since the
   * client library cannot cancel it.
   */
  getPartition(key: PartitionKey, signal?: AbortSignal): Promise<Partition> {
    const work = this.upstream.policy
      .execute(() => this.limit(() => this.attempt(key, signal)), signal)
      .catch((error: unknown) => {
        if (isBrokenCircuitError(error))
          throw new UpstreamError('UPSTREAM_UNAVAILABLE', 'The upstream is failing; calls are paused for a moment (circuit open).');
        throw error;
      });
    return signal ? untilAborted(work, signal) : work;
  }

  private async attempt(key: PartitionKey, signal: AbortSignal | undefined): Promise<Partition> {
    if (signal?.aborted) throw deadlineError();
    if (this.tokens) await this.tokens.removeTokens(1);
    if (signal?.aborted) throw deadlineError();
    this.upstream.retryBudget.recordCall();
    return this.callGetMmsPartition(key);
  }

  private async callGetMmsPartition(key: PartitionKey): Promise<Partition> {
    const params = new OpenApi.Params({
      ...GET_MMS_PARTITION,
      protocol: 'HTTPS',
      pathname: `/api/v1/mms/datasources/${key.sourceId}/partitions/${key.partitionId}`,
      method: 'GET',
      authType: 'AK',
      style: 'ROA',
      reqBodyType: 'json',
      // Read the body as text: JSON.parse would round 64-bit integers before we could check them.
      bodyType: 'string',
    });
    try {
      const response = await this.client.callApi(params, new OpenApi.OpenApiRequest({}), this.runtime);
      const body: unknown = response.body;
      const headers: Record<string, unknown> = response.headers ?? {};
      const headerRequestId = typeof headers['x-acs-request-id'] === 'string' ? headers['x-acs-request-id'].trim() : null;
      if (typeof body !== 'string')
        throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'The upstream answer has no body.', { upstreamRequestId: headerRequestId });
      const partition = readPartitionResponse(body, key, headerRequestId);
      if (partition.unknownStatus !== null) {
        this.logger.warn(
          { sourceId: key.sourceId, partitionId: key.partitionId, status: partition.unknownStatus },
          'upstream sent a migration status this gateway does not know; serving null',
        );
      }
      return partition;
    } catch (error) {
      const failure = classifyClientError(error, key, this.timeoutMs);
      // Only classified fields are logged: the client's own error objects can hold the signed request.
      this.logger.warn(
        {
          sourceId: key.sourceId,
          partitionId: key.partitionId,
          code: failure.code,
          upstreamCode: failure.upstreamCode,
          upstreamRequestId: failure.upstreamRequestId,
          httpStatus: failure.httpStatus,
        },
        'GetMmsPartition failed',
      );
      throw failure;
    }
  }
}
