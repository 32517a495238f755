/* eslint-disable */
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
export type Maybe<T> = T | null;
export type InputMaybe<T> = T | null | undefined;
export type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
export type MakeOptional<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]?: Maybe<T[SubKey]> };
export type MakeMaybe<T, K extends keyof T> = Omit<T, K> & { [SubKey in K]: Maybe<T[SubKey]> };
export type MakeEmpty<T extends { [key: string]: unknown }, K extends keyof T> = { [_ in K]?: never };
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** The `SafeInt` scalar type represents non-fractional signed whole numeric values that are considered safe as defined by the ECMAScript specification. */
  SafeInt: { input: number; output: number; }
};

/** What this gateway lets the caller do, for clients that adapt their interface. */
export type MmsCapabilities = {
  __typename?: 'MmsCapabilities';
  /** Whether the caller may start, stop and retry jobs: mutations are on and it holds a write key or the write scope. */
  jobControl: Scalars['Boolean']['output'];
};

/** A column of a table's schema (an ordinary or a partition column). */
export type MmsColumn = {
  __typename?: 'MmsColumn';
  /** Column comment. */
  comment?: Maybe<Scalars['String']['output']>;
  /** Default value, as the source declares it. */
  defaultValue?: Maybe<Scalars['String']['output']>;
  /** Column name. */
  name?: Maybe<Scalars['String']['output']>;
  /** Whether the column may be null. */
  nullable?: Maybe<Scalars['Boolean']['output']>;
  /** Column type in the source, e.g. `bigint`. */
  type?: Maybe<Scalars['String']['output']>;
};

/** An MMA data source: the external system (Hive, BigQuery, MaxCompute) data is migrated from (GetMmsDataSource), with its databases, tables and partitions. */
export type MmsDataSource = {
  __typename?: 'MmsDataSource';
  /** Whether the source instance or its agent is running. */
  agentOnline?: Maybe<Scalars['Boolean']['output']>;
  /** When the data source was created. */
  createTime?: Maybe<Scalars['String']['output']>;
  /** Number of databases. */
  databaseCount?: Maybe<Scalars['Int']['output']>;
  /** Its databases (ListMmsDbs). */
  databases: MmsDatabaseConnection;
  /** Default destination MaxCompute project. */
  destinationProject?: Maybe<Scalars['String']['output']>;
  /** Every destination MaxCompute project configured. */
  destinationProjects: Array<Scalars['String']['output']>;
  /** Why starting or stopping failed (with START_FAILED, STOP_FAILED). */
  errorMessage?: Maybe<Scalars['String']['output']>;
  /** Data source ID (the `sourceId` of everything in it). */
  id: Scalars['ID']['output'];
  /** Its migration jobs (ListMmsJobs). */
  jobs: MmsJobConnection;
  /** When its metadata was last synchronised from the source. */
  lastUpdateTime?: Maybe<Scalars['String']['output']>;
  /** Data source name. */
  name?: Maybe<Scalars['String']['output']>;
  /** The MaxCompute network connection to the source, `<connection id>:<region id>`. */
  networkLink?: Maybe<Scalars['String']['output']>;
  /** Its partitions (ListMmsPartitions). */
  partitions: MmsPartitionConnection;
  /** Migration progress of its tables and partitions. */
  progress: MmsMigrationProgress;
  /** Region ID. */
  region?: Maybe<Scalars['String']['output']>;
  /** State of the source's MMA instance; null for a state this gateway does not know yet. */
  status?: Maybe<MmsDataSourceStatus>;
  /** Its tables (ListMmsTables). */
  tables: MmsTableConnection;
  /** The tasks of its migration jobs (ListMmsTasks). */
  tasks: MmsTaskConnection;
  /** Source kind; null for a kind this gateway does not know yet. */
  type?: Maybe<MmsDataSourceType>;
};


/** An MMA data source: the external system (Hive, BigQuery, MaxCompute) data is migrated from (GetMmsDataSource), with its databases, tables and partitions. */
export type MmsDataSourceDatabasesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<MmsDatabaseFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<MmsDatabaseOrder>;
};


/** An MMA data source: the external system (Hive, BigQuery, MaxCompute) data is migrated from (GetMmsDataSource), with its databases, tables and partitions. */
export type MmsDataSourceJobsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<MmsJobFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<MmsJobOrder>;
};


/** An MMA data source: the external system (Hive, BigQuery, MaxCompute) data is migrated from (GetMmsDataSource), with its databases, tables and partitions. */
export type MmsDataSourcePartitionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<MmsPartitionFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<MmsPartitionOrder>;
};


/** An MMA data source: the external system (Hive, BigQuery, MaxCompute) data is migrated from (GetMmsDataSource), with its databases, tables and partitions. */
export type MmsDataSourceTablesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<MmsTableFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<MmsTableOrder>;
};


/** An MMA data source: the external system (Hive, BigQuery, MaxCompute) data is migrated from (GetMmsDataSource), with its databases, tables and partitions. */
export type MmsDataSourceTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<MmsTaskFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<MmsTaskOrder>;
};

/** A page of data sources. */
export type MmsDataSourceConnection = {
  __typename?: 'MmsDataSourceConnection';
  /** The records of this page, in order, each with its cursor. */
  edges: Array<MmsDataSourceEdge>;
  /** Where this page is in the listing. */
  pageInfo: PageInfo;
  /** Matching data sources over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One record of a page, with its cursor. */
export type MmsDataSourceEdge = {
  __typename?: 'MmsDataSourceEdge';
  /** This record's position in its listing: pass it as `after` to page on from here. */
  cursor: Scalars['String']['output'];
  /** The record. */
  node: MmsDataSource;
};

/** Narrows the list of data sources (ListMmsDataSources query parameters); every field given must match. */
export type MmsDataSourceFilter = {
  /** Data source name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Region ID, e.g. `cn-shanghai`. */
  region?: InputMaybe<Scalars['String']['input']>;
  /** Source kind. */
  type?: InputMaybe<MmsDataSourceType>;
};

/** The state of a data source's MMA instance. */
export type MmsDataSourceStatus =
  /** Running. */
  | 'STARTED'
  /** Starting. */
  | 'STARTING'
  /** Starting failed: see `errorMessage`. */
  | 'START_FAILED'
  /** Stopped. */
  | 'STOPPED'
  /** Stopping. */
  | 'STOPPING'
  /** Stopping failed: see `errorMessage`. */
  | 'STOP_FAILED';

/** The kind of system a data source is. */
export type MmsDataSourceType =
  /** Google BigQuery. */
  | 'BIGQUERY'
  /** Apache Hive. */
  | 'HIVE'
  /** Another MaxCompute. */
  | 'MAXCOMPUTE';

/** A database of a data source (GetMmsDb): a Hive database, a BigQuery dataset, or a schema of the source. */
export type MmsDatabase = {
  __typename?: 'MmsDatabase';
  /** When its record was created. */
  createTime?: Maybe<Scalars['String']['output']>;
  /** Database comment. */
  description?: Maybe<Scalars['String']['output']>;
  /** Where it is migrated to; null when the API gives no destination. */
  destination?: Maybe<MmsDatabaseDestination>;
  /** Database ID (the `dbId` of its tables and partitions). */
  id: Scalars['ID']['output'];
  /** Time of the last DDL in the source. */
  lastDdlTime?: Maybe<Scalars['String']['output']>;
  /** Storage location in the source. */
  location?: Maybe<Scalars['String']['output']>;
  /** Database name. */
  name?: Maybe<Scalars['String']['output']>;
  /** Number of rows (VALUE_OUT_OF_RANGE beyond 2^53-1, never rounded). */
  numRows?: Maybe<Scalars['SafeInt']['output']>;
  /** Owner in the source. */
  owner?: Maybe<Scalars['String']['output']>;
  /** Its partitions (the source's ListMmsPartitions, by this database). */
  partitions: MmsPartitionConnection;
  /** Migration progress of its tables and partitions. */
  progress: MmsMigrationProgress;
  /** Further properties the source reports. */
  properties: Array<MmsProperty>;
  /** Data size in bytes (VALUE_OUT_OF_RANGE beyond 2^53-1, never rounded). */
  size?: Maybe<Scalars['SafeInt']['output']>;
  /** Its data source. */
  source: MmsDataSource;
  /** ID of its data source. */
  sourceId: Scalars['ID']['output'];
  /** Migration status; null for a status this gateway does not know yet. */
  status?: Maybe<MmsMigrationStatus>;
  /** Its tables (the source's ListMmsTables, by this database). */
  tables: MmsTableConnection;
  /** When its record was last updated. */
  updateTime?: Maybe<Scalars['String']['output']>;
  /** Whether its metadata changed since it was migrated. */
  updated?: Maybe<Scalars['Boolean']['output']>;
};


/** A database of a data source (GetMmsDb): a Hive database, a BigQuery dataset, or a schema of the source. */
export type MmsDatabasePartitionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<MmsPartitionFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<MmsPartitionOrder>;
};


