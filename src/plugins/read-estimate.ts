import { complexityFromQuery } from '@pothos/plugin-complexity';
import { type DocumentNode, GraphQLError, type GraphQLSchema, getOperationAST, Kind } from 'graphql';
import type { Plugin } from 'graphql-yoga';

/** The estimate's refusal: clients get the documented code and both figures. */
export function overBudgetError(estimatedReads: number, maxReads: number): GraphQLError {
  return new GraphQLError(
    `This query may read up to ${estimatedReads} records from the upstream; at most ${maxReads} are allowed per request. Ask for smaller pages (first) or fewer nested connections.`,
    { extensions: { code: 'QUERY_LIMIT_EXCEEDED', estimatedReads, maxReads } },
  );
}

/**
 * Refuses, before anything executes, an operation that may read more upstream records than a
 * request may (`maxReads`, MMS_MAX_KEYS_PER_REQUEST): nested connections multiply, so
 * `mmsDataSources(first: 100) { tables(first: 100) { partitions(first: 100) } }` would be ten
 * thousand calls. Each field's cost is declared in the schema (the complexity plugin's
 * `complexity` option: a record 1, a connection its List calls times its page size); the
 * estimate is an upper bound, since repeated records are read once.
 */
export function useReadEstimate(maxReads: number): Plugin {
  // An operation without variables always estimates the same: its estimate is kept with its
  // document (which yoga's parser cache hands out again for the same text).
  const fixed = new WeakMap<DocumentNode, Map<string, number | null>>();
  return {
    onExecute: ({ args, setResultAndStopExecution }) => {
      const document = args.document as DocumentNode;
      const name = args.operationName ?? '';
      const operation = getOperationAST(document, args.operationName);
      const cacheable = operation != null && !operation.variableDefinitions?.length;
      let estimate = cacheable ? fixed.get(document)?.get(name) : undefined;
      if (estimate === undefined) {
        estimate = estimateReads(args.schema, document, args.operationName, args.variableValues, args.contextValue);
        if (cacheable) fixed.set(document, (fixed.get(document) ?? new Map<string, number | null>()).set(name, estimate));
      }
      if (estimate !== null && estimate > maxReads) setResultAndStopExecution({ errors: [overBudgetError(estimate, maxReads)] });
    },
  };
}

/** The most upstream reads the operation that runs may make, or null when the estimator cannot read it. */
export function estimateReads(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: unknown,
  context: unknown,
): number | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  // Only the operation that runs, with its fragments: the estimator reads the first operation it finds.
  const selected: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: [operation, ...document.definitions.filter((definition) => definition.kind === Kind.FRAGMENT_DEFINITION)],
  };
  try {
    return complexityFromQuery(selected, {
      schema,
      variables: (variables ?? {}) as Record<string, unknown>,
      ctx: (context ?? {}) as object,
    }).complexity;
  } catch {
    // A document the estimator cannot read (bad variables, say) is refused by execution itself.
    return null;
  }
}
