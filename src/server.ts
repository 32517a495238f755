import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { createInMemoryAPQStore, useAPQ } from '@graphql-yoga/plugin-apq';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { type GraphQLError, NoSchemaIntrospectionCustomRule } from 'graphql';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { persistedQueryStore } from './cache/store.js';
import type { UpstreamCache } from './cache/upstream-cache.js';
import { UpstreamReader } from './cache/upstream-reader.js';
import type { Config } from './config.js';
import { createContext, type GatewayContext, releaseRequest } from './context.js';
import type { GatewayMetrics } from './observability/metrics.js';
import { useReadiness } from './observability/readiness.js';
import { useRequestLog } from './observability/request-log.js';
import type { OperationSpans } from './observability/tracing.js';
import { useAnswersAfterReads } from './plugins/answers-after-reads.js';
import { useBodyLimit } from './plugins/body-limit.js';
import { useClientAuth } from './plugins/client-auth.js';
import { useClientSchemaForIntrospection } from './plugins/client-introspection.js';
import { useCompiledQueries } from './plugins/compiled-execution.js';
import { renderGraphiQLPage, useSelfHostedGraphiQL } from './plugins/graphiql.js';
import { useHttpCaching } from './plugins/http-caching.js';
import { useReadEstimate } from './plugins/read-estimate.js';
import { requestIdOf, useRequestId } from './plugins/request-id.js';
import { useBadVariableCodes } from './plugins/variable-errors.js';
import { gatewaySchemas } from './schema/index.js';
import type { MmsClient } from './upstream/mms-client.js';
import { PartitionWatch } from './watch/partition-watch.js';
import type { WatchCoordinator } from './watch/watch-cluster.js';
import { serveWebSocket, type WebSocketSettings } from './websocket.js';

export type GatewaySettings = Pick<
  Config,
  | 'metrics'
  | 'production'
  | 'maxEntities'
  | 'maxKeysPerRequest'
  | 'requestTimeoutMs'
  | 'maxBodyBytes'
  | 'queryLimits'
  | 'introspection'
  | 'graphiql'
  | 'endpoint'
  | 'corsOrigins'
  | 'auth'
  | 'mutations'
  | 'watch'
  | 'maxConcurrency'
>;

export interface GatewayOptions {
  client: MmsClient;
  logger: Logger;
  settings: GatewaySettings;
  /** The shared partition cache, or null. */
  cache: UpstreamCache | null;
  /** The gateway's metrics (its client should report calls to it too). */
  metrics: GatewayMetrics;
  /** Set when traces are exported: the operation-span plugin (observability/tracing.ts). */
  tracing?: OperationSpans;
  /** Who polls watched partitions (watch/watch-cluster.ts): by default this process, for what it watches. */
  watchCoordinator?: WatchCoordinator;
  /** Further envelop/yoga plugins, after the gateway's own. */
  plugins?: Plugin[];
}

const GRAPHQL_ENDPOINT = '/graphql';

export type Gateway = YogaServerInstance<Record<string, never>, GatewayContext>;

/** What serving a gateway takes besides the yoga instance: its WebSocket settings, and its pollers to end on close. */
interface Served {
  watch: PartitionWatch;
  webSocket: Omit<WebSocketSettings, 'path'>;
}
const served = new WeakMap<Gateway, Served>();

// Yoga logs with console-style arguments; pino wants an object then a message.
function forwardTo(logger: Logger, level: 'debug' | 'info' | 'warn' | 'error') {
  return (first: unknown, ...rest: unknown[]) => {
    if (first instanceof Error) logger[level]({ err: first }, first.message);
    else logger[level](rest.length > 0 ? { details: rest } : {}, String(first));
  };
}

/** GraphiQL's first tab: the published example partition (the emulator has it), else placeholders. */
function exampleQuery(emulated: boolean): string {
  const [sourceId, partitionId] = emulated ? ['200018', '2323'] : ['<sourceId>', '<partitionId>'];
  return `# ${emulated ? 'The published example partition, served by the embedded emulator.' : 'Put a data source and partition ID of your account here.'}
query Partition {
  mmsPartition(sourceId: "${sourceId}", partitionId: "${partitionId}") {
    id
    tableName
    value
    size
    numRows
    status
    lastDdlTime
    source { id name }
    destination { projectName schemaName tableName value }
  }
}
`;
}

const refuseIntrospection: Plugin = {
  onValidate: ({ addValidationRule }) => addValidationRule(NoSchemaIntrospectionCustomRule),
};

// graphql-armor's refusals carry no code of their own; clients get one stable code for all.
function markLimitError(_context: unknown, error: GraphQLError): void {
  error.extensions.code = 'QUERY_LIMIT_EXCEEDED';
}

/**
 * The GraphQL application: one endpoint for plain clients and federation routers alike
 * (the subgraph schema, introspected as the client schema), per-request context, `/health`,
 * and the cross-cutting protections as plugins, all before any resolver runs.
 */
