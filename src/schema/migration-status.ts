import type { MigrationStatus } from '../upstream/partition.js';
import { builder } from './builder.js';

export const MmsMigrationStatus = builder.enumType('MmsMigrationStatus', {
  description: "A partition's migration status.",
  // Checked against the statuses the upstream parser knows: one added there must be described here.
  values: {
    INIT: { value: 'INIT', description: 'Not migrated yet.' },
    DOING: { value: 'DOING', description: 'Being migrated.' },
    DONE: { value: 'DONE', description: 'Migrated.' },
    FAILED: { value: 'FAILED', description: 'Migration failed.' },
  } as const satisfies Record<MigrationStatus, { value: MigrationStatus; description: string }>,
});
