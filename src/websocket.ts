import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { type ExecutionArgs, GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import type { Logger } from 'pino';
import { WebSocketServer } from 'ws';
import { releaseRequest } from './context.js';
import { createAccessLog, noteErrorCodes, type OperationRecord, operationRecord } from './observability/request-log.js';
import { assumeCaller, type Caller, callerOf } from './plugins/client-auth.js';
import { requestIdOf } from './plugins/request-id.js';
import type { Gateway } from './server.js';

// GraphQL over WebSocket (the graphql-ws protocol) on the HTTP endpoint's path. Each operation
// runs through the same envelop plugins as an HTTP request (auth, limits, masking, metrics),
// with a Request made from the upgrade and the connection's parameters, so that the context,
// the caller and the request id are built exactly as for HTTP.

export interface WebSocketSettings {
  path: string;
  /** CORS_ORIGINS: besides the gateway's own origin, the browser origins allowed to connect. */
  corsOrigins: string[];
  /** Largest message accepted, as for an HTTP body. */
  maxMessageBytes: number;
  logger: Logger;
}

/** Headers an operation takes from the upgrade request, or from the connection's parameters (browsers cannot set headers). */
const CARRIED_HEADERS = ['x-api-key', 'authorization', 'x-request-id', 'cache-control'];

/** How long a client may take to send its `connection_init`. */
const CONNECTION_INIT_TIMEOUT_MS = 5000;

interface Operation {
  request: Request;
  /** Aborted when the operation ends (completed, refused, or its socket closed). */
  done: AbortController;
  /** What its log line says. */
  record: OperationRecord;
}

interface Connection {
  headers: Headers;
  caller: Caller;
  url: string;
  operations: Map<string, Operation>;
}

interface OperationRoot {
  execute(args: ExecutionArgs): unknown;
  subscribe(args: ExecutionArgs): unknown;
}

function headerValue(request: IncomingMessage, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * Browsers send their page's origin with a WebSocket upgrade and no CORS applies to it:
 * without this check any site could open a socket with the visitor's credentials. Clients
 * without an Origin (not browsers) are let through, as they are over HTTP.
 */
export function originAllowed(request: IncomingMessage, corsOrigins: readonly string[]): boolean {
  const origin = headerValue(request, 'origin');
  if (origin === undefined) return true;
  if (corsOrigins.includes(origin)) return true;
  const host = headerValue(request, 'host');
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}

function refuseUpgrade(socket: Duplex, status: number, reason: string): void {
  // Node has taken its own error listener off an upgrading socket, and its timeout: without
  // these, a reset would crash the process and a client that never closes would hold the socket.
  socket.on('error', () => socket.destroy());
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`, () => socket.destroy());
}

function connectionHeaders(upgrade: IncomingMessage, params: Readonly<Record<string, unknown>> | undefined): Headers {
  const headers = new Headers();
  for (const name of CARRIED_HEADERS) {
    const value = headerValue(upgrade, name);
    if (value !== undefined) headers.set(name, value);
  }
  for (const [name, value] of Object.entries(params ?? {})) {
    if (typeof value === 'string' && CARRIED_HEADERS.includes(name.toLowerCase())) headers.set(name, value);
  }
  return headers;
}

/** Serves graphql-ws on `settings.path` of `server`; `close` ends every socket (shutdown). */
export function serveWebSocket(gateway: Gateway, server: Server, settings: WebSocketSettings): { close(): void } {
  const sockets = new WebSocketServer({ noServer: true, maxPayload: settings.maxMessageBytes });
  const connections = new WeakMap<object, Connection>();
  const roots = new WeakMap<object, OperationRoot>();
  const connectionOf = (extra: object): Connection => {
    const connection = connections.get(extra);
    if (!connection) throw new Error('graphql-ws: an operation before its connection was set up');
    return connection;
  };

  const writeLine = createAccessLog(settings.logger);
  // Ends an operation once: its upstream work stops, its deadline is cleared, and it is logged
  // as an HTTP request is.
  const finish = (connection: Connection, id: string, operation: Operation) => {
    // An id is reused once completed: only the operation it still names is removed.
    if (connection.operations.get(id) === operation) connection.operations.delete(id);
    if (operation.done.signal.aborted) return;
    operation.done.abort();
    releaseRequest(operation.request);
    writeLine(operation.request, operation.record, { transport: 'websocket' });
  };
  const operationOf = (extra: object, id: string) => connections.get(extra)?.operations.get(id);

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(request.url ?? '/', 'http://gateway').pathname;
    if (path !== settings.path) return refuseUpgrade(socket, 404, 'Not Found');
    if (!originAllowed(request, settings.corsOrigins)) {
      settings.logger.info({ origin: headerValue(request, 'origin') }, 'WebSocket refused: origin not allowed');
      return refuseUpgrade(socket, 403, 'Forbidden');
    }
    sockets.handleUpgrade(request, socket, head, (client) => sockets.emit('connection', client, request));
  };
  server.on('upgrade', onUpgrade);

  useServer<Record<string, unknown> | undefined, { request: IncomingMessage }>(
    {
      connectionInitWaitTimeout: CONNECTION_INIT_TIMEOUT_MS,
      onConnect: async (ctx) => {
        const upgrade = ctx.extra.request;
        const headers = connectionHeaders(upgrade, ctx.connectionParams);
        const url = `http://${headerValue(upgrade, 'host') ?? 'gateway'}${settings.path}`;
        // Credentials are checked once here, so that a refused client learns it at once;
        // each operation is checked again as its context is built.
        const probe = new Request(url, { method: 'POST', headers });
        try {
          await gateway.getEnveloped({ request: probe }).contextFactory();
        } catch (error) {
          if (error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED') return false;
          settings.logger.warn({ err: error }, 'WebSocket connection: credentials could not be checked');
          throw new Error('The credentials could not be checked.');
        } finally {
          releaseRequest(probe);
        }
        connections.set(ctx.extra, { headers, url, caller: callerOf(probe), operations: new Map() });
        return true;
      },
      onSubscribe: async (ctx, id, payload) => {
        const connection = connectionOf(ctx.extra);
        const done = new AbortController();
        const request = new Request(connection.url, { method: 'POST', headers: connection.headers, signal: done.signal });
        const operation: Operation = { request, done, record: operationRecord(payload.operationName ?? null) };
        connection.operations.set(id, operation);
        assumeCaller(request, connection.caller);
        // graphql-ws does not call onComplete for an operation refused here: it ends now.
        const refuse = (errors: readonly GraphQLError[]) => {
          noteErrorCodes(operation.record, errors);
          finish(connection, id, operation);
          return errors;
        };
        const enveloped = gateway.getEnveloped({ request, params: payload });
        let document: ExecutionArgs['document'];
        try {
          document = enveloped.parse(payload.query);
        } catch (error) {
          return refuse([error instanceof GraphQLError ? error : new GraphQLError(String(error))]);
        }
        const errors = enveloped.validate(enveloped.schema, document);
        if (errors.length > 0) return refuse(errors);
        let contextValue: object;
        try {
          contextValue = await enveloped.contextFactory();
        } catch (error) {
          // A refused credential (an expired token, say) ends this operation, not the connection.
          if (error instanceof GraphQLError) return refuse([error]);
          settings.logger.error({ err: error, requestId: requestIdOf(request) }, 'graphql-ws operation failed to start');
          return refuse([new GraphQLError('Unexpected error.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } })]);
        }
        roots.set(contextValue, enveloped);
        return {
          schema: enveloped.schema,
          document,
          variableValues: payload.variables,
          operationName: payload.operationName,
          contextValue,
        };
      },
      execute: (args) => roots.get(args.contextValue as object)?.execute(args) as never,
      subscribe: (args) => roots.get(args.contextValue as object)?.subscribe(args) as never,
      onNext: (ctx, id, _payload, _args, result) => {
        const operation = operationOf(ctx.extra, id);
        if (operation) noteErrorCodes(operation.record, result.errors);
      },
      onComplete: (ctx, id) => {
        const connection = connections.get(ctx.extra);
        const operation = operationOf(ctx.extra, id);
        if (connection && operation) finish(connection, id, operation);
      },
      onClose: (ctx) => {
        const connection = connections.get(ctx.extra);
        if (!connection) return;
        for (const [id, operation] of [...connection.operations]) finish(connection, id, operation);
      },
    },
    sockets,
  );

  return {
    close: () => {
      server.off('upgrade', onUpgrade);
      for (const client of sockets.clients) client.close(1001, 'The gateway is shutting down');
      // A client that does not answer the closing handshake is cut.
      const cut = setTimeout(() => {
        for (const client of sockets.clients) client.terminate();
      }, 1000);
      cut.unref();
      sockets.close();
    },
  };
}
