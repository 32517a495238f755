import { GraphQLError } from 'graphql';
import { FanOutLimitError } from '../loaders/budget.js';
import { UpstreamError } from '../upstream/errors.js';
import { WatchLimitError } from '../watch/partition-watch.js';

// The one place domain failures become GraphQL errors with an `extensions.code`.

/** The same error (message, locations, path, cause) with more `extensions`. */
export function withExtensions(error: GraphQLError, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: { ...error.extensions, ...extensions },
  });
}

export function badUserInput(message: string, argumentName: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', argumentName } });
}

/** An upstream integer beyond 2^53-1: refused rather than rounded; the exact digits travel along. */
export function valueOutOfRange(field: string, digits: string): GraphQLError {
  return new GraphQLError(`${field} is ${digits}, beyond what SafeInt can carry exactly (2^53-1).`, {
    extensions: { code: 'VALUE_OUT_OF_RANGE', exactValue: digits },
  });
}

export function toGraphQLError(error: unknown): GraphQLError {
  if (error instanceof GraphQLError) return error;
  if (error instanceof FanOutLimitError)
    return new GraphQLError(error.message, { extensions: { code: error.code, maxKeys: error.maxKeys } });
  if (error instanceof WatchLimitError)
    return new GraphQLError(error.message, { extensions: { code: error.code, maxPartitions: error.maxPartitions } });
  if (!(error instanceof UpstreamError)) {
    // Unknown failures keep their cause: the server masks it in the answer and logs it.
    return new GraphQLError('Unexpected error.', {
      originalError: error instanceof Error ? error : new Error(String(error)),
      extensions: { code: 'INTERNAL_SERVER_ERROR' },
    });
  }
  return new GraphQLError(error.message, {
    extensions: {
      code: error.code,
      ...(error.upstreamCode !== null && { upstreamCode: error.upstreamCode }),
      ...(error.upstreamRequestId !== null && { upstreamRequestId: error.upstreamRequestId }),
      retryable: error.retryable,
    },
  });
}
