import DataLoader from 'dataloader';
import type { MmsClient } from '../upstream/mms-client.js';
import type { Partition, PartitionKey } from '../upstream/partition.js';

export type PartitionLoader = DataLoader<PartitionKey, Partition, string>;

/**
 * A request's partition loader: every field that needs a partition goes through it, so a
 * query naming one partition many times makes one call and N distinct partitions make N.
 * GetMmsPartition has no batch form, so a batch is a concurrent fan-out of single calls,
 * bounded by the client's process-wide limit. One key's failure is that key's Error only.
 */
export function createPartitionLoader(client: MmsClient): PartitionLoader {
  return new DataLoader<PartitionKey, Partition, string>(
    (keys) => Promise.all(keys.map((key) => client.getPartition(key).catch((error: Error) => error))),
    { cacheKeyFn: (key) => `${key.sourceId}/${key.partitionId}` },
  );
}
