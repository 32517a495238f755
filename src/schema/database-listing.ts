import type { MigrationStatusWithPartDone } from '../upstream/actions/progress.js';
import { builder } from './builder.js';
import { type ListingRequest, sorter } from './listing.js';
import { MmsMigrationStatus } from './migration-status.js';
import { MmsOrderDirection } from './order-direction.js';
import { MmsDatabase } from './refs.js';

export const MmsDatabaseFilter = builder.inputType('MmsDatabaseFilter', {
  description: 'Narrows a list of databases (ListMmsDbs query parameters); every field given must match.',
  fields: (t) => ({
    name: t.string({ description: 'Database name.' }),
    status: t.field({ type: MmsMigrationStatus, description: 'Migration status.' }),
  }),
});

export const MmsDatabaseOrderField = builder.enumType('MmsDatabaseOrderField', {
  description: 'What databases can be ordered by.',
  values: {
    NUM_ROWS: { value: 'NUM_ROWS', description: 'Row count.' },
    SIZE: { value: 'SIZE', description: 'Data size.' },
    UPDATE_TIME: { value: 'UPDATE_TIME', description: 'When its record was last updated.' },
  } as const,
});

export const MmsDatabaseOrder = builder.inputType('MmsDatabaseOrder', {
  description: 'The order of a list of databases (ties by ID).',
  fields: (t) => ({
    field: t.field({ type: MmsDatabaseOrderField, required: true, description: 'What to order by.' }),
    direction: t.field({ type: MmsOrderDirection, defaultValue: 'asc', description: 'Ascending (the default) or descending.' }),
  }),
});

export const MmsDatabaseConnection = builder.connectionObject(
  {
    type: MmsDatabase,
    name: 'MmsDatabaseConnection',
    description: 'A page of databases.',
    fields: (t) => ({
      totalCount: t.int({ description: 'Matching databases over all pages.', resolve: (connection) => connection.totalCount }),
    }),
  },
  { name: 'MmsDatabaseEdge', description: 'One record of a page, with its cursor.' },
);

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
