import type { TracerProvider } from '@opentelemetry/api';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { assembleGateway, staticCredential } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import { type Emulator, type EmulatorOptions, startEmulator } from '../../src/emulator/server.js';
import { createLogger } from '../../src/logger.js';
import { GatewayMetrics } from '../../src/observability/metrics.js';
import { operationSpans } from '../../src/observability/tracing.js';
import { listen } from '../../src/server.js';
import type { UpstreamCredential } from '../../src/upstream/mms-client.js';

export interface GraphQLAnswer {
  status: number;
  data?: Record<string, unknown> | null;
  errors?: {
    message: string;
    path?: (string | number)[];
    locations?: { line: number; column: number }[];
    extensions?: Record<string, unknown>;
  }[];
  /** The raw response text, for checks that nothing secret is in it. */
  text: string;
}

export interface HarnessOptions {
  /** Gateway environment, as `npm start` would read it (defaults otherwise). */
  env?: Record<string, string>;
  emulator?: EmulatorOptions;
  /** Share a running emulator (e.g. between two gateways) instead of starting one. */
  sharedEmulator?: Emulator;
  /** Sign with this secret instead of the emulator's (to provoke signature refusals). */
  accessKeySecret?: string;
  /** Sign with this credential instead (e.g. an STS one). */
  credential?: UpstreamCredential;
  /** Point the client at this endpoint instead of the emulator (e.g. a closed port). */
  endpointHost?: string;
  /** Extra yoga plugins, e.g. to observe what the gateway executes. */
  plugins?: Plugin[];
  /** Trace operations with this provider (tests use an in-memory exporter). */
  tracerProvider?: TracerProvider;
}

/**
 * The real thing end to end: the emulator on a loopback port, the real client library signing
 * for it, the gateway on another port, queried with fetch. Log lines are kept in `logs`.
 */
export interface Harness {
  emulator: Emulator;
  url: string;
  logs: string[];
  logger: Logger;
  config: Config;
  query(query: string, variables?: Record<string, unknown>, headers?: Record<string, string>): Promise<GraphQLAnswer>;
  close(): Promise<void>;
}

export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  // The shared cache is off unless a test asks for it: most tests count upstream calls per request.
  // The harness always signs for the emulator (or `endpointHost`), as `--emulator` does.
  const config = loadConfig({ MMS_CACHE: 'off', ...options.env }, { emulator: true });
  const emulator = options.sharedEmulator ?? (await startEmulator(options.emulator));
  const logs: string[] = [];
  const logger = createLogger(options.env?.LOG_LEVEL ?? 'debug', { write: (line: string) => void logs.push(line) });
  const [key] = emulator.credentials;
  if (!key) throw new Error('emulator without credentials');
  const credential = options.credential ?? staticCredential(key.accessKeyId, options.accessKeySecret ?? key.accessKeySecret);
  const metrics = new GatewayMetrics();
  const endpoint = { protocol: 'http' as const, host: options.endpointHost ?? emulator.endpoint };
  const { gateway, close } = await assembleGateway(config, endpoint, credential, logger, {
    metrics,
    ...(options.tracerProvider && { tracing: operationSpans(options.tracerProvider) }),
    ...(options.plugins && { plugins: options.plugins }),
  });
  const server = await listen(gateway, '127.0.0.1', 0);
  return {
    emulator,
    url: server.url,
    logs,
    logger,
    config,
    query: (query, variables, headers) => postGraphQL(`${server.url}/graphql`, query, variables, headers),
    close: async () => {
      await server.close();
      await close();
      if (!options.sharedEmulator) await emulator.close();
    },
  };
}

export async function postGraphQL(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
): Promise<GraphQLAnswer> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
  const text = await response.text();
  return { status: response.status, text, ...(JSON.parse(text) as Omit<GraphQLAnswer, 'status' | 'text'>) };
}

/** Every field of MmsPartition, for queries that check the whole shape. */
export const ALL_PARTITION_FIELDS = `
  id sourceId dbId dbName tableId tableName value spec { column value }
  size numRows updated lastDdlTime status
  source { id name }
  destination { projectName schemaName tableName value }
`;

/** The subgraph's own federation SDL, as a router asks for it. */
export async function fetchServiceSdl(graphqlUrl: string): Promise<string> {
  const answer = await postGraphQL(graphqlUrl, '{ _service { sdl } }');
  const service = answer.data?._service as { sdl?: unknown } | undefined;
  if (typeof service?.sdl !== 'string') throw new Error(`no _service.sdl in ${answer.text}`);
  return service.sdl;
}

/** Fails when the emulator's secret (or a signature) appears in the answers or the gateway's logs. */
export function expectNoSecrets(harness: Harness, answers: GraphQLAnswer[]): void {
  const everything = [...answers.map((answer) => answer.text), ...harness.logs].join('\n');
  for (const { accessKeySecret, securityToken } of harness.emulator.credentials) {
    if (everything.includes(accessKeySecret)) throw new Error('the AccessKey secret leaked');
    if (securityToken && everything.includes(securityToken)) throw new Error('the security token leaked');
  }
  if (/ACS3-HMAC-SHA256|Signature=|x-acs-security-token/i.test(everything)) throw new Error('a signature or signed header leaked');
}

/** Sends `query` and disconnects after `afterMs`, as a client that gives up would. */
export async function queryThenDisconnect(harness: Harness, query: string, afterMs: number): Promise<void> {
  const abort = new AbortController();
  const request = fetch(`${harness.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
    signal: abort.signal,
  }).catch(() => null);
  await new Promise((resolve) => setTimeout(resolve, afterMs));
  abort.abort();
  await request;
}
