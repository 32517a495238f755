import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import type { Logger } from 'pino';
import { createContext, type GatewayContext, type RequestLimits } from './context.js';
import { useClientSchemaForIntrospection } from './plugins/client-introspection.js';
import { useBadVariableCodes } from './plugins/variable-errors.js';
import { schema, subgraphSchema } from './schema/index.js';
import type { MmsClient } from './upstream/mms-client.js';

export interface GatewayOptions {
  client: MmsClient;
  logger: Logger;
  limits: RequestLimits;
  /** Further envelop/yoga plugins, after the gateway's own. */
  plugins?: Plugin[];
}

export type Gateway = YogaServerInstance<Record<string, never>, GatewayContext>;

/**
 * The GraphQL application: one endpoint for plain clients and federation routers alike
 * (the subgraph schema, introspected as the client schema), per-request context, `/health`.
 */
export function createGateway({ client, logger, limits, plugins = [] }: GatewayOptions): Gateway {
  return createYoga<Record<string, never>, GatewayContext>({
    schema: subgraphSchema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/health',
    context: () => createContext({ client, logger, limits }),
    plugins: [useBadVariableCodes(), useClientSchemaForIntrospection(schema), ...plugins],
    logging: {
      debug: forwardTo(logger, 'debug'),
      info: forwardTo(logger, 'info'),
      warn: forwardTo(logger, 'warn'),
      error: forwardTo(logger, 'error'),
    },
  });
}

// Yoga logs with console-style arguments; pino wants an object then a message.
function forwardTo(logger: Logger, level: 'debug' | 'info' | 'warn' | 'error') {
  return (first: unknown, ...rest: unknown[]) => {
    if (first instanceof Error) logger[level]({ err: first }, first.message);
    else logger[level](rest.length > 0 ? { details: rest } : {}, String(first));
  };
}

export interface ListeningGateway {
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Serves the gateway over HTTP on `host:port` (port 0 picks a free one). */
export async function listen(gateway: Gateway, host: string, port: number): Promise<ListeningGateway> {
  const server = createServer(gateway);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${hostForUrl}:${address.port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}
