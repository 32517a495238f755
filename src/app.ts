import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { memoryStore, redisStore } from './cache/store.js';
import { UpstreamCache } from './cache/upstream-cache.js';
import type { Config, UpstreamEndpoint } from './config.js';
import { type Emulator, startEmulator } from './emulator/server.js';
import { GatewayMetrics } from './observability/metrics.js';
import type { OperationSpans } from './observability/tracing.js';
import { createGateway, type Gateway, listen } from './server.js';
import { Credentials } from './upstream/alicloud.js';
import { MmsClient, type UpstreamCredential } from './upstream/mms-client.js';
import { type CallQuota, clusterQuota, processQuota } from './upstream/quota.js';
import { clusterCoordinator, type WatchCoordinator } from './watch/watch-cluster.js';

export interface RunningApp {
  url: string;
  /** Present when no cloud endpoint was configured and the embedded emulator serves instead. */
  emulator: Emulator | null;
  /** Stops accepting, lets in-flight requests finish for up to `graceMs`, then stops. */
  close(graceMs?: number): Promise<void>;
}

/** A credential for a fixed AccessKey pair (the embedded emulator's). */
export function staticCredential(accessKeyId: string, accessKeySecret: string): UpstreamCredential {
  return new Credentials.default(new Credentials.Config({ type: 'access_key', accessKeyId, accessKeySecret }));
}

function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

/** MMS_MAX_QPS as this process's own token bucket (no Redis), or null without a cap. */
function processCallQuota(config: Config, metrics: GatewayMetrics): CallQuota | null {
  if (config.maxQps === null) return null;
  return processQuota(config.maxQps, metrics.recordQuotaTurn);
}

/**
 * The upstream call quota the configuration asks for: none without MMS_MAX_QPS; this process's
 * token bucket; or, with REDIS_URL too, one budget for every replica signing with the same
 * AccessKey (`identity`) for the same endpoint.
 */
export async function createCallQuota(
  config: Config,
  endpoint: UpstreamEndpoint,
  identity: () => Promise<string>,
  logger: Logger,
  metrics: GatewayMetrics,
): Promise<CallQuota | null> {
  if (config.maxQps === null || config.clusterQuota === null) return processCallQuota(config, metrics);
  const { redisUrl, redisTimeoutMs, expectedReplicas, throttleCoolDownMs } = config.clusterQuota;
  return clusterQuota({
    redisUrl,
    redisTimeoutMs,
    maxQps: config.maxQps,
    expectedReplicas,
    coolDownMs: throttleCoolDownMs,
    endpoint: `${endpoint.protocol}://${endpoint.host}`,
    identity,
    maxWaitMs: config.requestTimeoutMs,
    logger,
    onTurn: metrics.recordQuotaTurn,
  });
}

/**
 * The process's one upstream client, configured from the environment, reporting to `metrics`;
 * under `quota` (by default MMS_MAX_QPS for this process alone).
 */
export function createMmsClient(
  config: Config,
  endpoint: UpstreamEndpoint,
  credential: UpstreamCredential,
  logger: Logger,
  metrics: GatewayMetrics,
  quota: CallQuota | null = processCallQuota(config, metrics),
): MmsClient {
  const client = new MmsClient({
    endpoint,
    credential,
    timeoutMs: config.timeoutMs,
    maxConcurrency: config.maxConcurrency,
    quota,
    resilience: { maxRetries: config.maxRetries, breakerThreshold: config.breakerThreshold, breakerCooldownMs: config.breakerCooldownMs },
    logger,
    onCall: metrics.recordCall,
  });
  metrics.watchClient(client);
  // The quota's gauges beside the client's: one registration per client, whichever way its quota was made.
  if (quota) metrics.watchQuota(quota);
  return client;
}

/** The shared cache the configuration asks for (memory, or Redis), or null. */
export async function createUpstreamCache(
  config: Config,
  endpoint: UpstreamEndpoint,
  client: MmsClient,
  logger: Logger,
): Promise<UpstreamCache | null> {
  if (!config.cache) return null;
  const { redisUrl, redisTimeoutMs, maxEntries, terminalMs, activeMs, missingMs, listMs } = config.cache;
  const store = redisUrl ? await redisStore(redisUrl, redisTimeoutMs, logger) : memoryStore(maxEntries);
  return new UpstreamCache(
    store,
    { terminalMs, activeMs, missingMs, listMs },
    { endpoint: `${endpoint.protocol}://${endpoint.host}`, identity: () => client.identity() },
  );
}

/** Who polls watched partitions: with REDIS_URL one replica of the cluster per partition, else this process. */
export async function createWatchCoordinator(
  config: Config,
  endpoint: UpstreamEndpoint,
  client: MmsClient,
  logger: Logger,
): Promise<WatchCoordinator | undefined> {
  const { cluster, terminalMs } = config.watch;
  if (!cluster) return undefined;
  return clusterCoordinator({
    ...cluster,
    // The latest state outlives a few polls of the slowest interval, for replicas that join later.
    stateTtlMs: 3 * terminalMs + cluster.leaseMs,
    scope: async () => `${endpoint.protocol}://${endpoint.host}:${await client.identity()}`,
    logger,
  });
}

