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
    "query PartitionsByStatus($sourceId: ID!, $tableId: ID!, $status: [MmsMigrationStatus!], $first: Int = 20, $after: String) {\n  mmsTable(sourceId: $sourceId, tableId: $tableId) {\n    id\n    name\n    dbName\n    source {\n      id\n      name\n    }\n    partitions(first: $first, after: $after, filter: {status: $status}) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...PartitionRow\n        }\n      }\n    }\n  }\n}": typeof types.PartitionsByStatusDocument,
    "query Partitions($keys: [MmsPartitionKey!]!) {\n  mmsPartitions(keys: $keys) {\n    ...PartitionRow\n  }\n}": typeof types.PartitionsDocument,
    "query SourceOverview($first: Int = 20, $after: String, $tablesFirst: Int = 20) {\n  mmsDataSources(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        name\n        type\n        status\n        region\n        progress {\n          tables {\n            ...StatusCounts\n          }\n          partitions {\n            ...StatusCounts\n          }\n        }\n        tables(first: $tablesFirst) {\n          totalCount\n          edges {\n            node {\n              id\n              name\n              dbName\n              status\n              hasPartitions\n              progress {\n                partitions {\n                  ...StatusCounts\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n}\n\nfragment StatusCounts on MmsStatusCounts {\n  total\n  done\n  doing\n  partDone\n  failed\n}": typeof types.SourceOverviewDocument,
};
const documents: Documents = {
    "fragment PartitionRow on MmsPartition {\n  sourceId\n  id\n  tableName\n  value\n  spec {\n    column\n    value\n  }\n  size\n  numRows\n  status\n  lastDdlTime\n}": types.PartitionRowFragmentDoc,
    "query Partition($sourceId: ID!, $partitionId: ID!) {\n  mmsPartition(sourceId: $sourceId, partitionId: $partitionId) {\n    ...PartitionRow\n    source {\n      id\n      name\n    }\n    destination {\n      projectName\n      schemaName\n      tableName\n      value\n    }\n  }\n}": types.PartitionDocument,
    "query PartitionsByStatus($sourceId: ID!, $tableId: ID!, $status: [MmsMigrationStatus!], $first: Int = 20, $after: String) {\n  mmsTable(sourceId: $sourceId, tableId: $tableId) {\n    id\n    name\n    dbName\n    source {\n      id\n      name\n    }\n    partitions(first: $first, after: $after, filter: {status: $status}) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...PartitionRow\n        }\n      }\n    }\n  }\n}": types.PartitionsByStatusDocument,
    "query Partitions($keys: [MmsPartitionKey!]!) {\n  mmsPartitions(keys: $keys) {\n    ...PartitionRow\n  }\n}": types.PartitionsDocument,
    "query SourceOverview($first: Int = 20, $after: String, $tablesFirst: Int = 20) {\n  mmsDataSources(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        name\n        type\n        status\n        region\n        progress {\n          tables {\n            ...StatusCounts\n          }\n          partitions {\n            ...StatusCounts\n          }\n        }\n        tables(first: $tablesFirst) {\n          totalCount\n          edges {\n            node {\n              id\n              name\n              dbName\n              status\n              hasPartitions\n              progress {\n                partitions {\n                  ...StatusCounts\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n}\n\nfragment StatusCounts on MmsStatusCounts {\n  total\n  done\n  doing\n  partDone\n  failed\n}": types.SourceOverviewDocument,
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
export function graphql(source: "query PartitionsByStatus($sourceId: ID!, $tableId: ID!, $status: [MmsMigrationStatus!], $first: Int = 20, $after: String) {\n  mmsTable(sourceId: $sourceId, tableId: $tableId) {\n    id\n    name\n    dbName\n    source {\n      id\n      name\n    }\n    partitions(first: $first, after: $after, filter: {status: $status}) {\n      totalCount\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        cursor\n        node {\n          ...PartitionRow\n        }\n      }\n    }\n  }\n}"): typeof import('./graphql.js').PartitionsByStatusDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query Partitions($keys: [MmsPartitionKey!]!) {\n  mmsPartitions(keys: $keys) {\n    ...PartitionRow\n  }\n}"): typeof import('./graphql.js').PartitionsDocument;
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "query SourceOverview($first: Int = 20, $after: String, $tablesFirst: Int = 20) {\n  mmsDataSources(first: $first, after: $after) {\n    totalCount\n    pageInfo {\n      hasNextPage\n      endCursor\n    }\n    edges {\n      node {\n        id\n        name\n        type\n        status\n        region\n        progress {\n          tables {\n            ...StatusCounts\n          }\n          partitions {\n            ...StatusCounts\n          }\n        }\n        tables(first: $tablesFirst) {\n          totalCount\n          edges {\n            node {\n              id\n              name\n              dbName\n              status\n              hasPartitions\n              progress {\n                partitions {\n                  ...StatusCounts\n                }\n              }\n            }\n          }\n        }\n      }\n    }\n  }\n}\n\nfragment StatusCounts on MmsStatusCounts {\n  total\n  done\n  doing\n  partDone\n  failed\n}"): typeof import('./graphql.js').SourceOverviewDocument;


export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}
