import type { DatabaseDestination } from '../upstream/actions/database.js';
import type { TableDestination } from '../upstream/actions/table.js';
import type { PartitionDestination } from '../upstream/partition.js';
import { builder } from './builder.js';

export const MmsDatabaseDestination = builder.objectRef<DatabaseDestination>('MmsDatabaseDestination').implement({
  description: 'Where in MaxCompute a database is migrated to: a project and a schema in it.',
  fields: (t) => ({
    projectName: t.exposeString('projectName', { nullable: true, description: 'Destination MaxCompute project.' }),
    schemaName: t.exposeString('schemaName', { nullable: true, description: 'Destination schema within the project.' }),
  }),
});

export const MmsTableDestination = builder.objectRef<TableDestination>('MmsTableDestination').implement({
  description: 'Where in MaxCompute a table is migrated to.',
  fields: (t) => ({
    projectName: t.exposeString('projectName', { nullable: true, description: 'Destination MaxCompute project.' }),
    schemaName: t.exposeString('schemaName', {
      nullable: true,
      description: 'Destination schema; null when the project has no schema level.',
    }),
    tableName: t.exposeString('tableName', { nullable: true, description: 'Destination table.' }),
  }),
});

export const MmsPartitionDestination = builder.objectRef<PartitionDestination>('MmsPartitionDestination').implement({
  description: 'Where in MaxCompute a partition is migrated to.',
  fields: (t) => ({
    projectName: t.exposeString('projectName', { nullable: true, description: 'Destination MaxCompute project.' }),
    schemaName: t.exposeString('schemaName', { nullable: true, description: 'Destination schema within the project.' }),
    tableName: t.exposeString('tableName', { nullable: true, description: 'Destination table.' }),
    value: t.exposeString('value', { nullable: true, description: 'Destination partition spec, Hive style (`col=val/col=val`).' }),
  }),
});
