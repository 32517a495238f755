import { lexicographicSortSchema, printSchema } from 'graphql';
import { builder } from './builder.js';
import './data-source.js';
import './destination.js';
import './migration-status.js';
import './partition.js';
import './partition-column-value.js';
import './partition-key.js';
import './query.js';

export const schema = builder.toSchema();

/** The published contract: `schema.graphql`, sorted so that it is stable across edits. */
export function printPublishedSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
