import type { JobConfig } from '../upstream/actions/job.js';
import { builder } from './builder.js';
import { MmsKeyValue } from './key-value.js';
import { loadPartition } from './partition.js';
import { MmsPartition } from './refs.js';

/** A job's configuration with the source its partition IDs belong to. */
export interface JobConfigOfSource {
  sourceId: string;
  config: JobConfig;
}

/**
 * What reading a job's partitions may cost in the estimate made before execution: the number
 * is not known until the job is read, so a bound is declared (reads beyond the request's
 * budget fail at run time like any other).
 */
export const JOB_PARTITIONS_ESTIMATE = 100;

export const MmsJobConfig = builder.objectRef<JobConfigOfSource>('MmsJobConfig').implement({
  description: 'What a migration job was asked to migrate, and how (its `config`).',
  fields: (t) => ({
    partitionIds: t.idList({
      description: 'With scope PARTITIONS: the IDs of the partitions to migrate (costs nothing).',
      resolve: ({ config }) => config.partitionIds,
    }),
    partitions: t.field({
      type: [MmsPartition],
      description: `With scope PARTITIONS: the partitions to migrate, each read through the request's partition loader (estimated at ${JOB_PARTITIONS_ESTIMATE} reads).`,
      complexity: { field: JOB_PARTITIONS_ESTIMATE, multiplier: JOB_PARTITIONS_ESTIMATE },
      resolve: ({ sourceId, config }, _args, context) =>
        config.partitionIds.map((partitionId) => loadPartition(context, { sourceId, partitionId })),
    }),
    tables: t.stringList({ description: 'With scope TABLES: the names of the tables to migrate.', resolve: ({ config }) => config.tables }),
    tableAllowList: t.stringList({
      description: 'With scope DATABASE: only these tables (empty: all of them).',
      resolve: ({ config }) => config.tableAllowList,
    }),
    tableDenyList: t.stringList({
      description: 'With scope DATABASE: tables skipped (they win over the allow list).',
      resolve: ({ config }) => config.tableDenyList,
    }),
    partitionFilters: t.field({
      type: [MmsKeyValue],
      description: "Per table, a filter on its partitions, e.g. `p1 >= '2022-03-04' and p2 = 10`.",
      resolve: ({ config }) => config.partitionFilters,
    }),
    tableMapping: t.field({
      type: [MmsKeyValue],
      description: 'Source table name → destination table name.',
      resolve: ({ config }) => config.tableMapping,
    }),
    columnMapping: t.field({
      type: [MmsKeyValue],
      description: 'Source column name → destination column name.',
      resolve: ({ config }) => config.columnMapping,
    }),
    incremental: t.boolean({
      nullable: true,
      description: 'Only new or changed partitions are migrated (changed ones again).',
      resolve: ({ config }) => config.incremental,
    }),
    verification: t.boolean({
      nullable: true,
      description: 'Row counts (`SELECT COUNT`) are compared on both sides after the data is migrated.',
      resolve: ({ config }) => config.verification,
    }),
  }),
});
