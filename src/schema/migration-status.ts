import type { MigrationStatusWithPartDone } from '../upstream/actions/progress.js';
import { builder } from './builder.js';

export const MmsMigrationStatus = builder.enumType('MmsMigrationStatus', {
  description: 'A migration status: of a partition (never PART_DONE), or of a table or database.',
  // Checked against the statuses the upstream readers know: one added there must be described here.
  values: {
    INIT: { value: 'INIT', description: 'Not migrated yet.' },
    DOING: { value: 'DOING', description: 'Being migrated.' },
    DONE: { value: 'DONE', description: 'Migrated.' },
    PART_DONE: { value: 'PART_DONE', description: 'Partly migrated: some of its partitions are (tables and databases only).' },
    FAILED: { value: 'FAILED', description: 'Migration failed.' },
  } as const satisfies Record<MigrationStatusWithPartDone, { value: MigrationStatusWithPartDone; description: string }>,
});
