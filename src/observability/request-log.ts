import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { requestStats } from '../context.js';
import { requestIdOf } from '../plugins/request-id.js';

/** What one GraphQL operation's log line says, gathered while it runs. */
export interface OperationRecord {
  startedAt: number;
  operationName: string | null;
  errorCodes: string[];
}

export function operationRecord(operationName: string | null = null): OperationRecord {
  return { startedAt: performance.now(), operationName, errorCodes: [] };
}

/** Notes the codes of an answer's errors (UNCODED for an error without one). */
export function noteErrorCodes(
  record: OperationRecord,
  errors: readonly { extensions?: Readonly<Record<string, unknown>> }[] | undefined,
): void {
  for (const error of errors ?? []) {
    const code = error.extensions?.code;
    record.errorCodes.push(typeof code === 'string' ? code : 'UNCODED');
  }
}

/**
 * Writes the one line of a GraphQL operation, whatever its transport: request id, operation
 * name, duration, upstream calls and failures, shared-cache hits, error codes, and the HTTP
 * status or the transport it came over.
 */
export function createAccessLog(
  logger: Logger,
): (request: Request, record: OperationRecord, how: { status: number } | { transport: 'websocket' }) => void {
  // Every field of this line is a number or a string the gateway computed, never a caller's
  // object: the redaction paths (a wildcard scan of each field, half the cost of the line) are
  // left to the other lines.
  const accessLog = logger.child({}, { redact: { paths: [] } });
  return (request, record, how) => {
    const { upstreamCalls, upstreamFailures, cacheHits } = requestStats(request);
    accessLog.info(
      {
        requestId: requestIdOf(request),
        operationName: record.operationName,
        ...how,
        durationMs: Math.round((performance.now() - record.startedAt) * 10) / 10,
        upstreamCalls,
        upstreamFailures,
        cacheHits,
        errorCodes: [...new Set(record.errorCodes)],
      },
      'graphql request',
    );
  };
}

/**
 * One log line per GraphQL request: request id, operation name, status, duration, upstream
 * calls and failures, shared-cache hits, error codes. Written when the response is sent.
 */
export function useRequestLog(logger: Logger, graphqlEndpoint: string): Plugin {
  const records = new WeakMap<Request, OperationRecord>();
  const writeLine = createAccessLog(logger);
  return {
    onRequest: ({ request, url }) => {
      if (url.pathname === graphqlEndpoint) records.set(request, operationRecord());
    },
    onParams: ({ request, params }) => {
      const record = records.get(request);
      if (record) record.operationName = params.operationName ?? null;
    },
    onResultProcess: ({ request, result }) => {
      const record = records.get(request);
      if (!record || Array.isArray(result) || Symbol.asyncIterator in result) return;
      noteErrorCodes(record, (result as ExecutionResult).errors);
    },
    onResponse: ({ request, response }) => {
      const record = records.get(request);
      if (record) writeLine(request, record, { status: response.status });
    },
  };
}
