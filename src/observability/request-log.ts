import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Logger } from 'pino';
import { requestStats } from '../context.js';
import { requestIdOf } from '../plugins/request-id.js';

interface RequestRecord {
  startedAt: number;
  operationName: string | null;
  errorCodes: string[];
}

/**
 * One log line per GraphQL request: request id, operation name, status, duration, upstream
 * calls and failures, shared-cache hits, error codes. Written when the response is sent.
 */
export function useRequestLog(logger: Logger, graphqlEndpoint: string): Plugin {
  const records = new WeakMap<Request, RequestRecord>();
  // Every field of this line is a number or a string the gateway computed, never a caller's
  // object: the redaction paths (a wildcard scan of each field, half the cost of the line) are
  // left to the other lines.
  const accessLog = logger.child({}, { redact: { paths: [] } });
  return {
    onRequest: ({ request, url }) => {
      if (url.pathname === graphqlEndpoint) records.set(request, { startedAt: performance.now(), operationName: null, errorCodes: [] });
    },
    onParams: ({ request, params }) => {
      const record = records.get(request);
      if (record) record.operationName = params.operationName ?? null;
    },
    onResultProcess: ({ request, result }) => {
      const record = records.get(request);
      if (!record || Array.isArray(result) || Symbol.asyncIterator in result) return;
      for (const error of (result as ExecutionResult).errors ?? []) {
        const code = error.extensions?.code;
        record.errorCodes.push(typeof code === 'string' ? code : 'UNCODED');
      }
    },
    onResponse: ({ request, response }) => {
      const record = records.get(request);
      if (!record) return;
      const { upstreamCalls, upstreamFailures, cacheHits } = requestStats(request);
      accessLog.info(
        {
          requestId: requestIdOf(request),
          operationName: record.operationName,
          status: response.status,
          durationMs: Math.round((performance.now() - record.startedAt) * 10) / 10,
          upstreamCalls,
          upstreamFailures,
          cacheHits,
          errorCodes: [...new Set(record.errorCodes)],
        },
        'graphql request',
      );
    },
  };
}
