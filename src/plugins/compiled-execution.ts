import { useGraphQlJit } from '@envelop/graphql-jit';
import {
  type DocumentNode,
  GraphQLError,
  getOperationAST,
  getVariableValues,
  type OperationDefinitionNode,
  type Source,
  type SourceLocation,
  valueFromASTUntyped,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { isIntrospectionOnly } from './client-introspection.js';
import { asBadVariable } from './variable-errors.js';

// Queries run compiled (graphql-jit, cached per document): about a third less CPU per request.
// Where the compiler's answers differ from graphql-js's, graphql-js's behaviour is kept:
// - only queries are compiled (it fails on a root type the schema lacks, where graphql-js
//   answers a plain error), and introspection stays with graphql-js;
// - variables are checked by graphql-js first (the compiler words coercion errors differently),
//   and the defaults of those left out are filled in (the compiler refuses a required one);
// - its field errors carry line and column only, without the source positions yoga rebuilds
//   every error from before writing the answer: they get them, so their locations survive.
// The differential test (test/differential) holds the two executors to the same answers.

// Worked out once per document and operation name (yoga's parser cache hands the same document
// out again for the same text): two plugins ask on every request.
const compilable = new WeakMap<DocumentNode, Map<string, OperationDefinitionNode | null>>();

/** The operation a request runs, when it is one the compiler runs as graphql-js would. */
function compilableOperation(document: DocumentNode, operationName: string | null | undefined): OperationDefinitionNode | null {
  const byName = compilable.get(document) ?? new Map<string, OperationDefinitionNode | null>();
  const name = operationName ?? '';
  let operation = byName.get(name);
  if (operation === undefined) {
    const selected = getOperationAST(document, operationName);
    operation = selected?.operation === 'query' && !isIntrospectionOnly(document) ? selected : null;
    compilable.set(document, byName.set(name, operation));
  }
  return operation;
}

/** Character offsets of `locations` (1-based lines and columns) within `source`. */
export function positionsOf(source: Source, locations: readonly SourceLocation[]): number[] {
  const lineStarts = [0];
  for (const lineBreak of source.body.matchAll(/\r\n|[\n\r]/g)) lineStarts.push((lineBreak.index ?? 0) + lineBreak[0].length);
  return locations.map(({ line, column }) => (lineStarts[line - 1] ?? 0) + column - 1);
}

function located(error: GraphQLError, source: Source): GraphQLError {
  if (error.nodes !== undefined || error.positions !== undefined || !error.locations?.length) return error;
  return new GraphQLError(error.message, {
    source,
    positions: positionsOf(source, error.locations),
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}

/** Variables checked by graphql-js, and left-out defaults filled in, before the compiled query sees them. */
function useReferenceVariables(): Plugin {
  return {
    onExecute: ({ args, setResultAndStopExecution }) => {
      const operation = compilableOperation(args.document, args.operationName);
      if (!operation?.variableDefinitions?.length) return;
      const raw = (args.variableValues ?? {}) as Record<string, unknown>;
      const coerced = getVariableValues(args.schema, operation.variableDefinitions, raw, { maxErrors: 50 });
      if (coerced.errors) {
        // Stopping here skips the answer hooks that would mark them: they are marked now.
        setResultAndStopExecution({ errors: coerced.errors.map(asBadVariable) });
        return;
      }
      // The compiler coerces the values itself; it is only handed the defaults it would refuse as missing.
      // (graphql-js's coerced values are not re-coercible: an enum's internal value is not its name.)
      const withDefaults: Record<string, unknown> = { ...raw };
      for (const definition of operation.variableDefinitions) {
        const name = definition.variable.name.value;
        if (definition.defaultValue && !(name in raw)) withDefaults[name] = valueFromASTUntyped(definition.defaultValue);
      }
      args.variableValues = withDefaults;
    },
  };
}

/** Gives field errors without source positions (the compiled executor's) the positions of their locations. */
function useLocatedErrors(): Plugin {
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: ({ result, setResult }) => {
        const source = args.document.loc?.source;
        if (!source || Symbol.asyncIterator in result || !result.errors?.length) return;
        setResult({ ...result, errors: result.errors.map((error) => located(error, source)) });
      },
    }),
  };
}

/** Compiled execution of queries, giving graphql-js's answers (see above). */
export function useCompiledQueries(): [Plugin, ReturnType<typeof useGraphQlJit>, Plugin] {
  return [
    useReferenceVariables(),
    useGraphQlJit({}, { enableIf: ({ document, operationName }) => compilableOperation(document, operationName) !== null }),
    useLocatedErrors(),
  ];
}
