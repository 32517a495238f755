import type { Plugin } from 'graphql-yoga';
import type { MmsClient } from '../upstream/mms-client.js';

const FRESH_MS = 60_000;
const PROBE_CACHE_MS = 5_000;

type Verdict = { ready: true } | { ready: false; reason: string };

/**
 * `/readiness`: 200 when credentials resolve and the upstream accepted a signed request in
 * the last minute (or a probe call, at most one per 5 s, is accepted now); otherwise 503
 * with a one-line JSON reason. Configuration is valid by the time this runs at all.
 */
export function useReadiness(client: MmsClient, path = '/readiness'): Plugin {
  let probe: { at: number; verdict: Promise<Verdict> } | null = null;

  async function check(): Promise<Verdict> {
    const credentials = await client.resolveCredentials();
    if (credentials !== null) return { ready: false, reason: credentials };
    if (Date.now() - client.lastAcceptedAt < FRESH_MS) return { ready: true };
    if (!probe || Date.now() - probe.at > PROBE_CACHE_MS) {
      probe = {
        at: Date.now(),
        verdict: client.probe().then((failure) =>
          failure === null
            ? { ready: true }
            : {
                ready: false,
                reason: `upstream probe failed: ${failure.code}${failure.upstreamCode ? ` (${failure.upstreamCode})` : ''}`,
              },
        ),
      };
    }
    return probe.verdict;
  }

  return {
    // Synchronous for every other path: an async hook would make each request wait a tick.
    onRequest: ({ url, endResponse, fetchAPI }) => {
      if (url.pathname !== path) return;
      return check().then((verdict) => {
        const body = verdict.ready ? { status: 'ready' } : { status: 'not ready', reason: verdict.reason };
        endResponse(
          new fetchAPI.Response(JSON.stringify(body), {
            status: verdict.ready ? 200 : 503,
            headers: { 'content-type': 'application/json', 'cache-control': 'no-store' },
          }),
        );
      });
    },
  };
}