/** A database of a data source (GetMmsDb): a Hive database, a BigQuery dataset, or a schema of the source. */
export type MmsDatabaseTablesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<MmsTableFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<MmsTableOrder>;
};

/** A page of databases. */
export type MmsDatabaseConnection = {
  __typename?: 'MmsDatabaseConnection';
  /** The records of this page, in order, each with its cursor. */
  edges: Array<MmsDatabaseEdge>;
  /** Where this page is in the listing. */
  pageInfo: PageInfo;
  /** Matching databases over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** Where in MaxCompute a database is migrated to: a project and a schema in it. */
export type MmsDatabaseDestination = {
  __typename?: 'MmsDatabaseDestination';
  /** Destination MaxCompute project. */
  projectName?: Maybe<Scalars['String']['output']>;
  /** Destination schema within the project. */
  schemaName?: Maybe<Scalars['String']['output']>;
};

/** One record of a page, with its cursor. */
export type MmsDatabaseEdge = {
  __typename?: 'MmsDatabaseEdge';
  /** This record's position in its listing: pass it as `after` to page on from here. */
  cursor: Scalars['String']['output'];
  /** The record. */
  node: MmsDatabase;
};

/** Narrows a list of databases (ListMmsDbs query parameters); every field given must match. */
export type MmsDatabaseFilter = {
  /** Database name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Migration status. */
  status?: InputMaybe<MmsMigrationStatus>;
};

/** The order of a list of databases (ties by ID). */
export type MmsDatabaseOrder = {
  /** Ascending (the default) or descending. */
  direction?: InputMaybe<MmsOrderDirection>;
  /** What to order by. */
  field: MmsDatabaseOrderField;
};

/** What databases can be ordered by. */
export type MmsDatabaseOrderField =
  /** Row count. */
  | 'NUM_ROWS'
  /** Data size. */
  | 'SIZE'
  /** When its record was last updated. */
  | 'UPDATE_TIME';

/** A migration job of a data source (GetMmsJob): a database, tables or partitions to migrate, split into tasks. */
export type MmsJob = {
  __typename?: 'MmsJob';
  /** What it was asked to migrate, and how; null when the API gives no configuration. */
  config?: Maybe<MmsJobConfig>;
  /** Creation time. */
  createTime?: Maybe<Scalars['String']['output']>;
  /** The source database it migrates from (its ID and name come with the job). */
  database?: Maybe<MmsDatabase>;
  /** The MaxCompute project and schema it migrates to; null when the API gives neither. */
  destination?: Maybe<MmsDatabaseDestination>;
  /** Wanted completion date: an earlier one gives the job a higher priority. */
  eta?: Maybe<Scalars['String']['output']>;
  /** Job ID (the `jobId` of its tasks). */
  id: Scalars['ID']['output'];
  /** Job name. */
  name?: Maybe<Scalars['String']['output']>;
  /** Its data source. */
  source: MmsDataSource;
  /** Name of the source database. */
  sourceDatabaseName?: Maybe<Scalars['String']['output']>;
  /** ID of its data source. */
  sourceId: Scalars['ID']['output'];
  /** Source schema, for sources with a three-level namespace. */
  sourceSchemaName?: Maybe<Scalars['String']['output']>;
  /** Job status; null for a status this gateway does not know yet. */
  status?: Maybe<MmsJobStatus>;
  /** Whether it was stopped. */
  stopped?: Maybe<Scalars['Boolean']['output']>;
  /** Number of its tasks. */
  taskCount?: Maybe<Scalars['Int']['output']>;
  /** Its tasks (the source's ListMmsTasks, by this job). */
  tasks: MmsTaskConnection;
  /** Number of its tasks finished. */
  tasksDone?: Maybe<Scalars['Int']['output']>;
  /** What it migrates; null for a scope this gateway does not know yet. */
  type?: Maybe<MmsJobScope>;
};


/** A migration job of a data source (GetMmsJob): a database, tables or partitions to migrate, split into tasks. */
export type MmsJobTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<MmsTaskFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<MmsTaskOrder>;
};

/** What a migration job was asked to migrate, and how (its `config`). */
export type MmsJobConfig = {
  __typename?: 'MmsJobConfig';
  /** Source column name → destination column name. */
  columnMapping: Array<MmsKeyValue>;
  /** Only new or changed partitions are migrated (changed ones again). */
  incremental?: Maybe<Scalars['Boolean']['output']>;
  /** Per table, a filter on its partitions, e.g. `p1 >= '2022-03-04' and p2 = 10`. */
  partitionFilters: Array<MmsKeyValue>;
  /** With scope PARTITIONS: the IDs of the partitions to migrate (costs nothing). */
  partitionIds: Array<Scalars['ID']['output']>;
  /** With scope PARTITIONS: the partitions to migrate, each read through the request's partition loader (estimated at 100 reads). */
  partitions: Array<MmsPartition>;
  /** With scope DATABASE: only these tables (empty: all of them). */
  tableAllowList: Array<Scalars['String']['output']>;
  /** With scope DATABASE: tables skipped (they win over the allow list). */
  tableDenyList: Array<Scalars['String']['output']>;
  /** Source table name → destination table name. */
  tableMapping: Array<MmsKeyValue>;
  /** With scope TABLES: the names of the tables to migrate. */
  tables: Array<Scalars['String']['output']>;
  /** Row counts (`SELECT COUNT`) are compared on both sides after the data is migrated. */
  verification?: Maybe<Scalars['Boolean']['output']>;
};

