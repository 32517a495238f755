import { IncomingMessage } from 'node:http';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { isBrokenCircuitError } from 'cockatiel';
import { TokenBucket } from 'limiter';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Logger } from 'pino';
import type { UpstreamEndpoint } from '../config.js';
import { type Credential, OpenApi, type OpenApiClient, readResponseText, TeaUtil } from './alicloud.js';
import { classifyClientError, UpstreamError } from './errors.js';
import { type Partition, type PartitionKey, readPartitionAnswer } from './partition.js';
import { createUpstreamPolicy, type ResilienceOptions, throttledRetryFloorMs, type UpstreamPolicy } from './resilience.js';

export const GET_MMS_PARTITION = { action: 'GetMmsPartition', version: '2022-01-04' } as const;

/**
 * One GetMmsPartition call as the client library describes it: a signed ROA GET of one partition.
 * `bodyType` says how the library hands the answer over (`binary`: the response stream).
 */
export function getMmsPartitionParams(key: PartitionKey, bodyType: 'binary' | 'json'): InstanceType<typeof OpenApi.Params> {
  return new OpenApi.Params({
    ...GET_MMS_PARTITION,
    protocol: 'HTTPS',
    pathname: `/api/v1/mms/datasources/${key.sourceId}/partitions/${key.partitionId}`,
    method: 'GET',
    authType: 'AK',
    style: 'ROA',
    reqBodyType: 'json',
    bodyType,
  });
}

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
  /** Told about every call made (metrics); per-request listeners come with each load. */
  onCall?: (report: UpstreamCallReport) => void;
}

/** One call to GetMmsPartition, as it ended: for metrics, logs and the request's counters. */
export interface UpstreamCallReport {
  key: PartitionKey;
  /** 1 for the first call of a key, 2 for its first retry, ... */
  attempt: number;
  durationMs: number;
  /** null when the call succeeded. */
  error: UpstreamError | null;
}

/** What one request asks of a load: its abort signal, its logger and its listener. */
export interface CallOptions {
  signal?: AbortSignal;
  /** When the caller stops waiting (epoch ms): no retry is planned to start after it. */
  deadline?: number;
  logger?: Logger;
  onCall?: (report: UpstreamCallReport) => void;
}

const tracer = trace.getTracer('mms-graphql-gateway');

/** Why a caller stopped waiting: its request's deadline passed or its client went away. */
export function deadlineError(): UpstreamError {
  return new UpstreamError('UPSTREAM_TIMEOUT', 'The request deadline passed before the upstream answered.', { abandoned: true });
}

