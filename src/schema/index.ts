import { printSubgraphSchema } from '@apollo/subgraph';
import { type GraphQLFieldResolver, GraphQLSchema, lexicographicSortSchema, printSchema } from 'graphql';
import type { GatewayContext } from '../context.js';
import { builder } from './builder.js';
import { badUserInput } from './errors.js';
import { settleListFields } from './settled-lists.js';
import './column.js';
import './data-source.js';
import './database.js';
import './destinations.js';
import './job.js';
import './job-config.js';
import './job-control.js';
import './key-value.js';
import './migration-progress.js';
import './migration-status.js';
import './partition.js';
import './partition-column-value.js';
import './partition-key.js';
import './property.js';
import './query.js';
import './subscription.js';
import './table.js';
import './task.js';
import './task-log-entry.js';

export const FEDERATION_LINK = 'https://specs.apollo.dev/federation/v2.6';

/**
 * The client-facing schema with every capability: what `schema.graphql` publishes. A gateway
 * without MMS_MUTATIONS serves it without its Mutation type (see `gatewaySchemas`).
 */
export const schema = settleListFields(builder.toSchema());

/**
 * The same schema as an Apollo Federation v2 subgraph: adds `_service` and `_entities`
 * (with a cap on representations per request) and the `@key`/`@shareable` directives.
 */
export const subgraphSchema = settleListFields(capEntities(builder.toSubGraphSchema({ linkUrl: FEDERATION_LINK })));

/**
 * `target` without its Mutation type: with mutations off, they are not in the schema at all, nor
 * any type that only they reach (graphql-js collects what Query, Subscription and the directives
 * reach). The others stay in `target`'s order, so introspection lists them as with mutations.
 */
function withoutMutations(target: GraphQLSchema): GraphQLSchema {
  const config = target.toConfig();
  const rest = new GraphQLSchema({ ...config, mutation: null, types: [] }).getTypeMap();
  const mutations = new GraphQLSchema({ mutation: config.mutation, directives: [] }).getTypeMap();
  const kept = config.types.filter((type) => type.name in rest || !(type.name in mutations));
  return new GraphQLSchema({ ...config, mutation: null, types: kept });
}

const readOnly = { schema: withoutMutations(schema), subgraphSchema: withoutMutations(subgraphSchema) };

/** The schemas a gateway serves: introspected (client) and executed (subgraph), with or without mutations. */
export function gatewaySchemas(mutations: boolean): { schema: GraphQLSchema; subgraphSchema: GraphQLSchema } {
  return mutations ? { schema, subgraphSchema } : readOnly;
}

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
  if (service) {
    Object.assign(service, { extensions: { ...service.extensions, complexity: 0 } });
    // The SDL of the schema being served: the same field serves the schema with and without mutations.
    service.resolve = (_root, _args, _context, info) => ({ sdl: subgraphSdlOf(info.schema) });
  }
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

const printedSdl = new WeakMap<GraphQLSchema, string>();

/** A subgraph schema's federation SDL, printed once per schema. */
function subgraphSdlOf(target: GraphQLSchema): string {
  let sdl = printedSdl.get(target);
  if (sdl === undefined) {
    sdl = printSubgraphSchema(target);
    printedSdl.set(target, sdl);
  }
  return sdl;
}

/** The published contract: `schema.graphql`, sorted so that it is stable across edits. */
export function printPublishedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** The federation SDL, as `_service { sdl }` answers it: `subgraph.graphql`. */
export function printSubgraphSdl(): string {
  return `${subgraphSdlOf(subgraphSchema)}\n`;
}
