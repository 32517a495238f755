import { createCounter, createHistogram, type FillLabelsFnParams, usePrometheus } from '@graphql-yoga/plugin-prometheus';
import type { Plugin } from 'graphql-yoga';
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import { MMS_ACTIONS } from '../upstream/actions/index.js';
import { UPSTREAM_ERROR_CODES } from '../upstream/errors.js';
import type { MmsClient, UpstreamCallReport } from '../upstream/mms-client.js';
import type { CallQuota, QuotaTurn } from '../upstream/quota.js';
import type { PartitionWatch, WatchMetrics } from '../watch/partition-watch.js';

// Label values stay bounded: operation names are the client's to choose, so only the first
// few hundred well-formed ones are kept; upstream codes come from a known list.

const MAX_OPERATION_NAMES = 200;
const KNOWN_UPSTREAM_CODES = new Set([
  'Throttling',
  'Throttling.User',
  'Throttling.Api',
  'ServiceUnavailable',
  'InternalError',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
  'InvalidAccessKeyId.NotFound',
  'InvalidTimeStamp.Expired',
  'SignatureNonceUsed',
  'InvalidSecurityToken.Expired',
  'InvalidSecurityToken.Malformed',
  'InvalidSecurityToken.MismatchWithAccessKey',
  'Forbidden.RAM',
  'NoPermission',
  'InvalidParameter',
  'MissingParameter',
  'NotFound',
  'ECONNRESET',
  'ECONNREFUSED',
]);
const KNOWN_ERROR_CODES: ReadonlySet<string> = new Set([
  ...UPSTREAM_ERROR_CODES,
  'BAD_USER_INPUT',
  'UNAUTHENTICATED',
  'VALUE_OUT_OF_RANGE',
  'LIMIT_EXCEEDED',
  'QUERY_LIMIT_EXCEEDED',
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'INTERNAL_SERVER_ERROR',
]);

// The described actions: a label value per action, whatever calls are made.
const KNOWN_ACTIONS: ReadonlySet<string> = new Set(MMS_ACTIONS.map((action) => action.name));

export function boundedUpstreamCode(code: string | null): string {
  if (code === null) return 'none';
  return KNOWN_UPSTREAM_CODES.has(code) ? code : 'other';
}

export function boundedErrorCode(code: unknown): string {
  return typeof code === 'string' && KNOWN_ERROR_CODES.has(code) ? code : 'other';
}

export function createOperationNameBound(): (name: string | undefined) => string {
  const seen = new Set<string>();
  return (name) => {
    if (!name) return 'anonymous';
    if (seen.has(name)) return name;
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,63}$/.test(name) || seen.size >= MAX_OPERATION_NAMES) return 'other';
    seen.add(name);
    return name;
  };
}

/** What the HTTP duration histogram is given for its labels. */
type HttpLabelParams = FillLabelsFnParams & { request: Request; response: Response };

