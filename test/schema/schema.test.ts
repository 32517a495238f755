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

// The published contract: names, types and nullability exactly so (clients and codegen rely on them).
const CONTRACT = `
type MmsCapabilities {
  jobControl: Boolean!
}

type MmsColumn {
  comment: String
  defaultValue: String
  name: String
  nullable: Boolean
  type: String
}

type MmsDataSource {
  agentOnline: Boolean
  createTime: String
  databaseCount: Int
  databases(after: String, filter: MmsDatabaseFilter, first: Int = 20, orderBy: MmsDatabaseOrder): MmsDatabaseConnection!
  destinationProject: String
  destinationProjects: [String!]!
  errorMessage: String
  id: ID!
  jobs(after: String, filter: MmsJobFilter, first: Int = 20, orderBy: MmsJobOrder): MmsJobConnection!
  lastUpdateTime: String
  name: String
  networkLink: String
  partitions(after: String, filter: MmsPartitionFilter, first: Int = 20, orderBy: MmsPartitionOrder): MmsPartitionConnection!
  progress: MmsMigrationProgress!
  region: String
  status: MmsDataSourceStatus
  tables(after: String, filter: MmsTableFilter, first: Int = 20, orderBy: MmsTableOrder): MmsTableConnection!
  tasks(after: String, filter: MmsTaskFilter, first: Int = 20, orderBy: MmsTaskOrder): MmsTaskConnection!
  type: MmsDataSourceType
}

type MmsDataSourceConnection {
  edges: [MmsDataSourceEdge!]!
  pageInfo: PageInfo!
  totalCount: Int!
}

type MmsDataSourceEdge {
  cursor: String!
  node: MmsDataSource!
}

input MmsDataSourceFilter {
  name: String
  region: String
  type: MmsDataSourceType
}

enum MmsDataSourceStatus {
  STARTED
  STARTING
  START_FAILED
  STOPPED
  STOPPING
  STOP_FAILED
}

enum MmsDataSourceType {
  BIGQUERY
  HIVE
  MAXCOMPUTE
}

type MmsDatabase {
  createTime: String
  description: String
  destination: MmsDatabaseDestination
  id: ID!
  lastDdlTime: String
  location: String
  name: String
  numRows: SafeInt
  owner: String
  partitions(after: String, filter: MmsPartitionFilter, first: Int = 20, orderBy: MmsPartitionOrder): MmsPartitionConnection!
  progress: MmsMigrationProgress!
  properties: [MmsProperty!]!
  size: SafeInt
  source: MmsDataSource!
  sourceId: ID!
  status: MmsMigrationStatus
  tables(after: String, filter: MmsTableFilter, first: Int = 20, orderBy: MmsTableOrder): MmsTableConnection!
  updateTime: String
  updated: Boolean
}

type MmsDatabaseConnection {
  edges: [MmsDatabaseEdge!]!
  pageInfo: PageInfo!
  totalCount: Int!
}

type MmsDatabaseDestination {
  projectName: String
  schemaName: String
}

type MmsDatabaseEdge {
  cursor: String!
  node: MmsDatabase!
}

input MmsDatabaseFilter {
  name: String
  status: MmsMigrationStatus
}

input MmsDatabaseOrder {
  direction: MmsOrderDirection = ASC
  field: MmsDatabaseOrderField!
}

enum MmsDatabaseOrderField {
  NUM_ROWS
  SIZE
  UPDATE_TIME
}

type MmsJob {
  config: MmsJobConfig
  createTime: String
  database: MmsDatabase
  destination: MmsDatabaseDestination
  eta: String
  id: ID!
  name: String
  source: MmsDataSource!
  sourceDatabaseName: String
  sourceId: ID!
  sourceSchemaName: String
  status: MmsJobStatus
  stopped: Boolean
  taskCount: Int
  tasks(after: String, filter: MmsTaskFilter, first: Int = 20, orderBy: MmsTaskOrder): MmsTaskConnection!
  tasksDone: Int
  type: MmsJobScope
}

type MmsJobConfig {
  columnMapping: [MmsKeyValue!]!
  incremental: Boolean
  partitionFilters: [MmsKeyValue!]!
  partitionIds: [ID!]!
  partitions: [MmsPartition!]!
  tableAllowList: [String!]!
  tableDenyList: [String!]!
  tableMapping: [MmsKeyValue!]!
  tables: [String!]!
  verification: Boolean
}

type MmsJobConnection {
  edges: [MmsJobEdge!]!
  pageInfo: PageInfo!
  totalCount: Int!
}

type MmsJobControlResult {
  job: MmsJob
  upstreamRequestId: String
}

type MmsJobEdge {
  cursor: String!
  node: MmsJob!
}

input MmsJobFilter {
  dstProjectName: String
  dstTableName: String
  name: String
  srcDbName: String
  srcTableName: String
  status: MmsJobStatus
  stopped: Boolean
  timerId: ID
}

input MmsJobOrder {
  direction: MmsOrderDirection = ASC
  field: MmsJobOrderField!
}

enum MmsJobOrderField {
  STATUS
}

enum MmsJobScope {
  DATABASE
  PARTITIONS
  TABLES
}

enum MmsJobStatus {
  DOING
  DONE
  FAILED
  INIT
}

type MmsKeyValue {
  key: String!
  value: String!
}

type MmsMigrationProgress {
  partitions: MmsStatusCounts
  tables: MmsStatusCounts
}

enum MmsMigrationStatus {
  DOING
  DONE
  FAILED
  INIT
  PART_DONE
}

enum MmsOrderDirection {
  ASC
  DESC
}

type MmsPartition {
  database: MmsDatabase
  dbId: ID
  dbName: String
  destination: MmsPartitionDestination
  id: ID!
  lastDdlTime: String
  numRows: SafeInt
  size: SafeInt
  source: MmsDataSource!
  sourceId: ID!
  spec: [MmsPartitionColumnValue!]!
  status: MmsMigrationStatus
  table: MmsTable
  tableId: ID
  tableName: String
  tasks(after: String, filter: MmsTaskFilter, first: Int = 20, orderBy: MmsTaskOrder): MmsTaskConnection!
  updated: Boolean
  value: String
}

type MmsPartitionColumnValue {
  column: String!
  value: String!
}

type MmsPartitionConnection {
  edges: [MmsPartitionEdge!]!
  pageInfo: PageInfo!
  totalCount: Int!
}

type MmsPartitionDestination {
  projectName: String
  schemaName: String
  tableName: String
  value: String
}

type MmsPartitionEdge {
  cursor: String!
  node: MmsPartition!
}

input MmsPartitionFilter {
  dbId: ID
  dbName: String
  lastDdlTimeFrom: String
  lastDdlTimeTo: String
  status: [MmsMigrationStatus!]
  tableId: ID
  tableName: String
  updated: Boolean
  value: String
}

input MmsPartitionKey {
  partitionId: ID!
  sourceId: ID!
}

input MmsPartitionOrder {
  direction: MmsOrderDirection = ASC
  field: MmsPartitionOrderField!
}

enum MmsPartitionOrderField {
  LAST_DDL_TIME
  NUM_ROWS
  SIZE
}

type MmsProperty {
  key: String!
  value: String!
}

type MmsStatusCounts {
  doing: Int
  done: Int
  failed: Int
  partDone: Int
  total: Int
}

type MmsTable {
  columns: [MmsColumn!]!
  comment: String
  database: MmsDatabase
  dbId: ID
  dbName: String
  destination: MmsTableDestination
  hasPartitions: Boolean
  id: ID!
  inputFormat: String
  lastDdlTime: String
  location: String
  name: String
  numRows: SafeInt
  outputFormat: String
  owner: String
  partitionColumns: [MmsColumn!]!
  partitions(after: String, filter: MmsPartitionFilter, first: Int = 20, orderBy: MmsPartitionOrder): MmsPartitionConnection!
  progress: MmsMigrationProgress!
  properties: [MmsProperty!]!
  serde: String
  size: SafeInt
  source: MmsDataSource!
  sourceId: ID!
  status: MmsMigrationStatus
  tasks(after: String, filter: MmsTaskFilter, first: Int = 20, orderBy: MmsTaskOrder): MmsTaskConnection!
  type: String
  updated: Boolean
}

type MmsTableConnection {
  edges: [MmsTableEdge!]!
  pageInfo: PageInfo!
  totalCount: Int!
}

type MmsTableDestination {
  projectName: String
  schemaName: String
  tableName: String
}

type MmsTableEdge {
  cursor: String!
  node: MmsTable!
}

input MmsTableFilter {
  dbId: ID
  dbName: String
  dstName: String
  dstProjectName: String
  dstSchemaName: String
  hasPartitions: Boolean
  lastDdlTimeFrom: String
  lastDdlTimeTo: String
  name: String
  status: [MmsMigrationStatus!]
  type: String
}

input MmsTableOrder {
  direction: MmsOrderDirection = ASC
  field: MmsTableOrderField!
}

enum MmsTableOrderField {
  LAST_DDL_TIME
  NUM_ROWS
  SIZE
}

type MmsTask {
  createTime: String
  database: MmsDatabase
  destination: MmsTableDestination
  endTime: String
  id: ID!
  job: MmsJob
  jobId: ID
  logs: [MmsTaskLogEntry!]!
  retriedTimes: Int
  running: Boolean
  source: MmsDataSource!
  sourceId: ID!
  sourceSchemaName: String
  startTime: String
  status: MmsTaskStatus
  stopped: Boolean
  table: MmsTable
  type: String
}

type MmsTaskConnection {
  edges: [MmsTaskEdge!]!
  pageInfo: PageInfo!
  totalCount: Int!
}

type MmsTaskEdge {
  cursor: String!
  node: MmsTask!
}

input MmsTaskFilter {
  dstProjectName: String
  dstTableName: String
  jobId: ID
  jobName: String
  partition: String
  srcDbName: String
  srcTableName: String
  status: MmsTaskStatus
}

type MmsTaskLogEntry {
  action: String
  createTime: String
  id: ID!
  message: String
  status: MmsTaskStatus
}

input MmsTaskOrder {
  direction: MmsOrderDirection = ASC
  field: MmsTaskOrderField!
}

enum MmsTaskOrderField {
  START_TIME
  STATUS
}

enum MmsTaskStatus {
  DATA_DOING
  DATA_DONE
  DATA_FAILED
  DONE
  INIT
  SCHEMA_DOING
  SCHEMA_DONE
  SCHEMA_FAILED
  VERIFICATION_DOING
  VERIFICATION_DONE
  VERIFICATION_FAILED
}

type Mutation {
  retryMmsJob(jobId: ID!, sourceId: ID!): MmsJobControlResult!
  startMmsJob(jobId: ID!, sourceId: ID!): MmsJobControlResult!
  stopMmsJob(jobId: ID!, sourceId: ID!): MmsJobControlResult!
}

type PageInfo {
  endCursor: String
  hasNextPage: Boolean!
  hasPreviousPage: Boolean!
  startCursor: String
}

type Query {
  mmsCapabilities: MmsCapabilities!
  mmsDataSource(id: ID!): MmsDataSource
  mmsDataSources(after: String, filter: MmsDataSourceFilter, first: Int = 20): MmsDataSourceConnection!
  mmsDatabase(dbId: ID!, sourceId: ID!): MmsDatabase
  mmsJob(jobId: ID!, sourceId: ID!): MmsJob
  mmsPartition(partitionId: ID!, sourceId: ID!): MmsPartition
  mmsPartitions(keys: [MmsPartitionKey!]!): [MmsPartition]!
  mmsTable(sourceId: ID!, tableId: ID!): MmsTable
  mmsTask(sourceId: ID!, taskId: ID!): MmsTask
}

scalar SafeInt

type Subscription {
  mmsPartitionChanged(keys: [MmsPartitionKey!]!): MmsPartition!
}
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