/** A gateway wired from `config`, and what it stands on. */
export interface AssembledGateway {
  gateway: Gateway;
  /** Closes what the gateway stands on (quota, cache, pollers' coordination), once its server is closed. */
  close(): Promise<void>;
}

/**
 * The gateway over `endpoint` as the configuration asks: the upstream quota, the one client,
 * the shared cache and who polls watched partitions (npm start and the tests wire it alike).
 */
export async function assembleGateway(
  config: Config,
  endpoint: UpstreamEndpoint,
  credential: UpstreamCredential,
  logger: Logger,
  { metrics, tracing, plugins }: { metrics: GatewayMetrics; tracing?: OperationSpans; plugins?: Plugin[] },
): Promise<AssembledGateway> {
  // The quota's budget is keyed by the client's identity, read when the first call is counted.
  const quota = await createCallQuota(config, endpoint, () => client.identity(), logger, metrics);
  const client = createMmsClient(config, endpoint, credential, logger, metrics, quota);
  const cache = await createUpstreamCache(config, endpoint, client, logger);
  const watchCoordinator = await createWatchCoordinator(config, endpoint, client, logger);
  const gateway = createGateway({
    client,
    cache,
    logger,
    settings: config,
    metrics,
    ...(tracing && { tracing }),
    ...(watchCoordinator && { watchCoordinator }),
    ...(plugins && { plugins }),
  });
  return {
    gateway,
    close: async () => {
      await quota?.close();
      await cache?.store.close();
      // Already closed with the gateway's server, unless it never listened.
      await watchCoordinator?.close();
    },
  };
}

/**
 * Starts everything `npm start` runs: the upstream (the configured cloud endpoint with the
 * default credential chain, or else the embedded emulator with a generated key pair) and the
 * gateway in front of it.
 */
export async function startApp(config: Config, logger: Logger): Promise<RunningApp> {
  let emulator: Emulator | null = null;
  let endpoint: UpstreamEndpoint;
  let credential: UpstreamCredential;
  if (config.endpoint) {
    endpoint = config.endpoint;
    // Environment variables, profile files, OIDC/RRSA, ECS role: resolved by the library on first use.
    credential = new Credentials.default();
  } else {
    // Two demo jobs move, a step every 15 s, so that live status shows something.
    emulator = await startEmulator({ host: '127.0.0.1', movingDemo: true, jobStepMs: 15_000 });
    const [key] = emulator.credentials;
    if (!key) throw new Error('the emulator started without a key pair');
    endpoint = { protocol: 'http', host: emulator.endpoint };
    credential = staticCredential(key.accessKeyId, key.accessKeySecret);
  }

  const metrics = new GatewayMetrics();
  // Loaded only when traces are exported: the OTLP exporter is heavy to load for nothing.
  const tracing = config.tracing ? (await import('./observability/tracing.js')).startTracing() : null;
  const assembled = await assembleGateway(config, endpoint, credential, logger, {
    metrics,
    ...(tracing && { tracing: tracing.plugin }),
  });
  let listening: Awaited<ReturnType<typeof listen>>;
  try {
    listening = await listen(assembled.gateway, config.host, config.port);
  } catch (error) {
    await assembled.close();
    await emulator?.close();
    throw error;
  }

  const upstream = `${endpoint.protocol}://${endpoint.host}`;
  const clientAuthOff = config.auth.apiKeys.length === 0 && config.auth.jwt === null;
  if (!emulator && clientAuthOff && !isLoopback(config.host)) {
    logger.warn(
      { host: config.host },
      'client authentication is off and the gateway listens beyond loopback: anyone who reaches this port reads through its cloud identity (set GATEWAY_API_KEYS or JWT_SECRET/JWT_JWKS_URL)',
    );
  }
  if (config.mutations && config.auth.writeApiKeys.length === 0 && config.auth.jwt === null) {
    logger.warn(
      'MMS_MUTATIONS=on, but no caller can control jobs: set GATEWAY_WRITE_API_KEYS, or JWT_SECRET/JWT_JWKS_URL for tokens with the write scope',
    );
  }
  const upstreamSaid = emulator
    ? `the embedded MaxCompute emulator at ${upstream} (set MAXCOMPUTE_ENDPOINT or ALIBABA_CLOUD_REGION_ID for the cloud)`
    : upstream;
  logger.info(
    { graphql: `${listening.url}/graphql`, upstream },
    `MMS GraphQL gateway on ${listening.url}/graphql, upstream: ${upstreamSaid}`,
  );

  return {
    url: listening.url,
    emulator,
    close: async (graceMs = 0) => {
      await listening.close(graceMs);
      await assembled.close();
      await emulator?.close();
      await tracing?.shutdown();
    },
  };
}