/** A page of migration jobs. */
export type MmsJobConnection = {
  __typename?: 'MmsJobConnection';
  /** The records of this page, in order, each with its cursor. */
  edges: Array<MmsJobEdge>;
  /** Where this page is in the listing. */
  pageInfo: PageInfo;
  /** Matching migration jobs over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** What a job control call did: the upstream request that carried it, and the job as read right after. */
export type MmsJobControlResult = {
  __typename?: 'MmsJobControlResult';
  /** The job as the upstream has it right after the call (read past the cache); null, with an error, when that read failed. */
  job?: Maybe<MmsJob>;
  /** The upstream's request ID for the call (quote it to Alibaba Cloud support). */
  upstreamRequestId?: Maybe<Scalars['String']['output']>;
};

/** One record of a page, with its cursor. */
export type MmsJobEdge = {
  __typename?: 'MmsJobEdge';
  /** This record's position in its listing: pass it as `after` to page on from here. */
  cursor: Scalars['String']['output'];
  /** The record. */
  node: MmsJob;
};

/** Narrows a list of migration jobs (ListMmsJobs query parameters); every field given must match. */
export type MmsJobFilter = {
  /** Destination MaxCompute project (`dstDbName`). */
  dstProjectName?: InputMaybe<Scalars['String']['input']>;
  /** A destination table. */
  dstTableName?: InputMaybe<Scalars['String']['input']>;
  /** Part of the job name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Source database. */
  srcDbName?: InputMaybe<Scalars['String']['input']>;
  /** A source table the job migrates. */
  srcTableName?: InputMaybe<Scalars['String']['input']>;
  /** This status. */
  status?: InputMaybe<MmsJobStatus>;
  /** Whether the job was stopped. */
  stopped?: InputMaybe<Scalars['Boolean']['input']>;
  /** Only the jobs this scheduled timer created. */
  timerId?: InputMaybe<Scalars['ID']['input']>;
};

/** The order of a list of migration jobs (ties by ID). */
export type MmsJobOrder = {
  /** Ascending (the default) or descending. */
  direction?: InputMaybe<MmsOrderDirection>;
  /** What to order by. */
  field: MmsJobOrderField;
};

/** What migration jobs can be ordered by. */
export type MmsJobOrderField =
  /** Job status. */
  | 'STATUS';

/** What a migration job migrates (its `type`: `Database`, `Tables`, `Partitions`). */
export type MmsJobScope =
  /** A whole database, minus its deny list (or only its allow list). */
  | 'DATABASE'
  /** The partitions listed in its configuration. */
  | 'PARTITIONS'
  /** The tables listed in its configuration. */
  | 'TABLES';

/** Where a migration job is. */
export type MmsJobStatus =
  /** Running. */
  | 'DOING'
  /** Succeeded. */
  | 'DONE'
  /** Failed: some of its tasks failed (it can be retried). */
  | 'FAILED'
  /** Not run yet. */
  | 'INIT';

/** One entry of a map of the API (a mapping, a filter per table), in the order the upstream sent it. */
export type MmsKeyValue = {
  __typename?: 'MmsKeyValue';
  /** The key, e.g. a source table or column name. */
  key: Scalars['String']['output'];
  /** Its value, e.g. the destination name or a filter expression. */
  value: Scalars['String']['output'];
};

/** Migration progress below a record, as the record carries it. */
export type MmsMigrationProgress = {
  __typename?: 'MmsMigrationProgress';
  /** Its partitions; null where the record counts none. */
  partitions?: Maybe<MmsStatusCounts>;
  /** Its tables; null where the record counts none. */
  tables?: Maybe<MmsStatusCounts>;
};

/** A migration status: of a partition (never PART_DONE), or of a table or database. */
export type MmsMigrationStatus =
  /** Being migrated. */
  | 'DOING'
  /** Migrated. */
  | 'DONE'
  /** Migration failed. */
  | 'FAILED'
  /** Not migrated yet. */
  | 'INIT'
  /** Partly migrated: some of its partitions are (tables and databases only). */
  | 'PART_DONE';

/** Sort direction. */
export type MmsOrderDirection =
  /** Smallest (or earliest) first. */
  | 'ASC'
  /** Largest (or latest) first. */
  | 'DESC';

/** One partition of a table in an MMA data source, with its size and migration status (GetMmsPartition). */
export type MmsPartition = {
  __typename?: 'MmsPartition';
  /** The database holding its table (its ID and name cost nothing; other fields read it once per request). */
  database?: Maybe<MmsDatabase>;
  /** ID of the database holding the table. */
  dbId?: Maybe<Scalars['ID']['output']>;
  /** Name of the database holding the table. */
  dbName?: Maybe<Scalars['String']['output']>;
  /** Where the partition is migrated to; null when the API gives no destination. */
  destination?: Maybe<MmsPartitionDestination>;
  /** Partition ID. */
  id: Scalars['ID']['output'];
  /** Time of the last DDL, `YYYY-MM-DD HH:mm:ss`, as the API gives it: the API names no time zone, so none is added. */
  lastDdlTime?: Maybe<Scalars['String']['output']>;
  /** Number of rows. A value beyond 2^53-1 is an error (VALUE_OUT_OF_RANGE), never a rounded number. */
  numRows?: Maybe<Scalars['SafeInt']['output']>;
  /** Data size in bytes. A value beyond 2^53-1 is an error (VALUE_OUT_OF_RANGE), never a rounded number. */
  size?: Maybe<Scalars['SafeInt']['output']>;
  /** The data source the partition belongs to (its ID and name cost nothing; other fields read it once per request). */
  source: MmsDataSource;
  /** ID of the data source the partition belongs to. */
  sourceId: Scalars['ID']['output'];
  /** `value` parsed into its columns, in order, with Hive escapes decoded. */
  spec: Array<MmsPartitionColumnValue>;
  /** Migration status; null for a status this gateway does not know yet. */
  status?: Maybe<MmsMigrationStatus>;
  /** The table it partitions (its ID, name and database cost nothing; other fields read it once per request). */
  table?: Maybe<MmsTable>;
  /** ID of the partitioned table. */
  tableId?: Maybe<Scalars['ID']['output']>;
  /** Name of the partitioned table. */
  tableName?: Maybe<Scalars['String']['output']>;
  /** The migration tasks that moved it (the source's ListMmsTasks, by its table and its spec). */
  tasks: MmsTaskConnection;
  /** Whether the partition's metadata changed since it was migrated. */
  updated?: Maybe<Scalars['Boolean']['output']>;
  /** Partition spec as the API gives it, trimmed, Hive style: `p1=1/p2=abc`. */
  value?: Maybe<Scalars['String']['output']>;
};


/** One partition of a table in an MMA data source, with its size and migration status (GetMmsPartition). */
export type MmsPartitionTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<MmsTaskFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<MmsTaskOrder>;
};

/** One `column=value` pair of a partition spec, with Hive escapes (`%2F`, `%3D`, ...) decoded. */
export type MmsPartitionColumnValue = {
  __typename?: 'MmsPartitionColumnValue';
  /** Partition column name. */
  column: Scalars['String']['output'];
  /** The value of the column for this partition. */
  value: Scalars['String']['output'];
};

