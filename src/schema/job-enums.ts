import type { JobScope, JobStatus } from '../upstream/actions/job.js';
import { builder } from './builder.js';

export const MmsJobStatus = builder.enumType('MmsJobStatus', {
  description: 'Where a migration job is.',
  values: {
    INIT: { value: 'INIT', description: 'Not run yet.' },
    DOING: { value: 'DOING', description: 'Running.' },
    DONE: { value: 'DONE', description: 'Succeeded.' },
    FAILED: { value: 'FAILED', description: 'Failed: some of its tasks failed (it can be retried).' },
  } as const satisfies Record<JobStatus, { value: JobStatus; description: string }>,
});

export const MmsJobScope = builder.enumType('MmsJobScope', {
  description: 'What a migration job migrates (its `type`: `Database`, `Tables`, `Partitions`).',
  values: {
    DATABASE: { value: 'DATABASE', description: 'A whole database, minus its deny list (or only its allow list).' },
    TABLES: { value: 'TABLES', description: 'The tables listed in its configuration.' },
    PARTITIONS: { value: 'PARTITIONS', description: 'The partitions listed in its configuration.' },
  } as const satisfies Record<JobScope, { value: JobScope; description: string }>,
});
