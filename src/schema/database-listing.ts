import type { MigrationStatusWithPartDone } from '../upstream/actions/progress.js';
import { builder } from './builder.js';
import { inventoryConnection, inventoryOrder, type ListingRequest, sorter } from './listing.js';
import { MmsMigrationStatus } from './migration-status.js';
import { MmsDatabase } from './refs.js';

export const MmsDatabaseFilter = builder.inputType('MmsDatabaseFilter', {
  description: 'Narrows a list of databases (ListMmsDbs query parameters); every field given must match.',
  fields: (t) => ({
    name: t.string({ description: 'Database name.' }),
    status: t.field({ type: MmsMigrationStatus, description: 'Migration status.' }),
  }),
});

export const MmsDatabaseOrder = inventoryOrder('MmsDatabase', 'databases', {
  NUM_ROWS: 'Row count.',
  SIZE: 'Data size.',
  UPDATE_TIME: 'When its record was last updated.',
});

export const MmsDatabaseConnection = inventoryConnection(MmsDatabase, 'MmsDatabase', 'databases');

export const databaseListingArgs = builder.args((t) => ({
  filter: t.field({ type: MmsDatabaseFilter, description: 'Only the databases that match.' }),
  orderBy: t.field({ type: MmsDatabaseOrder, description: 'Their order (default: by ID).' }),
}));

const SORTER_MEMBERS = { NUM_ROWS: 'numRows', SIZE: 'size', UPDATE_TIME: 'updateTime' };

/** A source's databases, filtered, as one listing. */
export function databaseListing(
  sourceId: string,
  args: {
    filter?: { name?: string | null; status?: MigrationStatusWithPartDone | null } | null;
    orderBy?: { field: string; direction?: string | null } | null;
  },
): ListingRequest {
  const query = {
    name: args.filter?.name ?? undefined,
    status: args.filter?.status ?? undefined,
    sorter: sorter(args.orderBy, SORTER_MEMBERS),
  };
  return { scope: { connection: 'MmsDataSource.databases', sourceId, query }, params: { path: { sourceId }, query } };
}
