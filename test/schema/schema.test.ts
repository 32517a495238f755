import { readFileSync } from 'node:fs';
import {
  buildSchema,
  type GraphQLSchema,
  isEnumType,
  isInputObjectType,
  isInterfaceType,
  isObjectType,
  lexicographicSortSchema,
  parse,
  print,
  printSchema,
  visit,
} from 'graphql';
import { describe, expect, it } from 'vitest';
import { printPublishedSchema, schema } from '../../src/schema/index.js';

// The published contract: names, types and nullability exactly so.
const CONTRACT = `
type Query {
  mmsPartition(sourceId: ID!, partitionId: ID!): MmsPartition
  mmsPartitions(keys: [MmsPartitionKey!]!): [MmsPartition]!
}
input MmsPartitionKey { sourceId: ID!  partitionId: ID! }
type MmsPartition {
  id: ID!
  sourceId: ID!
  dbId: ID
  dbName: String
  tableId: ID
  tableName: String
  value: String
  spec: [MmsPartitionColumnValue!]!
  size: SafeInt
  numRows: SafeInt
  updated: Boolean
  lastDdlTime: String
  status: MmsMigrationStatus
  source: MmsDataSource!
  destination: MmsPartitionDestination
}
type MmsPartitionColumnValue { column: String!  value: String! }
type MmsDataSource { id: ID!  name: String }
type MmsPartitionDestination { projectName: String  schemaName: String  tableName: String  value: String }
enum MmsMigrationStatus { INIT DOING DONE FAILED }
scalar SafeInt
`;

function withoutDescriptions(target: GraphQLSchema): string {
  const document = parse(printSchema(lexicographicSortSchema(target)));
  const stripped = visit(document, {
    enter(node) {
      if ('description' in node && node.description) return { ...node, description: undefined };
      if (node.kind === 'Directive' && node.name.value === 'specifiedBy') return null;
      return undefined;
    },
  });
  return print(stripped);
}

describe('schema.graphql', () => {
  it('is up to date with the code (run `npm run print-schema`)', () => {
    expect(readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8')).toBe(printPublishedSchema());
  });

  it('matches the published contract exactly, descriptions aside', () => {
    expect(withoutDescriptions(schema)).toBe(withoutDescriptions(buildSchema(CONTRACT)));
  });

  it('describes every type, field, argument and enum value', () => {
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__')) continue;
      if (!type.description) missing.push(type.name);
      if (isObjectType(type) || isInterfaceType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
          for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
        }
      }
      if (isInputObjectType(type)) {
        for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
      }
      if (isEnumType(type)) {
        for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
      }
    }
    expect(missing.filter((name) => !['String', 'Boolean', 'ID'].includes(name))).toEqual([]);
  });
});
