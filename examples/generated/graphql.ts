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

/** An MMA data source: the external system (Hive, BigQuery, MaxCompute, ...) data is migrated from. */
export type MmsDataSource = {
  __typename?: 'MmsDataSource';
  /** Data source ID. */
  id: Scalars['ID']['output'];
  /** Data source name. */
  name?: Maybe<Scalars['String']['output']>;
};

/** A partition's migration status. */
export type MmsMigrationStatus =
  /** Being migrated. */
  | 'DOING'
  /** Migrated. */
  | 'DONE'
  /** Migration failed. */
  | 'FAILED'
  /** Not migrated yet. */
  | 'INIT';

/** One partition of a table in an MMA data source, with its size and migration status (GetMmsPartition). */
export type MmsPartition = {
  __typename?: 'MmsPartition';
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
  /** The data source the partition belongs to. */
  source: MmsDataSource;
  /** ID of the data source the partition belongs to. */
  sourceId: Scalars['ID']['output'];
  /** `value` parsed into its columns, in order, with Hive escapes decoded. */
  spec: Array<MmsPartitionColumnValue>;
  /** Migration status; null for a status this gateway does not know yet. */
  status?: Maybe<MmsMigrationStatus>;
  /** ID of the partitioned table. */
  tableId?: Maybe<Scalars['ID']['output']>;
  /** Name of the partitioned table. */
  tableName?: Maybe<Scalars['String']['output']>;
  /** Whether the partition's metadata changed since it was migrated. */
  updated?: Maybe<Scalars['Boolean']['output']>;
  /** Partition spec as the API gives it, trimmed, Hive style: `p1=1/p2=abc`. */
  value?: Maybe<Scalars['String']['output']>;
};

/** One `column=value` pair of a partition spec, with Hive escapes (`%2F`, `%3D`, ...) decoded. */
export type MmsPartitionColumnValue = {
  __typename?: 'MmsPartitionColumnValue';
  /** Partition column name. */
  column: Scalars['String']['output'];
  /** The value of the column for this partition. */
  value: Scalars['String']['output'];
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

/** Identifies one partition of one data source. */
export type MmsPartitionKey = {
  /** Partition ID: a non-negative integer below 2^63. */
  partitionId: Scalars['ID']['input'];
  /** Data source ID: a non-negative integer below 2^63. */
  sourceId: Scalars['ID']['input'];
};

/** Read-only access to MaxCompute Migration Assist (MMA) metadata. */
export type Query = {
  __typename?: 'Query';
  /** One partition of a data source. Null, with an error, when it cannot be read (NOT_FOUND, FORBIDDEN, UPSTREAM_*). */
  mmsPartition?: Maybe<MmsPartition>;
  /** Several partitions at once, in the order of `keys` (at most 100). Repeated keys are read once; an entry that cannot be read is null with an error at its index. */
  mmsPartitions: Array<Maybe<MmsPartition>>;
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

export type PartitionRowFragment = { __typename?: 'MmsPartition', sourceId: string, id: string, tableName?: string | null, value?: string | null, size?: number | null, numRows?: number | null, status?: MmsMigrationStatus | null, lastDdlTime?: string | null, spec: Array<{ __typename?: 'MmsPartitionColumnValue', column: string, value: string }> };

export type PartitionQueryVariables = Exact<{
  sourceId: Scalars['ID']['input'];
  partitionId: Scalars['ID']['input'];
}>;


export type PartitionQuery = { __typename?: 'Query', mmsPartition?: { __typename?: 'MmsPartition', sourceId: string, id: string, tableName?: string | null, value?: string | null, size?: number | null, numRows?: number | null, status?: MmsMigrationStatus | null, lastDdlTime?: string | null, source: { __typename?: 'MmsDataSource', id: string, name?: string | null }, destination?: { __typename?: 'MmsPartitionDestination', projectName?: string | null, schemaName?: string | null, tableName?: string | null, value?: string | null } | null, spec: Array<{ __typename?: 'MmsPartitionColumnValue', column: string, value: string }> } | null };

export type PartitionsQueryVariables = Exact<{
  keys: Array<MmsPartitionKey> | MmsPartitionKey;
}>;


export type PartitionsQuery = { __typename?: 'Query', mmsPartitions: Array<{ __typename?: 'MmsPartition', sourceId: string, id: string, tableName?: string | null, value?: string | null, size?: number | null, numRows?: number | null, status?: MmsMigrationStatus | null, lastDdlTime?: string | null, spec: Array<{ __typename?: 'MmsPartitionColumnValue', column: string, value: string }> } | null> };

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