/** A page of partitions. */
export type MmsPartitionConnection = {
  __typename?: 'MmsPartitionConnection';
  /** The records of this page, in order, each with its cursor. */
  edges: Array<MmsPartitionEdge>;
  /** Where this page is in the listing. */
  pageInfo: PageInfo;
  /** Matching partitions over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** Where in MaxCompute a partition is migrated to. */
export type MmsPartitionDestination = {
  __typename?: 'MmsPartitionDestination';
  /** Destination MaxCompute project. */
  projectName?: Maybe<Scalars['String']['output']>;
  /** Destination schema within the project. */
  schemaName?: Maybe<Scalars['String']['output']>;
  /** Destination table. */
  tableName?: Maybe<Scalars['String']['output']>;
  /** Destination partition spec, Hive style (`col=val/col=val`). */
  value?: Maybe<Scalars['String']['output']>;
};

/** One record of a page, with its cursor. */
export type MmsPartitionEdge = {
  __typename?: 'MmsPartitionEdge';
  /** This record's position in its listing: pass it as `after` to page on from here. */
  cursor: Scalars['String']['output'];
  /** The record. */
  node: MmsPartition;
};

/** Narrows a list of partitions (ListMmsPartitions query parameters); every field given must match. */
export type MmsPartitionFilter = {
  /** Database ID. */
  dbId?: InputMaybe<Scalars['ID']['input']>;
  /** Database name. */
  dbName?: InputMaybe<Scalars['String']['input']>;
  /** Last DDL at or after this time, `YYYY-MM-DD HH:mm:ss` (`lastDdlTimeStart`). */
  lastDdlTimeFrom?: InputMaybe<Scalars['String']['input']>;
  /** Last DDL at or before this time, `YYYY-MM-DD HH:mm:ss` (`lastDdlTimeEnd`). */
  lastDdlTimeTo?: InputMaybe<Scalars['String']['input']>;
  /** Any of these statuses. */
  status?: InputMaybe<Array<MmsMigrationStatus>>;
  /** ID of the table holding the partition. */
  tableId?: InputMaybe<Scalars['ID']['input']>;
  /** Table name. */
  tableName?: InputMaybe<Scalars['String']['input']>;
  /** Whether the partition changed since it was migrated. */
  updated?: InputMaybe<Scalars['Boolean']['input']>;
  /** Partition spec, `p1=1/p2=abc`. */
  value?: InputMaybe<Scalars['String']['input']>;
};

/** Identifies one partition of one data source. */
export type MmsPartitionKey = {
  /** Partition ID: a non-negative integer below 2^63. */
  partitionId: Scalars['ID']['input'];
  /** Data source ID: a non-negative integer below 2^63. */
  sourceId: Scalars['ID']['input'];
};

/** The order of a list of partitions (ties by ID). */
export type MmsPartitionOrder = {
  /** Ascending (the default) or descending. */
  direction?: InputMaybe<MmsOrderDirection>;
  /** What to order by. */
  field: MmsPartitionOrderField;
};

/** What partitions can be ordered by. */
export type MmsPartitionOrderField =
  /** Time of the last DDL. */
  | 'LAST_DDL_TIME'
  /** Row count. */
  | 'NUM_ROWS'
  /** Data size. */
  | 'SIZE';

/** One property of a record (its `extra` JSON text, read into key/value pairs; non-text values as JSON text). */
export type MmsProperty = {
  __typename?: 'MmsProperty';
  /** Property name. */
  key: Scalars['String']['output'];
  /** Property value. */
  value: Scalars['String']['output'];
};

/** How many of a group (tables or partitions) are in each migration status; null where the API has no such counter. */
export type MmsStatusCounts = {
  __typename?: 'MmsStatusCounts';
  /** Being migrated. */
  doing?: Maybe<Scalars['Int']['output']>;
  /** Migrated. */
  done?: Maybe<Scalars['Int']['output']>;
  /** Migration failed. */
  failed?: Maybe<Scalars['Int']['output']>;
  /** Partly migrated (tables only: partitions never are). */
  partDone?: Maybe<Scalars['Int']['output']>;
  /** All of the group. */
  total?: Maybe<Scalars['Int']['output']>;
};

/** A table of a data source (GetMmsTable), with its schema and migration status. */
export type MmsTable = {
  __typename?: 'MmsTable';
  /** Its ordinary columns, in order. */
  columns: Array<MmsColumn>;
  /** Table comment. */
  comment?: Maybe<Scalars['String']['output']>;
  /** Its database. */
  database?: Maybe<MmsDatabase>;
  /** ID of its database. */
  dbId?: Maybe<Scalars['ID']['output']>;
  /** Name of its database. */
  dbName?: Maybe<Scalars['String']['output']>;
  /** Where it is migrated to; null when the API gives no destination. */
  destination?: Maybe<MmsTableDestination>;
  /** Whether the table is partitioned. */
  hasPartitions?: Maybe<Scalars['Boolean']['output']>;
  /** Table ID (the `tableId` of its partitions). */
  id: Scalars['ID']['output'];
  /** Hive input format class. */
  inputFormat?: Maybe<Scalars['String']['output']>;
  /** Time of the last DDL in the source. */
  lastDdlTime?: Maybe<Scalars['String']['output']>;
  /** Storage location in the source. */
  location?: Maybe<Scalars['String']['output']>;
  /** Table name. */
  name?: Maybe<Scalars['String']['output']>;
  /** Number of rows (VALUE_OUT_OF_RANGE beyond 2^53-1, never rounded). */
  numRows?: Maybe<Scalars['SafeInt']['output']>;
  /** Hive output format class. */
  outputFormat?: Maybe<Scalars['String']['output']>;
  /** Owner in the source. */
  owner?: Maybe<Scalars['String']['output']>;
  /** Its partition columns, in order (empty for a table without partitions). */
  partitionColumns: Array<MmsColumn>;
  /** Its partitions (the source's ListMmsPartitions, by this table). */
  partitions: MmsPartitionConnection;
  /** Migration progress of its partitions. */
  progress: MmsMigrationProgress;
  /** Table properties (delimiters, formats, ...). */
  properties: Array<MmsProperty>;
  /** Hive SerDe class. */
  serde?: Maybe<Scalars['String']['output']>;
  /** Data size in bytes (VALUE_OUT_OF_RANGE beyond 2^53-1, never rounded). */
  size?: Maybe<Scalars['SafeInt']['output']>;
  /** Its data source. */
  source: MmsDataSource;
  /** ID of its data source. */
  sourceId: Scalars['ID']['output'];
  /** Migration status; null for a status this gateway does not know yet. */
  status?: Maybe<MmsMigrationStatus>;
  /** The migration tasks that moved it (the source's ListMmsTasks, by its database and table name). */
  tasks: MmsTaskConnection;
  /** Table type as the source names it, e.g. `MANAGED_TABLE`. */
  type?: Maybe<Scalars['String']['output']>;
  /** Whether its metadata changed since it was migrated. */
  updated?: Maybe<Scalars['Boolean']['output']>;
};


/** A table of a data source (GetMmsTable), with its schema and migration status. */
export type MmsTablePartitionsArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<MmsPartitionFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<MmsPartitionOrder>;
};


/** A table of a data source (GetMmsTable), with its schema and migration status. */
export type MmsTableTasksArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<MmsTaskFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
  orderBy?: InputMaybe<MmsTaskOrder>;
};

