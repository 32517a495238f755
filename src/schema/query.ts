import { builder } from './builder.js';
import { badUserInput } from './errors.js';
import { loadPartition } from './partition.js';
import { MmsPartitionKey, toPartitionKey } from './partition-key.js';
import { MmsPartition } from './refs.js';

export const MAX_KEYS_PER_LIST = 100;

builder.queryField('mmsPartition', (t) =>
  t.field({
    type: MmsPartition,
    nullable: true,
    description: 'One partition of a data source. Null, with an error, when it cannot be read (NOT_FOUND, FORBIDDEN, UPSTREAM_*).',
    args: {
      sourceId: t.arg.id({ required: true, description: 'Data source ID, e.g. 200018.' }),
      partitionId: t.arg.id({ required: true, description: 'Partition ID, e.g. 2323.' }),
    },
    complexity: 1,
    resolve: (_root, args, context) => loadPartition(context, toPartitionKey(args)),
  }),
);

builder.queryField('mmsPartitions', (t) =>
  t.field({
    type: [MmsPartition],
    nullable: { list: false, items: true },
    description: `Several partitions at once, in the order of \`keys\` (at most ${MAX_KEYS_PER_LIST}). Repeated keys are read once; an entry that cannot be read is null with an error at its index.`,
    args: {
      keys: t.arg({ type: [MmsPartitionKey], required: true, description: `The partitions to read, at most ${MAX_KEYS_PER_LIST}.` }),
    },
    // One read per key, and each item's nested reads once per key (an upper bound: repeats are read once).
    complexity: (args) => ({
      field: Math.min(args.keys.length, MAX_KEYS_PER_LIST),
      multiplier: Math.min(args.keys.length, MAX_KEYS_PER_LIST),
    }),
    resolve: (_root, args, context) => {
      if (args.keys.length > MAX_KEYS_PER_LIST) {
        throw badUserInput(`keys holds ${args.keys.length} entries; at most ${MAX_KEYS_PER_LIST} are allowed.`, 'keys');
      }
      // Every key is checked before any is loaded: bad input makes no upstream call at all.
      const keys = args.keys.map((key, index) => toPartitionKey(key, `keys[${index}].`));
      return keys.map((key) => loadPartition(context, key));
    },
  }),
);
