import { canonicalId } from '../upstream/partition.js';
import { badUserInput } from './errors.js';

/**
 * A user-given ID in canonical form ("007" and 7 are one record), or BAD_USER_INPUT naming
 * `argumentName` before anything reaches the upstream: the service's IDs are 64-bit integers.
 */
export function toId(value: string, argumentName: string): string {
  const id = canonicalId(value);
  if (id === null) {
    const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
    throw badUserInput(`${argumentName} must be a non-negative decimal integer below 2^63; got ${JSON.stringify(shown)}.`, argumentName);
  }
  return id;
}

/** A user-given key of a record in a data source (a database, a table), canonical. */
export function toChildKey(input: { sourceId: string; id: string }, idName: string): { sourceId: string; id: string } {
  return { sourceId: toId(input.sourceId, 'sourceId'), id: toId(input.id, idName) };
}