/** A page of tables. */
export type MmsTableConnection = {
  __typename?: 'MmsTableConnection';
  /** The records of this page, in order, each with its cursor. */
  edges: Array<MmsTableEdge>;
  /** Where this page is in the listing. */
  pageInfo: PageInfo;
  /** Matching tables over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** Where in MaxCompute a table is migrated to. */
export type MmsTableDestination = {
  __typename?: 'MmsTableDestination';
  /** Destination MaxCompute project. */
  projectName?: Maybe<Scalars['String']['output']>;
  /** Destination schema; null when the project has no schema level. */
  schemaName?: Maybe<Scalars['String']['output']>;
  /** Destination table. */
  tableName?: Maybe<Scalars['String']['output']>;
};

/** One record of a page, with its cursor. */
export type MmsTableEdge = {
  __typename?: 'MmsTableEdge';
  /** This record's position in its listing: pass it as `after` to page on from here. */
  cursor: Scalars['String']['output'];
  /** The record. */
  node: MmsTable;
};

/** Narrows a list of tables (ListMmsTables query parameters); every field given must match. */
export type MmsTableFilter = {
  /** Database ID. */
  dbId?: InputMaybe<Scalars['ID']['input']>;
  /** Database name. */
  dbName?: InputMaybe<Scalars['String']['input']>;
  /** Destination table. */
  dstName?: InputMaybe<Scalars['String']['input']>;
  /** Destination MaxCompute project. */
  dstProjectName?: InputMaybe<Scalars['String']['input']>;
  /** Destination schema. */
  dstSchemaName?: InputMaybe<Scalars['String']['input']>;
  /** Whether the table is partitioned. */
  hasPartitions?: InputMaybe<Scalars['Boolean']['input']>;
  /** Last DDL at or after this time, `YYYY-MM-DD HH:mm:ss` (`lastDdlTimeStart`). */
  lastDdlTimeFrom?: InputMaybe<Scalars['String']['input']>;
  /** Last DDL at or before this time, `YYYY-MM-DD HH:mm:ss` (`lastDdlTimeEnd`). */
  lastDdlTimeTo?: InputMaybe<Scalars['String']['input']>;
  /** Table name. */
  name?: InputMaybe<Scalars['String']['input']>;
  /** Any of these statuses. */
  status?: InputMaybe<Array<MmsMigrationStatus>>;
  /** Table type, e.g. `MANAGED_TABLE`. */
  type?: InputMaybe<Scalars['String']['input']>;
};

/** The order of a list of tables (ties by ID). */
export type MmsTableOrder = {
  /** Ascending (the default) or descending. */
  direction?: InputMaybe<MmsOrderDirection>;
  /** What to order by. */
  field: MmsTableOrderField;
};

/** What tables can be ordered by. */
export type MmsTableOrderField =
  /** Time of the last DDL. */
  | 'LAST_DDL_TIME'
  /** Row count. */
  | 'NUM_ROWS'
  /** Data size. */
  | 'SIZE';

/** A migration task (GetMmsTask): one source table of a job, through schema migration, data migration and verification. */
export type MmsTask = {
  __typename?: 'MmsTask';
  /** Creation time. */
  createTime?: Maybe<Scalars['String']['output']>;
  /** The source database of that table (its ID and name come with the task). */
  database?: Maybe<MmsDatabase>;
  /** The MaxCompute table it migrates to; null when the API gives no destination. */
  destination?: Maybe<MmsTableDestination>;
  /** End time. */
  endTime?: Maybe<Scalars['String']['output']>;
  /** Task ID. */
  id: Scalars['ID']['output'];
  /** Its job (its ID and name come with the task; other fields read it once per job per request). */
  job?: Maybe<MmsJob>;
  /** ID of its job. */
  jobId?: Maybe<Scalars['ID']['output']>;
  /** Its execution log, oldest first (ListMmsTaskLogs: one unpaged list). */
  logs: Array<MmsTaskLogEntry>;
  /** How many times it was retried. */
  retriedTimes?: Maybe<Scalars['Int']['output']>;
  /** Whether it is executing now. */
  running?: Maybe<Scalars['Boolean']['output']>;
  /** Its data source. */
  source: MmsDataSource;
  /** ID of its data source. */
  sourceId: Scalars['ID']['output'];
  /** Source schema, for sources with a three-level namespace. */
  sourceSchemaName?: Maybe<Scalars['String']['output']>;
  /** Start time. */
  startTime?: Maybe<Scalars['String']['output']>;
  /** Task status; null for a status this gateway does not know yet. */
  status?: Maybe<MmsTaskStatus>;
  /** Whether it was stopped. */
  stopped?: Maybe<Scalars['Boolean']['output']>;
  /** The source table it migrates (its ID, name and database come with the task). */
  table?: Maybe<MmsTable>;
  /** Task kind as the API gives it, e.g. `HIVE`, `BIGQUERY`. */
  type?: Maybe<Scalars['String']['output']>;
};

/** A page of migration tasks. */
export type MmsTaskConnection = {
  __typename?: 'MmsTaskConnection';
  /** The records of this page, in order, each with its cursor. */
  edges: Array<MmsTaskEdge>;
  /** Where this page is in the listing. */
  pageInfo: PageInfo;
  /** Matching migration tasks over all pages. */
  totalCount: Scalars['Int']['output'];
};

/** One record of a page, with its cursor. */
export type MmsTaskEdge = {
  __typename?: 'MmsTaskEdge';
  /** This record's position in its listing: pass it as `after` to page on from here. */
  cursor: Scalars['String']['output'];
  /** The record. */
  node: MmsTask;
};

/** Narrows a list of migration tasks (ListMmsTasks query parameters); every field given must match. */
export type MmsTaskFilter = {
  /** Destination MaxCompute project (`dstDbName`). */
  dstProjectName?: InputMaybe<Scalars['String']['input']>;
  /** Destination table. */
  dstTableName?: InputMaybe<Scalars['String']['input']>;
  /** The job the tasks belong to. */
  jobId?: InputMaybe<Scalars['ID']['input']>;
  /** The name of that job. */
  jobName?: InputMaybe<Scalars['String']['input']>;
  /** Only the tasks that migrated this partition spec, `p1=1/p2=abc`. */
  partition?: InputMaybe<Scalars['String']['input']>;
  /** Source database. */
  srcDbName?: InputMaybe<Scalars['String']['input']>;
  /** Source table. */
  srcTableName?: InputMaybe<Scalars['String']['input']>;
  /** This status. */
  status?: InputMaybe<MmsTaskStatus>;
};

/** One entry of a task’s execution log (ListMmsTaskLogs). */
export type MmsTaskLogEntry = {
  __typename?: 'MmsTaskLogEntry';
  /** What the task did, often the SQL it ran. */
  action?: Maybe<Scalars['String']['output']>;
  /** When the entry was written. */
  createTime?: Maybe<Scalars['String']['output']>;
  /** Log entry ID. */
  id: Scalars['ID']['output'];
  /** The outcome of that step (`ok`, or what went wrong). */
  message?: Maybe<Scalars['String']['output']>;
  /** The task's status when the entry was written; null for a status this gateway does not know yet. */
  status?: Maybe<MmsTaskStatus>;
};

/** The order of a list of migration tasks (ties by ID). */
export type MmsTaskOrder = {
  /** Ascending (the default) or descending. */
  direction?: InputMaybe<MmsOrderDirection>;
  /** What to order by. */
  field: MmsTaskOrderField;
};

/** What migration tasks can be ordered by. */
export type MmsTaskOrderField =
  /** Start time. */
  | 'START_TIME'
  /** Task status. */
  | 'STATUS';

/** Where a migration task is: schema migration, then data migration, then (when enabled) verification. */
export type MmsTaskStatus =
  /** Data being migrated. */
  | 'DATA_DOING'
  /** Data migrated (the log page spells it `DATA_DONG`). */
  | 'DATA_DONE'
  /** Data migration failed. */
  | 'DATA_FAILED'
  /** Finished successfully. */
  | 'DONE'
  /** Not started. */
  | 'INIT'
  /** Schema being migrated. */
  | 'SCHEMA_DOING'
  /** Schema migrated. */
  | 'SCHEMA_DONE'
  /** Schema migration failed. */
  | 'SCHEMA_FAILED'
  /** Data being verified. */
  | 'VERIFICATION_DOING'
  /** Data verified. */
  | 'VERIFICATION_DONE'
  /** Data verification failed. */
  | 'VERIFICATION_FAILED';

/** Job control (served with MMS_MUTATIONS=on, for callers allowed to write). Each call is made once, never retried. */
export type Mutation = {
  __typename?: 'Mutation';
  /** Runs the failed tasks of a failed job again (RetryMmsJob). FORBIDDEN, with no upstream call, for a caller without a write key or scope. Never retried: a throttled or failed call is reported as it is. */
  retryMmsJob: MmsJobControlResult;
  /** Starts a job that was never run, or resumes a stopped one (StartMmsJob). FORBIDDEN, with no upstream call, for a caller without a write key or scope. Never retried: a throttled or failed call is reported as it is. */
  startMmsJob: MmsJobControlResult;
  /** Stops a running job (StopMmsJob). FORBIDDEN, with no upstream call, for a caller without a write key or scope. Never retried: a throttled or failed call is reported as it is. */
  stopMmsJob: MmsJobControlResult;
};


/** Job control (served with MMS_MUTATIONS=on, for callers allowed to write). Each call is made once, never retried. */
export type MutationRetryMmsJobArgs = {
  jobId: Scalars['ID']['input'];
  sourceId: Scalars['ID']['input'];
};


/** Job control (served with MMS_MUTATIONS=on, for callers allowed to write). Each call is made once, never retried. */
export type MutationStartMmsJobArgs = {
  jobId: Scalars['ID']['input'];
  sourceId: Scalars['ID']['input'];
};


/** Job control (served with MMS_MUTATIONS=on, for callers allowed to write). Each call is made once, never retried. */
export type MutationStopMmsJobArgs = {
  jobId: Scalars['ID']['input'];
  sourceId: Scalars['ID']['input'];
};

/** Where a page is in its listing (Relay). */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** The cursor of the last record of the page; null for an empty page. */
  endCursor?: Maybe<Scalars['String']['output']>;
  /** Whether records follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
  /** Whether records come before this page. */
  hasPreviousPage: Scalars['Boolean']['output'];
  /** The cursor of the first record of the page; null for an empty page. */
  startCursor?: Maybe<Scalars['String']['output']>;
};

