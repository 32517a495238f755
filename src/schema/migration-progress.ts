import type { MigrationProgress, StatusCounts } from '../upstream/actions/progress.js';
import { builder } from './builder.js';

export const MmsStatusCounts = builder.objectRef<StatusCounts>('MmsStatusCounts').implement({
  description: 'How many of a group (tables or partitions) are in each migration status; null where the API has no such counter.',
  fields: (t) => ({
    total: t.exposeInt('total', { nullable: true, description: 'All of the group.' }),
    doing: t.exposeInt('doing', { nullable: true, description: 'Being migrated.' }),
    done: t.exposeInt('done', { nullable: true, description: 'Migrated.' }),
    partDone: t.exposeInt('partDone', { nullable: true, description: 'Partly migrated (tables only: partitions never are).' }),
    failed: t.exposeInt('failed', { nullable: true, description: 'Migration failed.' }),
  }),
});

export const MmsMigrationProgress = builder.objectRef<MigrationProgress>('MmsMigrationProgress').implement({
  description: 'Migration progress below a record, as the record carries it.',
  fields: (t) => ({
    tables: t.expose('tables', { type: MmsStatusCounts, nullable: true, description: 'Its tables; null where the record counts none.' }),
    partitions: t.expose('partitions', {
      type: MmsStatusCounts,
      nullable: true,
      description: 'Its partitions; null where the record counts none.',
    }),
  }),
});
