import { type GraphQLFieldResolver, type GraphQLSchema, getNullableType, isListType, isObjectType } from 'graphql';

// The compiled executor (graphql-jit) mishandles a list whose items are promises: a rejected
// item is appended to the answer instead of being written at its own index, so a list with a
// failing item comes back with items shifted, missing or extra. Handing it one promise of the
// whole list, each failed item in place as its Error, gives every executor the same answer:
// graphql-js and graphql-jit both report an Error item as a field error at that index.

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

const asError = (reason: unknown): Error => (reason instanceof Error ? reason : new Error(String(reason)));

/** A list of values and promises as one promise of its values, each rejected item as its Error, in place. */
export function settleListItems(items: unknown): unknown {
  if (!Array.isArray(items) || !items.some(isThenable)) return items;
  return Promise.all(items.map((item: unknown) => (isThenable(item) ? Promise.resolve(item).catch(asError) : item)));
}

/**
 * Wraps the resolver of every list field of `target` (its own types, not introspection's) so
 * that a list of promises reaches the executor as one promise (see `settleListItems`).
 * Applied to the schema objects themselves, so that no list field added later can miss it.
 */
export function settleListFields(target: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(target.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve: GraphQLFieldResolver<unknown, unknown> | undefined = field.resolve;
      if (!resolve || !isListType(getNullableType(field.type))) continue;
      field.resolve = (source, args, context, info) => {
        const result: unknown = resolve(source, args, context, info);
        return isThenable(result) ? Promise.resolve(result).then(settleListItems) : settleListItems(result);
      };
    }
  }
  return target;
}
