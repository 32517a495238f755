import { type DocumentNode, type GraphQLSchema, Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';

const INTROSPECTION_FIELDS = new Set(['__schema', '__type', '__typename']);

export function isIntrospectionOnly(document: DocumentNode): boolean {
  return document.definitions.every(
    (definition) =>
      definition.kind !== Kind.OPERATION_DEFINITION ||
      definition.selectionSet.selections.every(
        (selection) => selection.kind === Kind.FIELD && INTROSPECTION_FIELDS.has(selection.name.value),
      ),
  );
}

/**
 * The endpoint serves the federation subgraph schema, so routers can call `_service` and
 * `_entities`; introspection answers from the client-facing schema, so that clients, GraphiQL
 * and codegen see exactly the published `schema.graphql`, without federation plumbing.
 */
export function useClientSchemaForIntrospection(clientSchema: GraphQLSchema): Plugin {
  return {
    onExecute: ({ args, executeFn, setExecuteFn }) => {
      if (isIntrospectionOnly(args.document)) setExecuteFn((execution) => executeFn({ ...execution, schema: clientSchema }));
    },
  };
}
