import { GraphQLError } from 'graphql';
import type { WatchEvent } from '../watch/partition-watch.js';
import { builder } from './builder.js';
import { badUserInput, toGraphQLError, withExtensions } from './errors.js';
import { MmsPartitionKey, toPartitionKey } from './partition-key.js';
import { MAX_KEYS_PER_LIST } from './query.js';
import { MmsPartition } from './refs.js';

builder.subscriptionType({
  description: 'Live migration status: one poller per partition in the gateway, however many subscribers watch it.',
});

builder.subscriptionField('mmsPartitionChanged', (t) =>
  t.field({
    type: MmsPartition,
    description: `First the current state of each key, then an event whenever the status, size, numRows, updated or lastDdlTime of one of them changes (at most ${MAX_KEYS_PER_LIST} keys). A key that cannot be read sends an event with its error and stays watched.`,
    args: {
      keys: t.arg({ type: [MmsPartitionKey], required: true, description: `The partitions to watch, at most ${MAX_KEYS_PER_LIST}.` }),
    },
    complexity: (args) => Math.min(args.keys.length, MAX_KEYS_PER_LIST),
    subscribe: (_root, args, context) => {
      if (args.keys.length > MAX_KEYS_PER_LIST) {
        throw badUserInput(`keys holds ${args.keys.length} entries; at most ${MAX_KEYS_PER_LIST} are allowed.`, 'keys');
      }
      // Every key is checked before any is watched: bad input polls nothing.
      const keys = args.keys.map((key, index) => toPartitionKey(key, `keys[${index}].`));
      if (!context.watch) throw new GraphQLError('Live status is not served here.', { extensions: { code: 'INTERNAL_SERVER_ERROR' } });
      try {
        return context.watch.watch(keys, context.signal);
      } catch (error) {
        throw toGraphQLError(error);
      }
    },
    resolve: (event: WatchEvent, _args, context) => {
      // Each event's nested reads (its table, say) are its own, as fresh as the event.
      context.loaders = context.eventLoaders();
      if ('error' in event) {
        const { sourceId, partitionId } = event.key;
        throw withExtensions(toGraphQLError(event.error), { sourceId, partitionId });
      }
      return event.partition;
    },
  }),
);
