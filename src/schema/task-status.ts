import type { TaskStatus } from '../upstream/actions/task.js';
import { builder } from './builder.js';

export const MmsTaskStatus = builder.enumType('MmsTaskStatus', {
  description: 'Where a migration task is: schema migration, then data migration, then (when enabled) verification.',
  values: {
    INIT: { value: 'INIT', description: 'Not started.' },
    SCHEMA_DOING: { value: 'SCHEMA_DOING', description: 'Schema being migrated.' },
    SCHEMA_DONE: { value: 'SCHEMA_DONE', description: 'Schema migrated.' },
    SCHEMA_FAILED: { value: 'SCHEMA_FAILED', description: 'Schema migration failed.' },
    DATA_DOING: { value: 'DATA_DOING', description: 'Data being migrated.' },
    DATA_DONE: { value: 'DATA_DONE', description: 'Data migrated (the log page spells it `DATA_DONG`).' },
    DATA_FAILED: { value: 'DATA_FAILED', description: 'Data migration failed.' },
    VERIFICATION_DOING: { value: 'VERIFICATION_DOING', description: 'Data being verified.' },
    VERIFICATION_DONE: { value: 'VERIFICATION_DONE', description: 'Data verified.' },
    VERIFICATION_FAILED: { value: 'VERIFICATION_FAILED', description: 'Data verification failed.' },
    DONE: { value: 'DONE', description: 'Finished successfully.' },
  } as const satisfies Record<TaskStatus, { value: TaskStatus; description: string }>,
});
