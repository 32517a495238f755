import { UpstreamError } from '../upstream/errors.js';
import { type Partition, type PartitionKey, partitionKeyString } from '../upstream/partition.js';
import type { CacheStore } from './store.js';

export interface CacheFreshness {
  /** DONE and FAILED partitions change rarely. */
  terminalMs: number;
  /** INIT, DOING (and unknown statuses) change as a migration runs. */
  activeMs: number;
  /** A partition that does not exist yet may be created soon. */
  missingMs: number;
}

/** A cache answer: the partition, or the remembered NOT_FOUND, with its remaining freshness. */
export type CachedPartition = { partition: Partition; remainingMs: number } | { missing: true; remainingMs: number };

type Record = { partition: Partition } | { missing: true };

/**
 * The shared partition cache behind every request's DataLoader. Keys carry the upstream
 * endpoint and the calling identity (AccessKeyId, never a secret), so gateways with
 * different credentials sharing one Redis never read each other's entries. Only partitions
 * and NOT_FOUND are cached; any other failure always goes back to the upstream.
 */
export class PartitionCache {
  constructor(
    readonly store: CacheStore,
    private readonly freshness: CacheFreshness,
    private readonly scope: { endpoint: string; identity: () => Promise<string> },
  ) {}

  private async keyOf(key: PartitionKey): Promise<string> {
    return `mms:partition:v1:${this.scope.endpoint}:${await this.scope.identity()}:${partitionKeyString(key)}`;
  }

  /** How long an answer stays fresh: by migration status, or the NOT_FOUND time. */
  ttlOf(answer: Partition | 'missing'): number {
    if (answer === 'missing') return this.freshness.missingMs;
    return answer.status === 'DONE' || answer.status === 'FAILED' ? this.freshness.terminalMs : this.freshness.activeMs;
  }

  async get(key: PartitionKey): Promise<CachedPartition | null> {
    const hit = await this.store.get(await this.keyOf(key));
    if (!hit) return null;
    const record = JSON.parse(hit.value) as Record;
    return 'missing' in record
      ? { missing: true, remainingMs: hit.remainingMs }
      : { partition: record.partition, remainingMs: hit.remainingMs };
  }

  /** Remembers a partition, or a NOT_FOUND; returns the freshness given. Other errors are not cached. */
  async put(key: PartitionKey, answer: Partition | UpstreamError): Promise<number | null> {
    if (answer instanceof UpstreamError && answer.code !== 'NOT_FOUND') return null;
    const ttl = this.ttlOf(answer instanceof UpstreamError ? 'missing' : answer);
    // A TTL of 0 means "do not keep": the stores disagree on it (never expires in memory, 1 ms in Redis).
    if (ttl === 0) return 0;
    const record: Record = answer instanceof UpstreamError ? { missing: true } : { partition: answer };
    await this.store.set(await this.keyOf(key), JSON.stringify(record), ttl);
    return ttl;
  }
}
