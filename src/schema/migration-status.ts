import { builder } from './builder.js';

export const MmsMigrationStatus = builder.enumType('MmsMigrationStatus', {
  description: "A partition's migration status.",
  values: {
    INIT: { value: 'INIT', description: 'Not migrated yet.' },
    DOING: { value: 'DOING', description: 'Being migrated.' },
    DONE: { value: 'DONE', description: 'Migrated.' },
    FAILED: { value: 'FAILED', description: 'Migration failed.' },
  } as const,
});
