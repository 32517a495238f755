import type { MigrationStatus } from '../upstream/partition.js';
import { builder } from './builder.js';
import { filterId, filterTime, inventoryConnection, inventoryOrder, type ListingRequest, sorter } from './listing.js';
import { MmsMigrationStatus } from './migration-status.js';
import { MmsPartition } from './refs.js';

export const MmsPartitionFilter = builder.inputType('MmsPartitionFilter', {
  description: 'Narrows a list of partitions (ListMmsPartitions query parameters); every field given must match.',
  fields: (t) => ({
    dbId: t.id({ description: 'Database ID.' }),
    dbName: t.string({ description: 'Database name.' }),
    tableId: t.id({ description: 'ID of the table holding the partition.' }),
    tableName: t.string({ description: 'Table name.' }),
    value: t.string({ description: 'Partition spec, `p1=1/p2=abc`.' }),
    updated: t.boolean({ description: 'Whether the partition changed since it was migrated.' }),
    status: t.field({ type: [MmsMigrationStatus], description: 'Any of these statuses.' }),
    lastDdlTimeFrom: t.string({ description: 'Last DDL at or after this time, `YYYY-MM-DD HH:mm:ss` (`lastDdlTimeStart`).' }),
    lastDdlTimeTo: t.string({ description: 'Last DDL at or before this time, `YYYY-MM-DD HH:mm:ss` (`lastDdlTimeEnd`).' }),
  }),
});

export const MmsPartitionOrder = inventoryOrder('MmsPartition', 'partitions', {
  NUM_ROWS: 'Row count.',
  SIZE: 'Data size.',
  LAST_DDL_TIME: 'Time of the last DDL.',
});

export const MmsPartitionConnection = inventoryConnection(MmsPartition, 'MmsPartition', 'partitions');

const SORTER_MEMBERS = { NUM_ROWS: 'numRows', SIZE: 'size', LAST_DDL_TIME: 'lastDdlTime' };

export const partitionListingArgs = builder.args((t) => ({
  filter: t.field({ type: MmsPartitionFilter, description: 'Only the partitions that match.' }),
  orderBy: t.field({ type: MmsPartitionOrder, description: 'Their order (default: by ID).' }),
}));

type PartitionFilterInput = {
  dbId?: string | null;
  dbName?: string | null;
  tableId?: string | null;
  tableName?: string | null;
  value?: string | null;
  updated?: boolean | null;
  status?: readonly (MigrationStatus | 'PART_DONE')[] | null;
  lastDdlTimeFrom?: string | null;
  lastDdlTimeTo?: string | null;
};

/** A source's partitions, filtered (`fixed`: what the parent pins, e.g. its table), as one listing. */
export function partitionListing(
  connection: string,
  sourceId: string,
  args: { filter?: PartitionFilterInput | null; orderBy?: { field: string; direction?: string | null } | null },
  fixed: { dbId?: string; tableId?: string } = {},
): ListingRequest {
  const filter = args.filter ?? {};
  const query = {
    dbId: fixed.dbId ?? filterId(filter.dbId, 'dbId'),
    dbName: filter.dbName ?? undefined,
    tableId: fixed.tableId ?? filterId(filter.tableId, 'tableId'),
    tableName: filter.tableName ?? undefined,
    value: filter.value ?? undefined,
    updated: filter.updated ?? undefined,
    status: filter.status?.length ? [...filter.status] : undefined,
    lastDdlTimeStart: filterTime(filter.lastDdlTimeFrom, 'lastDdlTimeFrom'),
    lastDdlTimeEnd: filterTime(filter.lastDdlTimeTo, 'lastDdlTimeTo'),
    sorter: sorter(args.orderBy, SORTER_MEMBERS),
  };
  return { scope: { connection, sourceId, ...fixed, query }, params: { path: { sourceId }, query } };
}
