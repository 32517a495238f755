import { canonicalId, type PartitionKey } from '../upstream/partition.js';
import { builder } from './builder.js';
import { badUserInput } from './errors.js';

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
  const sourceId = canonicalId(input.sourceId);
  const partitionId = canonicalId(input.partitionId);
  if (sourceId === null) throw badUserInput(invalidIdMessage(`${argumentPath}sourceId`, input.sourceId), `${argumentPath}sourceId`);
  if (partitionId === null)
    throw badUserInput(invalidIdMessage(`${argumentPath}partitionId`, input.partitionId), `${argumentPath}partitionId`);
  return { sourceId, partitionId };
}

function invalidIdMessage(name: string, value: string): string {
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  return `${name} must be a non-negative decimal integer below 2^63; got ${JSON.stringify(shown)}.`;
}
