import { setImmediate } from 'node:timers/promises';
import type { Plugin } from 'graphql-yoga';

/**
 * Hands every answer to the HTTP server in the event loop's check phase, once the poll phase has
 * read and run every request that was ready, instead of the moment it is ready: requests that
 * arrive together are then answered together. Under load this costs less CPU per request, in the
 * gateway's own process; idle, it delays an answer by one turn of the loop (microseconds).
 */
export function useAnswersAfterReads(): Plugin {
  return { onResponse: () => setImmediate() };
}
