import { type CallParams, callKey, type Freshness, type UpstreamAction } from '../upstream/action.js';
import { UpstreamError } from '../upstream/errors.js';
import type { CacheStore } from './store.js';

export interface CacheFreshness {
  /** DONE and FAILED records change rarely. */
  terminalMs: number;
  /** INIT, DOING (and unknown statuses) change as a migration runs. */
  activeMs: number;
  /** A record that does not exist yet may be created soon. */
  missingMs: number;
  /** List pages: counts and orders move as any record of the page does. */
  listMs: number;
}

/** A cache answer: the result, or the remembered NOT_FOUND, with its remaining freshness. */
export type Cached<Result> = { result: Result; remainingMs: number } | { missing: true; remainingMs: number };

type Entry<Result> = { result: Result } | { missing: true };

/**
 * The shared cache behind every request's loaders, for every action. Keys carry the action,
 * the upstream endpoint and the calling identity (AccessKeyId, never a secret), so gateways
 * with different credentials sharing one Redis never read each other's entries. Only results
 * and NOT_FOUND are cached; any other failure always goes back to the upstream.
 */
export class UpstreamCache {
  constructor(
    readonly store: CacheStore,
    private readonly freshness: CacheFreshness,
    private readonly scope: { endpoint: string; identity: () => Promise<string> },
  ) {}

  private async keyOf(action: UpstreamAction<unknown>, params: CallParams): Promise<string> {
    return `mms:${action.name}:v2:${this.scope.endpoint}:${await this.scope.identity()}:${callKey(action, params)}`;
  }

  /** How long an answer stays fresh: by the action's freshness class, or the NOT_FOUND time. */
  ttlOf<Result>(action: UpstreamAction<Result>, answer: Result | 'missing'): number {
    if (answer === 'missing') return this.freshness.missingMs;
    const kind: Freshness = action.freshness(answer);
    return kind === 'terminal' ? this.freshness.terminalMs : kind === 'active' ? this.freshness.activeMs : this.freshness.listMs;
  }

  async get<Result>(action: UpstreamAction<Result>, params: CallParams): Promise<Cached<Result> | null> {
    const hit = await this.store.get(await this.keyOf(action, params));
    if (!hit) return null;
    const entry = JSON.parse(hit.value) as Entry<Result>;
    return 'missing' in entry ? { missing: true, remainingMs: hit.remainingMs } : { result: entry.result, remainingMs: hit.remainingMs };
  }

  /** Forgets the answer of one call. */
  async forget(action: UpstreamAction<unknown>, params: CallParams): Promise<void> {
    await this.store.delete(await this.keyOf(action, params));
  }

  /** Remembers a result, or a NOT_FOUND; returns the freshness given. Other errors are not cached. */
  async put<Result>(action: UpstreamAction<Result>, params: CallParams, answer: Result | UpstreamError): Promise<number | null> {
    if (answer instanceof UpstreamError && answer.code !== 'NOT_FOUND') return null;
    const ttl = this.ttlOf(action, answer instanceof UpstreamError ? 'missing' : answer);
    // A TTL of 0 means "do not keep": the stores disagree on it (never expires in memory, 1 ms in Redis).
    if (ttl === 0) return 0;
    const entry: Entry<Result> = answer instanceof UpstreamError ? { missing: true } : { result: answer };
    await this.store.set(await this.keyOf(action, params), JSON.stringify(entry), ttl);
    return ttl;
  }
}
