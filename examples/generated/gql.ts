/* eslint-disable */
import * as types from './graphql.js';



/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "fragment PartitionRow on MmsPartition {\n  sourceId\n  id\n  tableName\n  value\n  spec {\n    column\n    value\n  }\n  size\n  numRows\n  status\n  lastDdlTime\n}": typeof types.PartitionRowFragmentDoc,
    "query Partition($sourceId: ID!, $partitionId: ID!) {\n  mmsPartition(sourceId: $sourceId, partitionId: $partitionId) {\n    ...PartitionRow\n    source {\n      id\n      name\n    }\n    destination {\n      projectName\n      schemaName\n      tableName\n      value\n    }\n  }\n}": typeof types.PartitionDocument,
    "query Partitions($keys: [MmsPartitionKey!]!) {\n  mmsPartitions(keys: $keys) {\n    ...PartitionRow\n  }\n}": typeof types.PartitionsDocument,
};
const documents: Documents = {
    "fragment PartitionRow on MmsPartition {\n  sourceId\n  id\n  tableName\n  value\n  spec {\n    column\n    value\n  }\n  size\n  numRows\n  status\n  lastDdlTime\n}": types.PartitionRowFragmentDoc,
    "query Partition($sourceId: ID!, $partitionId: ID!) {\n  mmsPartition(sourceId: $sourceId, partitionId: $partitionId) {\n    ...PartitionRow\n    source {\n      id\n      name\n    }\n    destination {\n      projectName\n      schemaName\n      tableName\n      value\n    }\n  }\n}": types.PartitionDocument,
    "query Partitions($keys: [MmsPartitionKey!]!) {\n  mmsPartitions(keys: $keys) {\n    ...PartitionRow\n  }\n}": types.PartitionsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "fragment PartitionRow on MmsPartition {\n  sourceId\n  id\n  tableName\n  value\n  spec {\n    column\n    value\n  }\n  size\n  numRows\n  status\n  lastDdlTime\n}"): typeof import('./graphql.js').PartitionRowFragmentDoc;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Partition($sourceId: ID!, $partitionId: ID!) {\n  mmsPartition(sourceId: $sourceId, partitionId: $partitionId) {\n    ...PartitionRow\n    source {\n      id\n      name\n    }\n    destination {\n      projectName\n      schemaName\n      tableName\n      value\n    }\n  }\n}"): typeof import('./graphql.js').PartitionDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Partitions($keys: [MmsPartitionKey!]!) {\n  mmsPartitions(keys: $keys) {\n    ...PartitionRow\n  }\n}"): typeof import('./graphql.js').PartitionsDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