/** Settles with `work`, or rejects as soon as `signal` aborts (the work itself goes on unobserved). */
export function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
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
  private readonly onCall: ((report: UpstreamCallReport) => void) | undefined;
  private readonly credential: UpstreamCredential;
  private lastAccepted = 0;
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
    this.onCall = options.onCall;
    this.credential = options.credential;
  }

  private identityCache: { id: string; at: number } | null = null;

  /**
   * The AccessKeyId calls are signed with (never the secret), re-read every minute since STS
   * credentials rotate: it scopes cache entries to the identity that was allowed to read them.
   */
  async identity(): Promise<string> {
    if (this.identityCache && Date.now() - this.identityCache.at < 60_000) return this.identityCache.id;
    const { accessKeyId } = await this.credential.getCredential();
    this.identityCache = { id: accessKeyId ?? 'anonymous', at: Date.now() };
    return this.identityCache.id;
  }

  /** null when the credential chain yields an AccessKey; else why not (never the secret). */
  async resolveCredentials(): Promise<string | null> {
    try {
      const resolved = await this.credential.getCredential();
      return resolved.accessKeyId ? null : 'the credential chain yields no AccessKey';
    } catch {
      return 'no Alibaba Cloud credentials could be resolved';
    }
  }

  /** Calls currently running against the upstream and calls waiting for a slot. */
  get load(): { active: number; pending: number } {
    return { active: this.limit.activeCount, pending: this.limit.pendingCount };
  }

  /** Circuit breaker state, for metrics. */
  get circuit(): 'closed' | 'open' | 'half-open' {
    return this.upstream.circuitState();
  }

  /** When the upstream last accepted a signed request (any answer but a credential refusal), in ms. */
  get lastAcceptedAt(): number {
    return this.lastAccepted;
  }

  /**
   * Reads one partition; rejects with an UpstreamError. `key` must already be canonical.
   * When `signal` aborts (deadline, client gone), nothing more is started for this key and
   * the promise rejects at once; a call already on the wire finishes unobserved, since the
   * client library cannot cancel it.
   */
  getPartition(key: PartitionKey, options: CallOptions = {}): Promise<Partition> {
    const { signal } = options;
    let attempt = 0;
    const work = this.upstream.policy
      .execute(() => this.limit(() => this.attempt(key, ++attempt, options)), signal)
      .catch((error: unknown) => {
        if (isBrokenCircuitError(error))
          throw new UpstreamError('UPSTREAM_UNAVAILABLE', 'The upstream is failing; calls are paused for a moment (circuit open).');
        throw error;
      });
    return signal ? untilAborted(work, signal) : work;
  }

  /**
   * One signed call for a partition that does not exist, outside retries and the breaker:
   * it proves the endpoint answers and accepts the gateway's signature (NOT_FOUND is success).
   */
  async probe(): Promise<UpstreamError | null> {
    try {
      await this.limit(() => this.callGetMmsPartition({ sourceId: '0', partitionId: '0' }, this.logger));
      return null;
    } catch (error) {
      const failure = error instanceof UpstreamError ? error : new UpstreamError('UPSTREAM_ERROR', 'The probe failed unexpectedly.');
      return failure.code === 'NOT_FOUND' ? null : failure;
    }
  }

  private async attempt(key: PartitionKey, attempt: number, options: CallOptions): Promise<Partition> {
    const { signal } = options;
    if (signal?.aborted) throw deadlineError();
    if (this.tokens) await this.tokens.removeTokens(1);
    if (signal?.aborted) throw deadlineError();
    this.upstream.retryBudget.recordCall();
    return tracer.startActiveSpan(
      'GetMmsPartition',
      {
        attributes: {
          'mms.action': GET_MMS_PARTITION.action,
          'mms.source_id': key.sourceId,
          'mms.partition_id': key.partitionId,
          'mms.attempt': attempt,
          'mms.cache_tier': 'none',
        },
      },
      async (span) => {
        const started = performance.now();
        let error: UpstreamError | null = null;
        let requestId: string | null = null;
        try {
          const answer = await this.callGetMmsPartition(key, options.logger ?? this.logger);
          requestId = answer.requestId;
          return answer.partition;
        } catch (thrown) {
          error = classifyClientError(thrown, key, this.timeoutMs);
          // A throttled call retried only after the caller's deadline would answer nobody.
          if (
            error.code === 'UPSTREAM_THROTTLED' &&
            options.deadline !== undefined &&
            Date.now() + throttledRetryFloorMs(attempt) >= options.deadline
          ) {
            error = error.asFinal();
          }
          throw error;
        } finally {
          const report: UpstreamCallReport = { key, attempt, durationMs: performance.now() - started, error };
          const upstreamRequestId = requestId ?? error?.upstreamRequestId ?? null;
          span.setAttributes({
            'mms.status': error ? error.code : 'OK',
            ...(error?.upstreamCode && { 'mms.upstream_code': error.upstreamCode }),
            ...(upstreamRequestId && { 'mms.upstream_request_id': upstreamRequestId }),
            ...(error?.httpStatus && { 'http.response.status_code': error.httpStatus }),
          });
          if (error && error.code !== 'NOT_FOUND') span.setStatus({ code: SpanStatusCode.ERROR, message: error.code });
          span.end();
          if (!error || error.acceptedByUpstream) this.lastAccepted = Date.now();
          this.onCall?.(report);
          options.onCall?.(report);
        }
      },
    );
  }

  private async callGetMmsPartition(key: PartitionKey, logger: Logger): Promise<{ partition: Partition; requestId: string | null }> {
    // The response stream, read below as text: JSON.parse would round 64-bit integers before we
    // could check them, and the client's own readers leave a timer per call running.
    const params = getMmsPartitionParams(key, 'binary');
    let body: unknown;
    let headers: Record<string, unknown>;
    try {
      const response = await this.client.callApi(params, new OpenApi.OpenApiRequest({}), this.runtime);
      headers = response.headers ?? {};
      body = response.body instanceof IncomingMessage ? await readResponseText(response.body) : response.body;
    } catch (error) {
      // Only classified fields ever leave: the client's own error objects can hold the signed request.
      throw classifyClientError(error, key, this.timeoutMs);
    }
    const headerRequestId = typeof headers['x-acs-request-id'] === 'string' ? headers['x-acs-request-id'].trim() : null;
    if (typeof body !== 'string') {
      throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'The upstream answer has no body.', { upstreamRequestId: headerRequestId });
    }
    const answer = readPartitionAnswer(body, key, headerRequestId);
    const { partition } = answer;
    if (partition.unknownStatus !== null) {
      logger.warn(
        { sourceId: key.sourceId, partitionId: key.partitionId, status: partition.unknownStatus },
        'upstream sent a migration status this gateway does not know; serving null',
      );
    }
    return answer;
  }
}
