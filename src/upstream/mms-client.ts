import { IncomingMessage } from 'node:http';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { type IPolicy, isBrokenCircuitError } from 'cockatiel';
import pLimit, { type LimitFunction } from 'p-limit';
import type { Logger } from 'pino';
import type { UpstreamEndpoint } from '../config.js';
import { type CallParams, callPath, MMS_API_VERSION, readAnswer, type UpstreamAction, wireQuery } from './action.js';
import { GET_MMS_PARTITION, partitionParams } from './actions/partition.js';
import { type Credential, OpenApi, type OpenApiClient, readResponseText, TeaUtil } from './alicloud.js';
import { classifyClientError, notFoundError, UpstreamError, type UpstreamErrorDetails } from './errors.js';
import type { CallQuota } from './quota.js';
import { createUpstreamPolicy, type ResilienceOptions, throttledRetryFloorMs, type UpstreamPolicy } from './resilience.js';

/**
 * One call as the client library describes it: a signed ROA GET of the action's path.
 * `bodyType` says how the library hands the answer over (`binary`: the response stream).
 */
export function openApiParams(
  action: UpstreamAction<unknown>,
  params: CallParams,
  bodyType: 'binary' | 'json',
): InstanceType<typeof OpenApi.Params> {
  return new OpenApi.Params({
    action: action.name,
    version: MMS_API_VERSION,
    protocol: 'HTTPS',
    pathname: callPath(action, params),
    method: action.method,
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
  /** Calls started per second (MMS_MAX_QPS): this process's, or the cluster's through Redis; null for no cap. */
  quota: CallQuota | null;
  resilience: ResilienceOptions;
  logger: Logger;
  /** Told about every call made (metrics); per-request listeners come with each load. */
  onCall?: (report: UpstreamCallReport) => void;
}

/** One upstream call, as it ended: for metrics, logs and the request's counters. */
export interface UpstreamCallReport {
  /** The action's name (a bounded label). */
  action: string;
  params: CallParams;
  /** 1 for the first call of a key, 2 for its first retry, ... */
  attempt: number;
  durationMs: number;
  /** null when the call succeeded. */
  error: UpstreamError | null;
}

/** An answer of the upstream with its request id (the body's `requestId`, else the header's). */
export interface SignedAnswer<Result> {
  result: Result;
  requestId: string | null;
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
 * The one signed call path of every action. One instance per process (and so per endpoint):
 * it owns the signed client (and its pooled keep-alive connections), the concurrency limit,
 * the optional rate cap, retries with their budget, and the circuit breaker.
 */
export class MmsClient {
  private readonly client: OpenApiClient;
  private readonly limit: LimitFunction;
  private readonly quota: CallQuota | null;
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
    this.quota = options.quota;
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
   * Makes one call of `action`; rejects with an UpstreamError. Parameters must already be
   * canonical. When `signal` aborts (deadline, client gone), nothing more is started for this
   * call and the promise rejects at once; a call already on the wire finishes unobserved,
   * since the client library cannot cancel it.
   */
  call<Result>(action: UpstreamAction<Result>, params: CallParams, options: CallOptions = {}): Promise<Result> {
    if (action.kind === 'write') throw new Error(`${action.name} changes state: use write(), which never retries it`);
    return this.run(this.upstream.policy, action, params, options).then((answer) => answer.result);
  }

  /**
   * Makes one call of a `write` action, exactly once: a change is not idempotent, so it is
   * never retried (a throttled or failed one is reported as it is); the limits and the
   * breaker apply as to reads. Resolves with the answer and the upstream's request id.
   */
  write<Result>(action: UpstreamAction<Result>, params: CallParams, options: CallOptions = {}): Promise<SignedAnswer<Result>> {
    if (action.kind !== 'write') throw new Error(`${action.name} is a read: use call()`);
    return this.run(this.upstream.once, action, params, options);
  }

  private run<Result>(
    policy: IPolicy,
    action: UpstreamAction<Result>,
    params: CallParams,
    options: CallOptions,
  ): Promise<SignedAnswer<Result>> {
    const { signal } = options;
    let attempt = 0;
    const work = policy
      .execute(() => this.limit(() => this.attempt(action, params, ++attempt, options)), signal)
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
      await this.limit(() => this.send(GET_MMS_PARTITION, partitionParams({ sourceId: '0', partitionId: '0' }), this.logger));
      return null;
    } catch (error) {
      const failure = error instanceof UpstreamError ? error : new UpstreamError('UPSTREAM_ERROR', 'The probe failed unexpectedly.');
      return failure.code === 'NOT_FOUND' ? null : failure;
    }
  }

  private async attempt<Result>(
    action: UpstreamAction<Result>,
    params: CallParams,
    attempt: number,
    options: CallOptions,
  ): Promise<SignedAnswer<Result>> {
    const { signal } = options;
    if (signal?.aborted) throw deadlineError();
    if (this.quota) await this.quota.acquire({ deadline: options.deadline, signal });
    if (signal?.aborted) throw deadlineError();
    this.upstream.retryBudget.recordCall();
    return tracer.startActiveSpan(action.name, { attributes: spanAttributes(action, params, attempt) }, async (span) => {
      const started = performance.now();
      let error: UpstreamError | null = null;
      let requestId: string | null = null;
      try {
        const answer = await this.send(action, params, options.logger ?? this.logger);
        requestId = answer.requestId;
        return answer;
      } catch (thrown) {
        error = classifyClientError(thrown, (details) => notFoundError(action.notFound(params), details), this.timeoutMs);
        if (error.code === 'UPSTREAM_THROTTLED') this.quota?.reportThrottled();
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
        const report: UpstreamCallReport = { action: action.name, params, attempt, durationMs: performance.now() - started, error };
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
    });
  }

  private async send<Result>(action: UpstreamAction<Result>, params: CallParams, logger: Logger): Promise<SignedAnswer<Result>> {
    // The response stream, read below as text: JSON.parse would round 64-bit integers before we
    // could check them, and the client's own readers leave a timer per call running.
    const request = new OpenApi.OpenApiRequest({ query: wireQuery(action, params) });
    const notFound = (details: UpstreamErrorDetails) => notFoundError(action.notFound(params), details);
    let body: unknown;
    let headers: Record<string, unknown>;
    try {
      const response = await this.client.callApi(openApiParams(action, params, 'binary'), request, this.runtime);
      headers = response.headers ?? {};
      body = response.body instanceof IncomingMessage ? await readResponseText(response.body) : response.body;
    } catch (error) {
      // Only classified fields ever leave: the client's own error objects can hold the signed request.
      throw classifyClientError(error, notFound, this.timeoutMs);
    }
    const headerRequestId = typeof headers['x-acs-request-id'] === 'string' ? headers['x-acs-request-id'].trim() : null;
    if (typeof body !== 'string') {
      throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'The upstream answer has no body.', { upstreamRequestId: headerRequestId });
    }
    const { result, requestId } = readAnswer(action, params, body, headerRequestId);
    const unknown = action.unknownValues?.(result) ?? [];
    if (unknown.length > 0) {
      logger.warn(
        { action: action.name, ...params.path, values: unknown },
        'upstream sent values this gateway does not know; serving null for them',
      );
    }
    return { result, requestId };
  }
}

// A path parameter's span attribute name (`sourceId` → `mms.source_id`), worked out once per name.
const attributeNames = new Map<string, string>();
function attributeName(parameter: string): string {
  let name = attributeNames.get(parameter);
  if (name === undefined) {
    name = `mms.${parameter.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`)}`;
    attributeNames.set(parameter, name);
  }
  return name;
}

/** The span attributes of one call: the action and its path parameters (`mms.source_id`, ...). */
function spanAttributes(action: UpstreamAction<unknown>, params: CallParams, attempt: number): Record<string, string | number> {
  const attributes: Record<string, string | number> = { 'mms.action': action.name, 'mms.attempt': attempt, 'mms.cache_tier': 'none' };
  for (const [name, value] of Object.entries(params.path)) attributes[attributeName(name)] = value;
  return attributes;
}