export function createGateway({
  client,
  cache,
  logger,
  settings,
  metrics,
  tracing,
  watchCoordinator,
  plugins = [],
}: GatewayOptions): Gateway {
  const reader = new UpstreamReader(client, cache, metrics.recordCacheLookup);
  // Polls may hold at most half the upstream concurrency: watching never starves queries.
  const watch = new PartitionWatch(
    reader,
    { ...settings.watch, maxPolls: Math.floor(settings.maxConcurrency / 2) },
    logger,
    watchCoordinator,
  );
  if (settings.metrics) watch.reportTo(metrics.watchLiveStatus(watch));
  const limits = {
    maxEntities: settings.maxEntities,
    maxKeysPerRequest: settings.maxKeysPerRequest,
    requestTimeoutMs: settings.requestTimeoutMs,
  };
  const { queryLimits } = settings;
  const { schema, subgraphSchema } = gatewaySchemas(settings.mutations);
  const gateway = createYoga<Record<string, never>, GatewayContext>({
    schema: subgraphSchema,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    healthCheckEndpoint: '/health',
    context: ({ request }) =>
      createContext(
        { reader, logger, limits, mutations: settings.mutations, watch, onBatch: metrics.recordBatch },
        request,
        requestIdOf(request),
      ),
    // Off unless origins are listed: a browser on another origin then cannot read answers.
    cors: settings.corsOrigins.length > 0 ? { origin: settings.corsOrigins, methods: ['GET', 'POST'], credentials: true } : false,
    batching: false,
    // useBodyLimit below already refuses bodies without a Content-Length or above the limit, and
    // Node's parser reads no byte past the declared length: yoga's own check would pipe every
    // body through a stream transform for nothing (about 6% of a small request's CPU).
    maxRequestBodySize: false,
    graphiql: settings.graphiql ? { title: 'MMS GraphQL gateway', defaultQuery: exampleQuery(settings.endpoint === null) } : false,
    renderGraphiQL: renderGraphiQLPage,
    logging: {
      debug: forwardTo(logger, 'debug'),
      info: forwardTo(logger, 'info'),
      warn: forwardTo(logger, 'warn'),
      error: forwardTo(logger, 'error'),
    },
    plugins: [
      { onResponse: ({ request }) => releaseRequest(request) },
      // Before the answer hooks below, so that logs and metrics time an answer as it leaves.
      useAnswersAfterReads(),
      useRequestId(),
      useRequestLog(logger, GRAPHQL_ENDPOINT),
      ...(settings.graphiql ? [useSelfHostedGraphiQL(GRAPHQL_ENDPOINT)] : []),
      useHttpCaching(GRAPHQL_ENDPOINT),
      useReadiness(client),
      // Off means off: nothing is recorded per request when nothing can read it.
      ...(settings.metrics ? [metrics.graphqlPlugin('/metrics')] : []),
      // Before the tracing plugin, which wraps whichever executor is set when its turn comes.
      ...useCompiledQueries(),
      // After the variables are coerced, before anything executes.
      useReadEstimate(settings.maxKeysPerRequest),
      ...(tracing ? [tracing] : []),
      useBodyLimit(settings.maxBodyBytes),
      // Automatic persisted queries: browsers and CDNs may send a hash (also by GET) instead of the query.
      useAPQ({
        store: cache ? persistedQueryStore(cache.store) : createInMemoryAPQStore({ max: 1000 }),
        responseConfig: { forceStatusCodeOk: true },
      }),
      // Browsers may send "simple" requests cross-site without a preflight; those must carry a header.
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'apollo-require-preflight', 'x-apollo-operation-name'] }),
      ...useClientAuth(settings.auth),
      EnvelopArmorPlugin({
        maxDepth: { n: queryLimits.maxDepth, ignoreIntrospection: true, flattenFragments: true, onReject: [markLimitError] },
        maxAliases: { n: queryLimits.maxAliases, onReject: [markLimitError] },
        maxTokens: { n: queryLimits.maxTokens, onReject: [markLimitError] },
        maxDirectives: { n: queryLimits.maxDirectives, onReject: [markLimitError] },
        costLimit: { maxCost: queryLimits.maxCost, ignoreIntrospection: true, onReject: [markLimitError] },
        blockFieldSuggestion: { enabled: settings.production },
      }),
      // Refused on every transport: yoga's plugin for this only marks requests parsed over HTTP.
      ...(settings.introspection ? [] : [refuseIntrospection]),
      useBadVariableCodes(),
      useClientSchemaForIntrospection(schema),
      ...plugins,
    ],
  });
  served.set(gateway, { watch, webSocket: { corsOrigins: settings.corsOrigins, maxMessageBytes: settings.maxBodyBytes, logger } });
  return gateway;
}

export interface ListeningGateway {
  url: string;
  server: Server;
  /** Stops accepting, lets in-flight requests finish for up to `graceMs`, then cuts the rest. */
  close(graceMs?: number): Promise<void>;
}

/** Serves the gateway over HTTP and WebSocket on `host:port` (port 0 picks a free one). */
export async function listen(gateway: Gateway, host: string, port: number): Promise<ListeningGateway> {
  const server = createServer(gateway);
  const extras = served.get(gateway);
  const webSocket = extras ? serveWebSocket(gateway, server, { ...extras.webSocket, path: GRAPHQL_ENDPOINT }) : null;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    server,
    close: (graceMs = 0) =>
      new Promise<void>((resolve) => {
        // Subscriptions never finish by themselves: they end first, so their connections can close.
        const watchClosed = extras?.watch.close();
        webSocket?.close();
        const force = setTimeout(() => server.closeAllConnections(), graceMs);
        // Keep-alive connections go idle as their last response is sent: close them as they do.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        server.close(() => {
          clearTimeout(force);
          clearInterval(sweep);
          void Promise.resolve(watchClosed).then(() => resolve());
        });
        server.closeIdleConnections();
      }),
  };
}
