import type { Plugin } from 'graphql-yoga';
import pLimit from 'p-limit';
import { createMmsClient } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { GatewayContext } from '../src/context.js';
import type { RequestLoaders } from '../src/loaders/request-loaders.js';
import { createLogger } from '../src/logger.js';
import { GatewayMetrics } from '../src/observability/metrics.js';
import { createGateway, listen } from '../src/server.js';
import type { CallParams, UpstreamAction } from '../src/upstream/action.js';
import { Credentials } from '../src/upstream/alicloud.js';
import { bareCall, callLoop } from './bare-client.js';
import { inProcessAnswerClient } from './in-process-answer.js';

// The gateway of `npm start`, with one part swapped, for the benchmark's baselines:
//   b0 — the upstream replaced by an in-process answer: what GraphQL and the plugins cost alone;
//   bn — no DataLoader: every field calls the upstream itself (the naive resolver);
//   m1 — b0 with the bare client library calling the emulator beside it, in the same process,
//        as many calls at a time as the gateway's limit allows: what GraphQL work and upstream
//        calls cost together when nothing of the gateway links them.
//   z1 — b0 whose every load first makes one bare client library call to the emulator (as C1
//        makes it, as many at a time as the gateway's limit allows): S1 with none of the
//        gateway's own code around its calls (no retry, breaker, span, reports, reader).

const variant = process.argv[2];
const config = loadConfig(process.env);
const logger = createLogger(config.logLevel);
const metrics = new GatewayMetrics();
const endpoint = config.endpoint ?? { protocol: 'http' as const, host: '127.0.0.1:1' };
const credential = new Credentials.default();

const upstreamUrl = `${endpoint.protocol}://${endpoint.host}`;

function bareCallFirst(): () => Promise<unknown> {
  const call = bareCall(upstreamUrl);
  const limit = pLimit(config.maxConcurrency);
  return () => limit(call);
}

const client =
  variant === 'b0' || variant === 'm1'
    ? inProcessAnswerClient(logger)
    : variant === 'z1'
      ? inProcessAnswerClient(logger, bareCallFirst())
      : createMmsClient(config, endpoint, credential, logger, metrics);

const naiveLoader: Plugin<GatewayContext> = {
  onContextBuilding: ({ extendContext }) => {
    // Every load a call of its own: no batching, no deduplication.
    const naive = {
      load: (action: UpstreamAction<unknown>, params: CallParams) => client.call(action, params),
    } as unknown as RequestLoaders;
    extendContext({ loaders: naive });
  },
};

const gateway = createGateway({
  client,
  cache: null,
  logger,
  settings: config,
  metrics,
  plugins: variant === 'bn' ? [naiveLoader as Plugin] : [],
});
const server = await listen(gateway, config.host, config.port);
if (variant === 'm1') {
  // Runs until the process is stopped; the benchmark counts these calls at the emulator.
  void callLoop(bareCall(upstreamUrl), config.maxConcurrency, () => false);
}
logger.info({ graphql: `${server.url}/graphql` }, `benchmark variant ${variant} ready`);
process.once('SIGINT', () => process.exit(0));
process.once('SIGTERM', () => process.exit(0));