/** Read-only access to MaxCompute Migration Assist (MMA) metadata. */
export type Query = {
  __typename?: 'Query';
  /** What this gateway lets the caller do (reads nothing upstream). */
  mmsCapabilities: MmsCapabilities;
  /** One data source (GetMmsDataSource). Null, with an error, when it cannot be read. */
  mmsDataSource?: Maybe<MmsDataSource>;
  /** The account's data sources (ListMmsDataSources), in pages. */
  mmsDataSources: MmsDataSourceConnection;
  /** One database of a data source (GetMmsDb). Null, with an error, when it cannot be read. */
  mmsDatabase?: Maybe<MmsDatabase>;
  /** One migration job of a data source (GetMmsJob). Null, with an error, when it cannot be read. */
  mmsJob?: Maybe<MmsJob>;
  /** One partition of a data source. Null, with an error, when it cannot be read (NOT_FOUND, FORBIDDEN, UPSTREAM_*). */
  mmsPartition?: Maybe<MmsPartition>;
  /** Several partitions at once, in the order of `keys` (at most 100). Repeated keys are read once; an entry that cannot be read is null with an error at its index. */
  mmsPartitions: Array<Maybe<MmsPartition>>;
  /** One table of a data source (GetMmsTable). Null, with an error, when it cannot be read. */
  mmsTable?: Maybe<MmsTable>;
  /** One migration task of a data source (GetMmsTask). Null, with an error, when it cannot be read. */
  mmsTask?: Maybe<MmsTask>;
};


/** Read-only access to MaxCompute Migration Assist (MMA) metadata. */
export type QueryMmsDataSourceArgs = {
  id: Scalars['ID']['input'];
};


/** Read-only access to MaxCompute Migration Assist (MMA) metadata. */
export type QueryMmsDataSourcesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  filter?: InputMaybe<MmsDataSourceFilter>;
  first?: InputMaybe<Scalars['Int']['input']>;
};


/** Read-only access to MaxCompute Migration Assist (MMA) metadata. */
export type QueryMmsDatabaseArgs = {
  dbId: Scalars['ID']['input'];
  sourceId: Scalars['ID']['input'];
};


/** Read-only access to MaxCompute Migration Assist (MMA) metadata. */
export type QueryMmsJobArgs = {
  jobId: Scalars['ID']['input'];
  sourceId: Scalars['ID']['input'];
};


/** Read-only access to MaxCompute Migration Assist (MMA) metadata. */
export type QueryMmsPartitionArgs = {
  partitionId: Scalars['ID']['input'];
  sourceId: Scalars['ID']['input'];
};


/** Read-only access to MaxCompute Migration Assist (MMA) metadata. */
export type QueryMmsPartitionsArgs = {
  keys: Array<MmsPartitionKey>;
};


/** Read-only access to MaxCompute Migration Assist (MMA) metadata. */
export type QueryMmsTableArgs = {
  sourceId: Scalars['ID']['input'];
  tableId: Scalars['ID']['input'];
};


/** Read-only access to MaxCompute Migration Assist (MMA) metadata. */
export type QueryMmsTaskArgs = {
  sourceId: Scalars['ID']['input'];
  taskId: Scalars['ID']['input'];
};

/** Live migration status: one poller per partition in the gateway, however many subscribers watch it. */
export type Subscription = {
  __typename?: 'Subscription';
  /** First the current state of each key, then an event whenever the status, size, numRows, updated or lastDdlTime of one of them changes (at most 100 keys). A key that cannot be read sends an event with its error and stays watched. */
  mmsPartitionChanged: MmsPartition;
};


/** Live migration status: one poller per partition in the gateway, however many subscribers watch it. */
export type SubscriptionMmsPartitionChangedArgs = {
  keys: Array<MmsPartitionKey>;
};

export type RetryJobMutationVariables = Exact<{
  sourceId: Scalars['ID']['input'];
  jobId: Scalars['ID']['input'];
}>;


export type RetryJobMutation = { __typename?: 'Mutation', retryMmsJob: { __typename?: 'MmsJobControlResult', upstreamRequestId?: string | null, job?: { __typename?: 'MmsJob', id: string, status?: MmsJobStatus | null, stopped?: boolean | null, tasksDone?: number | null, taskCount?: number | null } | null } };

export type StopJobMutationVariables = Exact<{
  sourceId: Scalars['ID']['input'];
  jobId: Scalars['ID']['input'];
}>;


export type StopJobMutation = { __typename?: 'Mutation', stopMmsJob: { __typename?: 'MmsJobControlResult', upstreamRequestId?: string | null, job?: { __typename?: 'MmsJob', id: string, status?: MmsJobStatus | null, stopped?: boolean | null, tasksDone?: number | null, taskCount?: number | null } | null } };

export type StartJobMutationVariables = Exact<{
  sourceId: Scalars['ID']['input'];
  jobId: Scalars['ID']['input'];
}>;


export type StartJobMutation = { __typename?: 'Mutation', startMmsJob: { __typename?: 'MmsJobControlResult', upstreamRequestId?: string | null, job?: { __typename?: 'MmsJob', id: string, status?: MmsJobStatus | null, stopped?: boolean | null, tasksDone?: number | null, taskCount?: number | null } | null } };

export type JobControlOutcomeFragment = { __typename?: 'MmsJobControlResult', upstreamRequestId?: string | null, job?: { __typename?: 'MmsJob', id: string, status?: MmsJobStatus | null, stopped?: boolean | null, tasksDone?: number | null, taskCount?: number | null } | null };

export type JobPageQueryVariables = Exact<{
  sourceId: Scalars['ID']['input'];
  jobId: Scalars['ID']['input'];
  tasksFirst?: InputMaybe<Scalars['Int']['input']>;
  tasksAfter?: InputMaybe<Scalars['String']['input']>;
}>;


