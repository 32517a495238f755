import { GraphQLError, type Source, type SourceLocation } from 'graphql';
import type { Plugin } from 'graphql-yoga';

// Errors of the compiled executor carry `locations` as line and column only, without the
// nodes or source positions graphql-js errors have; yoga rebuilds every error from nodes and
// positions before it writes the answer, which dropped their locations. Giving them source
// positions makes them located exactly as graphql-js would locate them.

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

/** Gives field errors without source positions (the compiled executor's) the positions of their locations. */
export function useLocatedErrors(): Plugin {
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
