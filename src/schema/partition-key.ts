import type { PartitionKey } from '../upstream/partition.js';
import { builder } from './builder.js';
import { toId } from './ids.js';

export const MmsPartitionKey = builder.inputType('MmsPartitionKey', {
  description: 'Identifies one partition of one data source.',
  fields: (t) => ({
    sourceId: t.id({ required: true, description: 'Data source ID: a non-negative integer below 2^63.' }),
    partitionId: t.id({ required: true, description: 'Partition ID: a non-negative integer below 2^63.' }),
  }),
});

/**
 * Validates user-given IDs into a canonical key ("007" and 7 are one partition), or throws
 * BAD_USER_INPUT before anything reaches the upstream.
 */
export function toPartitionKey(input: { sourceId: string; partitionId: string }, argumentPath = ''): PartitionKey {
  return { sourceId: toId(input.sourceId, `${argumentPath}sourceId`), partitionId: toId(input.partitionId, `${argumentPath}partitionId`) };
}
