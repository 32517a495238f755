import type { MigrationStatusWithPartDone } from '../upstream/actions/progress.js';
import { builder } from './builder.js';
import { filterId, filterTime, inventoryConnection, inventoryOrder, type ListingRequest, sorter } from './listing.js';
import { MmsMigrationStatus } from './migration-status.js';
import { MmsTable } from './refs.js';

export const MmsTableFilter = builder.inputType('MmsTableFilter', {
  description: 'Narrows a list of tables (ListMmsTables query parameters); every field given must match.',
  fields: (t) => ({
    dbId: t.id({ description: 'Database ID.' }),
    dbName: t.string({ description: 'Database name.' }),
    name: t.string({ description: 'Table name.' }),
    dstProjectName: t.string({ description: 'Destination MaxCompute project.' }),
    dstSchemaName: t.string({ description: 'Destination schema.' }),
    dstName: t.string({ description: 'Destination table.' }),
    type: t.string({ description: 'Table type, e.g. `MANAGED_TABLE`.' }),
    hasPartitions: t.boolean({ description: 'Whether the table is partitioned.' }),
    status: t.field({ type: [MmsMigrationStatus], description: 'Any of these statuses.' }),
    lastDdlTimeFrom: t.string({ description: 'Last DDL at or after this time, `YYYY-MM-DD HH:mm:ss` (`lastDdlTimeStart`).' }),
    lastDdlTimeTo: t.string({ description: 'Last DDL at or before this time, `YYYY-MM-DD HH:mm:ss` (`lastDdlTimeEnd`).' }),
  }),
});

export const MmsTableOrder = inventoryOrder('MmsTable', 'tables', {
  NUM_ROWS: 'Row count.',
  SIZE: 'Data size.',
  LAST_DDL_TIME: 'Time of the last DDL.',
});

export const MmsTableConnection = inventoryConnection(MmsTable, 'MmsTable', 'tables');

export const tableListingArgs = builder.args((t) => ({
  filter: t.field({ type: MmsTableFilter, description: 'Only the tables that match.' }),
  orderBy: t.field({ type: MmsTableOrder, description: 'Their order (default: by ID).' }),
}));

type TableFilterInput = {
  dbId?: string | null;
  dbName?: string | null;
  name?: string | null;
  dstProjectName?: string | null;
  dstSchemaName?: string | null;
  dstName?: string | null;
  type?: string | null;
  hasPartitions?: boolean | null;
  status?: readonly MigrationStatusWithPartDone[] | null;
  lastDdlTimeFrom?: string | null;
  lastDdlTimeTo?: string | null;
};

const SORTER_MEMBERS = { NUM_ROWS: 'numRows', SIZE: 'size', LAST_DDL_TIME: 'lastDdlTime' };

/** A source's tables, filtered (`fixed`: what the parent pins, e.g. its database), as one listing. */
export function tableListing(
  connection: string,
  sourceId: string,
  args: { filter?: TableFilterInput | null; orderBy?: { field: string; direction?: string | null } | null },
  fixed: { dbId?: string } = {},
): ListingRequest {
  const filter = args.filter ?? {};
  const query = {
    dbId: fixed.dbId ?? filterId(filter.dbId, 'dbId'),
    dbName: filter.dbName ?? undefined,
    name: filter.name ?? undefined,
    dstProjectName: filter.dstProjectName ?? undefined,
    dstSchemaName: filter.dstSchemaName ?? undefined,
    dstName: filter.dstName ?? undefined,
    type: filter.type ?? undefined,
    hasPartitions: filter.hasPartitions ?? undefined,
    status: filter.status?.length ? [...filter.status] : undefined,
    lastDdlTimeStart: filterTime(filter.lastDdlTimeFrom, 'lastDdlTimeFrom'),
    lastDdlTimeEnd: filterTime(filter.lastDdlTimeTo, 'lastDdlTimeTo'),
    sorter: sorter(args.orderBy, SORTER_MEMBERS),
  };
  return { scope: { connection, sourceId, ...fixed, query }, params: { path: { sourceId }, query } };
}
