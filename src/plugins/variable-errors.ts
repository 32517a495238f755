import type { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { withExtensions } from '../schema/errors.js';

/**
 * graphql-js (and the compiled executor) report variables that fail coercion (`"sourceId": 1.5`, a missing key) without an
 * `extensions.code`; clients then cannot tell bad input from a server fault. These errors come
 * before execution starts (the result has no `data`), so they are marked BAD_USER_INPUT here.
 */
/** A variable's coercion error with the code clients can tell bad input by. */
export function asBadVariable(error: GraphQLError): GraphQLError {
  return withExtensions(error, { code: 'BAD_USER_INPUT' });
}

export function useBadVariableCodes(): Plugin {
  return {
    onExecute: () => ({
      onExecuteDone: ({ result, setResult }) => {
        if (Symbol.asyncIterator in result || 'data' in result || !result.errors) return;
        setResult({
          ...result,
          errors: result.errors.map((error) =>
            error.path === undefined && error.extensions?.code === undefined && /^Variable "\$/.test(error.message)
              ? asBadVariable(error)
              : error,
          ),
        });
      },
    }),
  };
}
