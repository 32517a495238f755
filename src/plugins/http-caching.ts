import type { ExecutionResult } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { requestStats } from '../context.js';

/**
 * HTTP caching for browsers and CDNs: a GET answer without errors is `private` and cacheable
 * for as long as its least fresh partition stays fresh, and varies with the caller's
 * credentials; an answer with any error is `no-store`; POST answers are never cacheable.
 */
export function useHttpCaching(graphqlEndpoint: string): Plugin {
  const toEndpoint = new WeakSet<Request>();
  const withErrors = new WeakSet<Request>();
  return {
    // Yoga hands the parsed URL to this hook only: noted here rather than parsed again per response.
    onRequest: ({ request, url }) => {
      if (url.pathname === graphqlEndpoint) toEndpoint.add(request);
    },
    onResultProcess: ({ request, result }) => {
      if (Array.isArray(result) || Symbol.asyncIterator in result || (result as ExecutionResult).errors?.length) withErrors.add(request);
    },
    onResponse: ({ request, response }) => {
      if (!toEndpoint.has(request) || response.headers.has('cache-control')) return;
      if (request.method !== 'GET' || withErrors.has(request) || response.status !== 200) {
        response.headers.set('cache-control', 'no-store');
        return;
      }
      const { freshnessMs } = requestStats(request);
      // What a caller may see and do depends on its credentials (`mmsCapabilities`, refusals):
      // a browser must not answer one key's request from another key's copy.
      response.headers.append('vary', 'x-api-key, authorization');
      response.headers.set(
        'cache-control',
        freshnessMs === null ? 'private, no-cache' : `private, max-age=${Math.floor(freshnessMs / 1000)}`,
      );
    },
  };
}
