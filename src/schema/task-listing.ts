import type { TaskStatus } from '../upstream/actions/task.js';
import { builder } from './builder.js';
import { filterId, inventoryConnection, inventoryOrder, type ListingRequest, sorter } from './listing.js';
import { MmsTask } from './refs.js';
import { MmsTaskStatus } from './task-status.js';

export const MmsTaskFilter = builder.inputType('MmsTaskFilter', {
  description: 'Narrows a list of migration tasks (ListMmsTasks query parameters); every field given must match.',
  fields: (t) => ({
    jobId: t.id({ description: 'The job the tasks belong to.' }),
    jobName: t.string({ description: 'The name of that job.' }),
    srcDbName: t.string({ description: 'Source database.' }),
    srcTableName: t.string({ description: 'Source table.' }),
    dstProjectName: t.string({ description: 'Destination MaxCompute project (`dstDbName`).' }),
    dstTableName: t.string({ description: 'Destination table.' }),
    status: t.field({ type: MmsTaskStatus, description: 'This status.' }),
    partition: t.string({ description: 'Only the tasks that migrated this partition spec, `p1=1/p2=abc`.' }),
  }),
});

export const MmsTaskOrder = inventoryOrder('MmsTask', 'migration tasks', {
  START_TIME: 'Start time.',
  STATUS: 'Task status.',
});

export const MmsTaskConnection = inventoryConnection(MmsTask, 'MmsTask', 'migration tasks');

export const taskListingArgs = builder.args((t) => ({
  filter: t.field({ type: MmsTaskFilter, description: 'Only the tasks that match.' }),
  orderBy: t.field({ type: MmsTaskOrder, description: 'Their order (default: by ID).' }),
}));

type TaskFilterInput = {
  jobId?: string | null;
  jobName?: string | null;
  srcDbName?: string | null;
  srcTableName?: string | null;
  dstProjectName?: string | null;
  dstTableName?: string | null;
  status?: TaskStatus | null;
  partition?: string | null;
};

/** What a parent pins of its tasks: its job, its table (database and table names), its partition spec. */
export interface TaskListingParent {
  jobId?: string;
  srcDbName?: string;
  srcTableName?: string;
  partition?: string;
}

/** A source's migration tasks, filtered (`fixed` by the parent), as one listing. */
export function taskListing(
  connection: string,
  sourceId: string,
  args: { filter?: TaskFilterInput | null; orderBy?: { field: string; direction?: string | null } | null },
  fixed: TaskListingParent = {},
): ListingRequest {
  const filter = args.filter ?? {};
  const query = {
    jobId: fixed.jobId ?? filterId(filter.jobId, 'jobId'),
    jobName: filter.jobName ?? undefined,
    srcDbName: fixed.srcDbName ?? filter.srcDbName ?? undefined,
    srcTableName: fixed.srcTableName ?? filter.srcTableName ?? undefined,
    dstDbName: filter.dstProjectName ?? undefined,
    dstTableName: filter.dstTableName ?? undefined,
    status: filter.status ?? undefined,
    partition: fixed.partition ?? filter.partition ?? undefined,
    sorter: sorter(args.orderBy, { START_TIME: 'startTime', STATUS: 'status' }),
  };
  return { scope: { connection, sourceId, ...fixed, query }, params: { path: { sourceId }, query } };
}