/** The gateway's own metrics: upstream calls, retries, concurrency, circuit, batching. */
export class GatewayMetrics {
  readonly registry = new Registry();
  private readonly upstreamCalls: Counter<'action' | 'outcome' | 'upstream_code'>;
  private readonly upstreamDuration: Histogram<'action' | 'outcome'>;
  private readonly upstreamRetries: Counter<'action' | 'outcome'>;
  private readonly batchSize: Histogram;
  private readonly cacheLookups: Counter<'tier' | 'outcome'>;
  private readonly quotaTokens: Counter<'outcome'>;
  private readonly quotaWait: Histogram;

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.upstreamCalls = new Counter({
      name: 'mms_upstream_calls_total',
      help: 'Upstream calls by action, outcome (OK or the error code) and upstream code.',
      labelNames: ['action', 'outcome', 'upstream_code'],
      registers,
    });
    this.upstreamDuration = new Histogram({
      name: 'mms_upstream_call_duration_seconds',
      help: 'Upstream call latency, by action and outcome.',
      labelNames: ['action', 'outcome'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.upstreamRetries = new Counter({
      name: 'mms_upstream_retries_total',
      help: 'Upstream calls that were retries, by action and outcome.',
      labelNames: ['action', 'outcome'],
      registers,
    });
    this.quotaTokens = new Counter({
      name: 'mms_upstream_quota_tokens_total',
      help: 'Turns of upstream calls under MMS_MAX_QPS: granted (at once), granted_after_wait, refused (the deadline came first: not sent), abandoned (the request went away).',
      labelNames: ['outcome'],
      registers,
    });
    this.quotaWait = new Histogram({
      name: 'mms_upstream_quota_wait_seconds',
      help: 'How long calls that had to wait for the upstream quota waited, whatever the outcome.',
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 15],
      registers,
    });
    this.cacheLookups = new Counter({
      name: 'mms_cache_lookups_total',
      help: 'Shared partition cache lookups by tier (memory, redis) and outcome (hit, miss, bypass).',
      labelNames: ['tier', 'outcome'],
      registers,
    });
    this.batchSize = new Histogram({
      name: 'mms_loader_batch_size',
      help: 'Partitions per DataLoader dispatch (distinct keys fanned out together).',
      buckets: [1, 2, 5, 10, 20, 50, 100, 200, 500],
      registers,
    });
  }

  recordQuotaTurn = (turn: QuotaTurn, waitedMs: number): void => {
    this.quotaTokens.inc({ outcome: turn });
    if (turn !== 'granted') this.quotaWait.observe(waitedMs / 1000);
  };

  /** Live partition status: gauges read when scraped, and the pollers' counters. */
  watchLiveStatus(watch: PartitionWatch): WatchMetrics {
    const registers = [this.registry];
    this.readGauge(
      'mms_watch_partitions',
      'Partitions watched for mmsPartitionChanged subscribers of this process.',
      () => watch.load.partitions,
    );
    this.readGauge(
      'mms_watch_polled_partitions',
      'Watched partitions this process polls itself (with Redis: those it holds the lease of; the other replicas poll the rest).',
      () => watch.load.polled,
    );
    this.readGauge('mms_watch_subscribers', 'Open mmsPartitionChanged subscriptions.', () => watch.load.subscribers);
    const polls = new Counter({
      name: 'mms_watch_polls_total',
      help: 'Reads of watched partitions (polls, and fresh reads by queries), by outcome: changed, unchanged, failed.',
      labelNames: ['outcome'],
      registers,
    });
    const events = new Counter({ name: 'mms_watch_events_total', help: 'Live status events sent to subscribers.', registers });
    return { onPoll: (outcome) => polls.inc({ outcome }), onEvents: (count) => events.inc(count) };
  }

  /** Gauges read from the upstream quota when scraped. */
  watchQuota(quota: CallQuota): void {
    this.readGauge(
      'mms_upstream_quota_local_fallback',
      '1 while Redis cannot be reached and this replica keeps to its share of MMS_MAX_QPS (÷ MMS_EXPECTED_REPLICAS); 0 on the cluster-wide quota.',
      () => (quota.state.localFallback ? 1 : 0),
    );
    this.readGauge(
      'mms_upstream_quota_cooldown',
      '1 while calls go at half of MMS_MAX_QPS because the upstream throttled one (here or, through Redis, at another replica).',
      () => (quota.state.coolingDown ? 1 : 0),
    );
  }

  recordCacheLookup = (tier: string, outcome: 'hit' | 'miss' | 'bypass'): void => {
    this.cacheLookups.inc({ tier, outcome });
  };

  /** Gauges read from the client when scraped. */
  watchClient(client: MmsClient): void {
    this.readGauge('mms_upstream_in_flight', 'GetMmsPartition calls running now.', () => client.load.active);
    this.readGauge('mms_upstream_queued', 'GetMmsPartition calls waiting for a concurrency slot.', () => client.load.pending);
    this.readGauge('mms_upstream_circuit_state', 'Circuit breaker state: 0 closed, 1 half-open, 2 open.', () => {
      const { circuit } = client;
      return circuit === 'closed' ? 0 : circuit === 'half-open' ? 1 : 2;
    });
  }

  /** A gauge without labels whose value is `read` when scraped. */
  private readGauge(name: string, help: string, read: () => number): void {
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        this.set(read());
      },
    });
  }

  recordCall = ({ action: name, attempt, durationMs, error }: UpstreamCallReport): void => {
    const outcome = error ? error.code : 'OK';
    const action = KNOWN_ACTIONS.has(name) ? name : 'other';
    this.upstreamCalls.inc({ action, outcome, upstream_code: boundedUpstreamCode(error?.upstreamCode ?? null) });
    this.upstreamDuration.observe({ action, outcome }, durationMs / 1000);
    if (attempt > 1) this.upstreamRetries.inc({ action, outcome });
  };

  recordBatch = (size: number): void => {
    this.batchSize.observe(size);
  };

  /** GraphQL request count, duration and errors (by operation and code) through the yoga plugin. */
  graphqlPlugin(endpoint: string): Plugin {
    const registry = this.registry;
    const operationName = createOperationNameBound();
    const labels = (params: { operationName?: string; operationType?: string }) => ({
      operationName: operationName(params.operationName),
      operationType: params.operationType ?? 'unknown',
    });
    return usePrometheus({
      registry,
      endpoint,
      metrics: {
        graphql_envelop_request: createCounter({
          registry,
          counter: { name: 'graphql_requests_total', help: 'GraphQL operations executed.', labelNames: ['operationName', 'operationType'] },
          fillLabelsFn: labels,
        }),
        graphql_envelop_request_duration: createHistogram({
          registry,
          histogram: {
            name: 'graphql_request_duration_seconds',
            help: 'GraphQL operation duration, parse to result.',
            labelNames: ['operationName', 'operationType'],
            buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15],
          },
          fillLabelsFn: labels,
        }),
        graphql_envelop_error_result: createCounter({
          registry,
          counter: {
            name: 'graphql_errors_total',
            help: 'GraphQL errors by operation, phase and code.',
            labelNames: ['operationName', 'phase', 'code'],
          },
          fillLabelsFn: (params) => ({
            operationName: operationName(params.operationName),
            phase: params.errorPhase,
            code: boundedErrorCode((params.error as { extensions?: { code?: unknown } } | undefined)?.extensions?.code),
          }),
        }),
        // Built here, not left to its default, which labels by the raw operation name.
        graphql_yoga_http_duration: createHistogram<
          'request',
          'operationName' | 'operationType' | 'method' | 'statusCode',
          HttpLabelParams
        >({
          registry,
          histogram: {
            name: 'graphql_yoga_http_duration',
            help: 'Time spent on HTTP connection',
            labelNames: ['operationName', 'operationType', 'method', 'statusCode'],
          },
          fillLabelsFn: (params) => ({ ...labels(params), method: params.request.method, statusCode: params.response.status }),
          phases: ['request'],
        }),
        // Quantile summaries cost CPU on every request and, by default, label by the raw operation name.
        graphql_envelop_request_time_summary: false,
        graphql_envelop_phase_parse: false,
        graphql_envelop_phase_validate: false,
        graphql_envelop_phase_context: false,
        graphql_envelop_phase_execute: false,
        graphql_envelop_phase_subscribe: false,
        graphql_envelop_execute_resolver: false,
        graphql_envelop_deprecated_field: false,
        graphql_envelop_schema_change: false,
      },
    });
  }
}
