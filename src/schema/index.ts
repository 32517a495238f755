import { printSubgraphSchema } from '@apollo/subgraph';
import { type GraphQLFieldResolver, type GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import type { GatewayContext } from '../context.js';
import { builder } from './builder.js';
import { badUserInput } from './errors.js';
import { settleListFields } from './settled-lists.js';
import './column.js';
import './data-source.js';
import './database.js';
import './destinations.js';
import './migration-progress.js';
import './migration-status.js';
import './partition.js';
import './partition-column-value.js';
import './partition-key.js';
import './property.js';
import './query.js';
import './table.js';

export const FEDERATION_LINK = 'https://specs.apollo.dev/federation/v2.6';

/** The client-facing schema: what introspection shows and `schema.graphql` publishes. */
export const schema = settleListFields(builder.toSchema());

/**
 * The same schema as an Apollo Federation v2 subgraph: adds `_service` and `_entities`
 * (with a cap on representations per request) and the `@key`/`@shareable` directives.
 */
export const subgraphSchema = settleListFields(capEntities(builder.toSubGraphSchema({ linkUrl: FEDERATION_LINK })));

function capEntities(target: GraphQLSchema): GraphQLSchema {
  const entities = target.getQueryType()?.getFields()._entities;
  const resolve = entities?.resolve as GraphQLFieldResolver<unknown, GatewayContext, { representations: unknown[] }> | undefined;
  if (!entities || !resolve) throw new Error('the subgraph schema has no _entities field');
  // One read per representation, for the estimate made before execution (the federation plugin declares none).
  Object.assign(entities, {
    extensions: {
      ...entities.extensions,
      // More representations than allowed are refused by the resolver (BAD_USER_INPUT) before any read: no estimate.
      complexity: (args: { representations?: unknown }, context: Partial<GatewayContext>) => {
        const reads = Array.isArray(args.representations) ? args.representations.length : 0;
        const allowed = context.limits?.maxEntities ?? Number.POSITIVE_INFINITY;
        return reads > allowed ? 0 : { field: reads, multiplier: reads };
      },
    },
  });
  const service = target.getQueryType()?.getFields()._service;
  if (service) Object.assign(service, { extensions: { ...service.extensions, complexity: 0 } });
  // Checked before any representation is resolved: beyond the cap, nothing reaches the upstream.
  entities.resolve = (root, args: { representations: unknown[] }, context: GatewayContext, info) => {
    if (args.representations.length > context.limits.maxEntities) {
      throw badUserInput(
        `_entities got ${args.representations.length} representations; at most ${context.limits.maxEntities} are allowed per request.`,
        'representations',
      );
    }
    return resolve(root, args, context, info);
  };
  return target;
}

/** The published contract: `schema.graphql`, sorted so that it is stable across edits. */
export function printPublishedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** The federation SDL, as `_service { sdl }` answers it: `subgraph.graphql`. */
export function printSubgraphSdl(): string {
  return `${printSubgraphSchema(subgraphSchema)}\n`;
}
