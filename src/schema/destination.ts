import type { PartitionDestination } from '../upstream/partition.js';
import { builder } from './builder.js';

export const MmsPartitionDestination = builder.objectRef<PartitionDestination>('MmsPartitionDestination').implement({
  description: 'Where in MaxCompute a partition is migrated to.',
  fields: (t) => ({
    projectName: t.exposeString('projectName', { nullable: true, description: 'Destination MaxCompute project.' }),
    schemaName: t.exposeString('schemaName', { nullable: true, description: 'Destination schema within the project.' }),
    tableName: t.exposeString('tableName', { nullable: true, description: 'Destination table.' }),
    value: t.exposeString('value', { nullable: true, description: 'Destination partition spec, Hive style (`col=val/col=val`).' }),
  }),
});