export type JobPageQuery = { __typename?: 'Query', mmsCapabilities: { __typename?: 'MmsCapabilities', jobControl: boolean }, mmsJob?: { __typename?: 'MmsJob', id: string, sourceId: string, name?: string | null, type?: MmsJobScope | null, status?: MmsJobStatus | null, stopped?: boolean | null, taskCount?: number | null, tasksDone?: number | null, eta?: string | null, createTime?: string | null, sourceDatabaseName?: string | null, source: { __typename?: 'MmsDataSource', id: string, name?: string | null }, destination?: { __typename?: 'MmsDatabaseDestination', projectName?: string | null, schemaName?: string | null } | null, config?: { __typename?: 'MmsJobConfig', tables: Array<string>, tableAllowList: Array<string>, tableDenyList: Array<string>, partitionIds: Array<string>, incremental?: boolean | null, verification?: boolean | null, tableMapping: Array<{ __typename?: 'MmsKeyValue', key: string, value: string }>, partitionFilters: Array<{ __typename?: 'MmsKeyValue', key: string, value: string }> } | null, tasks: { __typename?: 'MmsTaskConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'MmsTaskEdge', cursor: string, node: { __typename?: 'MmsTask', id: string, status?: MmsTaskStatus | null, running?: boolean | null, stopped?: boolean | null, retriedTimes?: number | null, startTime?: string | null, endTime?: string | null, table?: { __typename?: 'MmsTable', id: string, name?: string | null } | null } }> } } | null };

export type PartitionChangesSubscriptionVariables = Exact<{
  keys: Array<MmsPartitionKey> | MmsPartitionKey;
}>;


export type PartitionChangesSubscription = { __typename?: 'Subscription', mmsPartitionChanged: { __typename?: 'MmsPartition', sourceId: string, id: string, tableName?: string | null, value?: string | null, size?: number | null, numRows?: number | null, status?: MmsMigrationStatus | null, lastDdlTime?: string | null, spec: Array<{ __typename?: 'MmsPartitionColumnValue', column: string, value: string }> } };

export type PartitionRowFragment = { __typename?: 'MmsPartition', sourceId: string, id: string, tableName?: string | null, value?: string | null, size?: number | null, numRows?: number | null, status?: MmsMigrationStatus | null, lastDdlTime?: string | null, spec: Array<{ __typename?: 'MmsPartitionColumnValue', column: string, value: string }> };

export type PartitionQueryVariables = Exact<{
  sourceId: Scalars['ID']['input'];
  partitionId: Scalars['ID']['input'];
}>;


export type PartitionQuery = { __typename?: 'Query', mmsPartition?: { __typename?: 'MmsPartition', sourceId: string, id: string, tableName?: string | null, value?: string | null, size?: number | null, numRows?: number | null, status?: MmsMigrationStatus | null, lastDdlTime?: string | null, source: { __typename?: 'MmsDataSource', id: string, name?: string | null }, destination?: { __typename?: 'MmsPartitionDestination', projectName?: string | null, schemaName?: string | null, tableName?: string | null, value?: string | null } | null, spec: Array<{ __typename?: 'MmsPartitionColumnValue', column: string, value: string }> } | null };

export type PartitionsByStatusQueryVariables = Exact<{
  sourceId: Scalars['ID']['input'];
  tableId: Scalars['ID']['input'];
  status?: InputMaybe<Array<MmsMigrationStatus> | MmsMigrationStatus>;
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
}>;


export type PartitionsByStatusQuery = { __typename?: 'Query', mmsTable?: { __typename?: 'MmsTable', id: string, name?: string | null, dbName?: string | null, source: { __typename?: 'MmsDataSource', id: string, name?: string | null }, partitions: { __typename?: 'MmsPartitionConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'MmsPartitionEdge', cursor: string, node: { __typename?: 'MmsPartition', sourceId: string, id: string, tableName?: string | null, value?: string | null, size?: number | null, numRows?: number | null, status?: MmsMigrationStatus | null, lastDdlTime?: string | null, spec: Array<{ __typename?: 'MmsPartitionColumnValue', column: string, value: string }> } }> } } | null };

export type PartitionsQueryVariables = Exact<{
  keys: Array<MmsPartitionKey> | MmsPartitionKey;
}>;


export type PartitionsQuery = { __typename?: 'Query', mmsPartitions: Array<{ __typename?: 'MmsPartition', sourceId: string, id: string, tableName?: string | null, value?: string | null, size?: number | null, numRows?: number | null, status?: MmsMigrationStatus | null, lastDdlTime?: string | null, spec: Array<{ __typename?: 'MmsPartitionColumnValue', column: string, value: string }> } | null> };

export type SourceJobsQueryVariables = Exact<{
  sourceId: Scalars['ID']['input'];
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  status?: InputMaybe<MmsJobStatus>;
}>;


export type SourceJobsQuery = { __typename?: 'Query', mmsCapabilities: { __typename?: 'MmsCapabilities', jobControl: boolean }, mmsDataSource?: { __typename?: 'MmsDataSource', id: string, name?: string | null, jobs: { __typename?: 'MmsJobConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'MmsJobEdge', cursor: string, node: { __typename?: 'MmsJob', id: string, name?: string | null, type?: MmsJobScope | null, status?: MmsJobStatus | null, stopped?: boolean | null, taskCount?: number | null, tasksDone?: number | null, eta?: string | null } }> } } | null };

export type SourceOverviewQueryVariables = Exact<{
  first?: InputMaybe<Scalars['Int']['input']>;
  after?: InputMaybe<Scalars['String']['input']>;
  tablesFirst?: InputMaybe<Scalars['Int']['input']>;
}>;


export type SourceOverviewQuery = { __typename?: 'Query', mmsDataSources: { __typename?: 'MmsDataSourceConnection', totalCount: number, pageInfo: { __typename?: 'PageInfo', hasNextPage: boolean, endCursor?: string | null }, edges: Array<{ __typename?: 'MmsDataSourceEdge', node: { __typename?: 'MmsDataSource', id: string, name?: string | null, type?: MmsDataSourceType | null, status?: MmsDataSourceStatus | null, region?: string | null, progress: { __typename?: 'MmsMigrationProgress', tables?: { __typename?: 'MmsStatusCounts', total?: number | null, done?: number | null, doing?: number | null, partDone?: number | null, failed?: number | null } | null, partitions?: { __typename?: 'MmsStatusCounts', total?: number | null, done?: number | null, doing?: number | null, partDone?: number | null, failed?: number | null } | null }, tables: { __typename?: 'MmsTableConnection', totalCount: number, edges: Array<{ __typename?: 'MmsTableEdge', node: { __typename?: 'MmsTable', id: string, name?: string | null, dbName?: string | null, status?: MmsMigrationStatus | null, hasPartitions?: boolean | null, progress: { __typename?: 'MmsMigrationProgress', partitions?: { __typename?: 'MmsStatusCounts', total?: number | null, done?: number | null, doing?: number | null, partDone?: number | null, failed?: number | null } | null } } }> } } }> } };

export type StatusCountsFragment = { __typename?: 'MmsStatusCounts', total?: number | null, done?: number | null, doing?: number | null, partDone?: number | null, failed?: number | null };

export type TaskLogQueryVariables = Exact<{
  sourceId: Scalars['ID']['input'];
  taskId: Scalars['ID']['input'];
}>;


export type TaskLogQuery = { __typename?: 'Query', mmsTask?: { __typename?: 'MmsTask', id: string, jobId?: string | null, status?: MmsTaskStatus | null, running?: boolean | null, table?: { __typename?: 'MmsTable', id: string, name?: string | null } | null, logs: Array<{ __typename?: 'MmsTaskLogEntry', id: string, createTime?: string | null, status?: MmsTaskStatus | null, action?: string | null, message?: string | null }> } | null };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const JobControlOutcomeFragmentDoc = new TypedDocumentString(`
    fragment JobControlOutcome on MmsJobControlResult {
  upstreamRequestId
  job {
    id
    status
    stopped
    tasksDone
    taskCount
  }
}
    `, {"fragmentName":"JobControlOutcome"}) as unknown as TypedDocumentString<JobControlOutcomeFragment, unknown>;
export const PartitionRowFragmentDoc = new TypedDocumentString(`
    fragment PartitionRow on MmsPartition {
  sourceId
  id
  tableName
  value
  spec {
    column
    value
  }
  size
  numRows
  status
  lastDdlTime
}
    `, {"fragmentName":"PartitionRow"}) as unknown as TypedDocumentString<PartitionRowFragment, unknown>;
export const StatusCountsFragmentDoc = new TypedDocumentString(`
    fragment StatusCounts on MmsStatusCounts {
  total
  done
  doing
  partDone
  failed
}
    `, {"fragmentName":"StatusCounts"}) as unknown as TypedDocumentString<StatusCountsFragment, unknown>;
export const RetryJobDocument = new TypedDocumentString(`
    mutation RetryJob($sourceId: ID!, $jobId: ID!) {
  retryMmsJob(sourceId: $sourceId, jobId: $jobId) {
    ...JobControlOutcome
  }
}
    fragment JobControlOutcome on MmsJobControlResult {
  upstreamRequestId
  job {
    id
    status
    stopped
    tasksDone
    taskCount
  }
}`) as unknown as TypedDocumentString<RetryJobMutation, RetryJobMutationVariables>;
export const StopJobDocument = new TypedDocumentString(`
    mutation StopJob($sourceId: ID!, $jobId: ID!) {
  stopMmsJob(sourceId: $sourceId, jobId: $jobId) {
    ...JobControlOutcome
  }
}
    fragment JobControlOutcome on MmsJobControlResult {
  upstreamRequestId
  job {
    id
    status
    stopped
    tasksDone
    taskCount
  }
}`) as unknown as TypedDocumentString<StopJobMutation, StopJobMutationVariables>;
export const StartJobDocument = new TypedDocumentString(`
    mutation StartJob($sourceId: ID!, $jobId: ID!) {
  startMmsJob(sourceId: $sourceId, jobId: $jobId) {
    ...JobControlOutcome
  }
}
    fragment JobControlOutcome on MmsJobControlResult {
  upstreamRequestId
  job {
    id
    status
    stopped
    tasksDone
    taskCount
  }
}`) as unknown as TypedDocumentString<StartJobMutation, StartJobMutationVariables>;
export const JobPageDocument = new TypedDocumentString(`
    query JobPage($sourceId: ID!, $jobId: ID!, $tasksFirst: Int = 20, $tasksAfter: String) {
  mmsCapabilities {
    jobControl
  }
  mmsJob(sourceId: $sourceId, jobId: $jobId) {
    id
    sourceId
    name
    type
    status
    stopped
    taskCount
    tasksDone
    eta
    createTime
    sourceDatabaseName
    source {
      id
      name
    }
    destination {
      projectName
      schemaName
    }
    config {
      tables
      tableAllowList
      tableDenyList
      tableMapping {
        key
        value
      }
      partitionFilters {
        key
        value
      }
      partitionIds
      incremental
      verification
    }
    tasks(first: $tasksFirst, after: $tasksAfter) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          table {
            id
            name
          }
          status
          running
          stopped
          retriedTimes
          startTime
          endTime
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<JobPageQuery, JobPageQueryVariables>;
export const PartitionChangesDocument = new TypedDocumentString(`
    subscription PartitionChanges($keys: [MmsPartitionKey!]!) {
  mmsPartitionChanged(keys: $keys) {
    ...PartitionRow
  }
}
    fragment PartitionRow on MmsPartition {
  sourceId
  id
  tableName
  value
  spec {
    column
    value
  }
  size
  numRows
  status
  lastDdlTime
}`) as unknown as TypedDocumentString<PartitionChangesSubscription, PartitionChangesSubscriptionVariables>;
export const PartitionDocument = new TypedDocumentString(`
    query Partition($sourceId: ID!, $partitionId: ID!) {
  mmsPartition(sourceId: $sourceId, partitionId: $partitionId) {
    ...PartitionRow
    source {
      id
      name
    }
    destination {
      projectName
      schemaName
      tableName
      value
    }
  }
}
    fragment PartitionRow on MmsPartition {
  sourceId
  id
  tableName
  value
  spec {
    column
    value
  }
  size
  numRows
  status
  lastDdlTime
}`) as unknown as TypedDocumentString<PartitionQuery, PartitionQueryVariables>;
export const PartitionsByStatusDocument = new TypedDocumentString(`
    query PartitionsByStatus($sourceId: ID!, $tableId: ID!, $status: [MmsMigrationStatus!], $first: Int = 20, $after: String) {
  mmsTable(sourceId: $sourceId, tableId: $tableId) {
    id
    name
    dbName
    source {
      id
      name
    }
    partitions(first: $first, after: $after, filter: {status: $status}) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          ...PartitionRow
        }
      }
    }
  }
}
    fragment PartitionRow on MmsPartition {
  sourceId
  id
  tableName
  value
  spec {
    column
    value
  }
  size
  numRows
  status
  lastDdlTime
}`) as unknown as TypedDocumentString<PartitionsByStatusQuery, PartitionsByStatusQueryVariables>;
export const PartitionsDocument = new TypedDocumentString(`
    query Partitions($keys: [MmsPartitionKey!]!) {
  mmsPartitions(keys: $keys) {
    ...PartitionRow
  }
}
    fragment PartitionRow on MmsPartition {
  sourceId
  id
  tableName
  value
  spec {
    column
    value
  }
  size
  numRows
  status
  lastDdlTime
}`) as unknown as TypedDocumentString<PartitionsQuery, PartitionsQueryVariables>;
export const SourceJobsDocument = new TypedDocumentString(`
    query SourceJobs($sourceId: ID!, $first: Int = 20, $after: String, $status: MmsJobStatus) {
  mmsCapabilities {
    jobControl
  }
  mmsDataSource(id: $sourceId) {
    id
    name
    jobs(first: $first, after: $after, filter: {status: $status}) {
      totalCount
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        cursor
        node {
          id
          name
          type
          status
          stopped
          taskCount
          tasksDone
          eta
        }
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SourceJobsQuery, SourceJobsQueryVariables>;
export const SourceOverviewDocument = new TypedDocumentString(`
    query SourceOverview($first: Int = 20, $after: String, $tablesFirst: Int = 20) {
  mmsDataSources(first: $first, after: $after) {
    totalCount
    pageInfo {
      hasNextPage
      endCursor
    }
    edges {
      node {
        id
        name
        type
        status
        region
        progress {
          tables {
            ...StatusCounts
          }
          partitions {
            ...StatusCounts
          }
        }
        tables(first: $tablesFirst) {
          totalCount
          edges {
            node {
              id
              name
              dbName
              status
              hasPartitions
              progress {
                partitions {
                  ...StatusCounts
                }
              }
            }
          }
        }
      }
    }
  }
}
    fragment StatusCounts on MmsStatusCounts {
  total
  done
  doing
  partDone
  failed
}`) as unknown as TypedDocumentString<SourceOverviewQuery, SourceOverviewQueryVariables>;
export const TaskLogDocument = new TypedDocumentString(`
    query TaskLog($sourceId: ID!, $taskId: ID!) {
  mmsTask(sourceId: $sourceId, taskId: $taskId) {
    id
    jobId
    status
    running
    table {
      id
      name
    }
    logs {
      id
      createTime
      status
      action
      message
    }
  }
}
    `) as unknown as TypedDocumentString<TaskLogQuery, TaskLogQueryVariables>;