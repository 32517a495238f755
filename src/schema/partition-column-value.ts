import type { PartitionColumnValue } from '../upstream/partition.js';
import { builder } from './builder.js';

export const MmsPartitionColumnValue = builder.objectRef<PartitionColumnValue>('MmsPartitionColumnValue').implement({
  description: 'One `column=value` pair of a partition spec, with Hive escapes (`%2F`, `%3D`, ...) decoded.',
  fields: (t) => ({
    column: t.exposeString('column', { description: 'Partition column name.' }),
    value: t.exposeString('value', { description: 'The value of the column for this partition.' }),
  }),
});
