import type { JobStatus } from '../upstream/actions/job.js';
import { builder } from './builder.js';
import { MmsJobStatus } from './job-enums.js';
import { filterId, inventoryConnection, inventoryOrder, type ListingRequest, sorter } from './listing.js';
import { MmsJob } from './refs.js';

export const MmsJobFilter = builder.inputType('MmsJobFilter', {
  description: 'Narrows a list of migration jobs (ListMmsJobs query parameters); every field given must match.',
  fields: (t) => ({
    name: t.string({ description: 'Part of the job name.' }),
    srcDbName: t.string({ description: 'Source database.' }),
    srcTableName: t.string({ description: 'A source table the job migrates.' }),
    dstProjectName: t.string({ description: 'Destination MaxCompute project (`dstDbName`).' }),
    dstTableName: t.string({ description: 'A destination table.' }),
    status: t.field({ type: MmsJobStatus, description: 'This status.' }),
    stopped: t.boolean({ description: 'Whether the job was stopped.' }),
    timerId: t.id({ description: 'Only the jobs this scheduled timer created.' }),
  }),
});

export const MmsJobOrder = inventoryOrder('MmsJob', 'migration jobs', { STATUS: 'Job status.' });

export const MmsJobConnection = inventoryConnection(MmsJob, 'MmsJob', 'migration jobs');

export const jobListingArgs = builder.args((t) => ({
  filter: t.field({ type: MmsJobFilter, description: 'Only the jobs that match.' }),
  orderBy: t.field({ type: MmsJobOrder, description: 'Their order (default: by ID).' }),
}));

type JobFilterInput = {
  name?: string | null;
  srcDbName?: string | null;
  srcTableName?: string | null;
  dstProjectName?: string | null;
  dstTableName?: string | null;
  status?: JobStatus | null;
  stopped?: boolean | null;
  timerId?: string | null;
};

/** A source's migration jobs, filtered, as one listing. */
export function jobListing(
  connection: string,
  sourceId: string,
  args: { filter?: JobFilterInput | null; orderBy?: { field: string; direction?: string | null } | null },
): ListingRequest {
  const filter = args.filter ?? {};
  const query = {
    name: filter.name ?? undefined,
    srcDbName: filter.srcDbName ?? undefined,
    srcTableName: filter.srcTableName ?? undefined,
    dstDbName: filter.dstProjectName ?? undefined,
    dstTableName: filter.dstTableName ?? undefined,
    status: filter.status ?? undefined,
    stopped: filter.stopped ?? undefined,
    timerId: filterId(filter.timerId, 'timerId'),
    sorter: sorter(args.orderBy, { STATUS: 'status' }),
  };
  return { scope: { connection, sourceId, query }, params: { path: { sourceId }, query } };
}
