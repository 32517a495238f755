import type { ListAction, UpstreamAction } from '../action.js';
import { readPage } from '../json.js';
import { type Partition, type PartitionKey, partitionNotFound, readPartitionData } from '../partition.js';

// The partition actions: GetMmsPartition (one by ID) and ListMmsPartitions (a source's, filtered, paged).

const terminalOrActive = (partition: Partition) => (partition.status === 'DONE' || partition.status === 'FAILED' ? 'terminal' : 'active');

export const GET_MMS_PARTITION: UpstreamAction<Partition> = {
  name: 'GetMmsPartition',
  kind: 'get',
  method: 'GET',
  path: '/api/v1/mms/datasources/{sourceId}/partitions/{partitionId}',
  query: {},
  notFound: ({ path }) => partitionNotFound({ sourceId: path.sourceId ?? '', partitionId: path.partitionId ?? '' }),
  read: (data, { path }) => readPartitionData(data, { sourceId: path.sourceId ?? '', partitionId: path.partitionId ?? '' }),
  freshness: terminalOrActive,
  unknownValues: (partition) => (partition.unknownStatus === null ? [] : [`status=${partition.unknownStatus}`]),
};

/** GetMmsPartition's parameters for a canonical key. */
export function partitionParams(key: PartitionKey): { path: { sourceId: string; partitionId: string } } {
  return { path: { sourceId: key.sourceId, partitionId: key.partitionId } };
}

export const LIST_MMS_PARTITIONS: ListAction<Partition> = {
  name: 'ListMmsPartitions',
  kind: 'list',
  method: 'GET',
  path: '/api/v1/mms/datasources/{sourceId}/partitions',
  query: {
    dbId: 'integer',
    dbName: 'string',
    tableId: 'integer',
    tableName: 'string',
    value: 'string',
    updated: 'boolean',
    status: 'json-array',
    lastDdlTimeStart: 'string',
    lastDdlTimeEnd: 'string',
    pageNum: 'integer',
    pageSize: 'integer',
    sorter: 'dotted',
  },
  notFound: ({ path }) => `Data source ${path.sourceId} was not found.`,
  read: (data, { path }) => readPage(data, (item) => readPartitionData(item, { sourceId: path.sourceId ?? '' })),
  empty: { total: 0, items: [] },
  freshness: () => 'list',
  unknownValues: (page) => page.items.flatMap((partition) => GET_MMS_PARTITION.unknownValues?.(partition) ?? []),
  items: { get: GET_MMS_PARTITION, params: (partition) => partitionParams({ sourceId: partition.sourceId, partitionId: partition.id }) },
};
