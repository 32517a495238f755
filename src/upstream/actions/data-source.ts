import type { ListAction, UpstreamAction } from '../action.js';
import {
  asObject,
  type JsonObject,
  optionalBoolean,
  optionalCount,
  optionalEnum,
  optionalString,
  optionalStrings,
  readPage,
  ShapeError,
} from '../json.js';
import { requiredIntegerDigits } from './fields.js';
import { DATA_SOURCE_PROGRESS_FIELDS, type MigrationProgress, readMigrationProgress } from './progress.js';

// A data source (ListMmsDataSources items, GetMmsDataSource `data`), reference §2.1–2.2.

export const DATA_SOURCE_TYPES = ['HIVE', 'BIGQUERY', 'MAXCOMPUTE'] as const;
export type DataSourceType = (typeof DATA_SOURCE_TYPES)[number];

export const DATA_SOURCE_STATUSES = ['STARTING', 'STARTED', 'STOPPING', 'STOPPED', 'START_FAILED', 'STOP_FAILED'] as const;
export type DataSourceStatus = (typeof DATA_SOURCE_STATUSES)[number];

/** A data source, normalised: strings trimmed, the ID exact, counters checked. */
export interface DataSource {
  /** The `sourceId` of every other entity. */
  id: string;
  name: string | null;
  type: DataSourceType | null;
  /** A source kind this gateway does not know yet (the pages mention Databricks). */
  unknownType: string | null;
  region: string | null;
  /** The state of the source's MMA instance. */
  status: DataSourceStatus | null;
  /** A status value this gateway does not know yet. */
  unknownStatus: string | null;
  /** Why starting or stopping failed (`errMsg`). */
  errorMessage: string | null;
  /** The MaxCompute network connection to the source, `<connection id>:<region id>` (`networklink`). */
  networkLink: string | null;
  /** Whether the source instance or its agent is running (`agentIsOnline`). */
  agentOnline: boolean | null;
  createTime: string | null;
  /** When metadata was last synchronised from the source. */
  lastUpdateTime: string | null;
  /** The default destination MaxCompute project (`dstProject`). */
  destinationProject: string | null;
  /** Every destination project configured (`dstProjects`); empty when not sent. */
  destinationProjects: string[];
  /** The number of databases in the source (`dbNum`). */
  databaseCount: number | null;
  progress: MigrationProgress;
}

export function readDataSource(data: JsonObject): DataSource {
  const type = optionalEnum(data, 'type', DATA_SOURCE_TYPES);
  const status = optionalEnum(data, 'status', DATA_SOURCE_STATUSES);
  return {
    id: requiredIntegerDigits(data, 'id'),
    name: optionalString(data, 'name'),
    type: type.value,
    unknownType: type.unknown,
    region: optionalString(data, 'region'),
    status: status.value,
    unknownStatus: status.unknown,
    errorMessage: optionalString(data, 'errMsg'),
    networkLink: optionalString(data, 'networklink'),
    agentOnline: optionalBoolean(data, 'agentIsOnline'),
    createTime: optionalString(data, 'createTime'),
    lastUpdateTime: optionalString(data, 'lastUpdateTime'),
    destinationProject: optionalString(data, 'dstProject'),
    destinationProjects: optionalStrings(data, 'dstProjects') ?? [],
    databaseCount: optionalCount(data, 'dbNum'),
    progress: readMigrationProgress(data, DATA_SOURCE_PROGRESS_FIELDS),
  };
}

function unknownValues(source: DataSource): string[] {
  return [
    ...(source.unknownType === null ? [] : [`type=${source.unknownType}`]),
    ...(source.unknownStatus === null ? [] : [`status=${source.unknownStatus}`]),
  ];
}

/** GetMmsDataSource's parameters. */
export function dataSourceParams(sourceId: string): { path: { sourceId: string } } {
  return { path: { sourceId } };
}

export const GET_MMS_DATA_SOURCE: UpstreamAction<DataSource> = {
  name: 'GetMmsDataSource',
  kind: 'get',
  method: 'GET',
  path: '/api/v1/mms/datasources/{sourceId}',
  query: { withConfig: 'boolean', lang: 'string' },
  notFound: ({ path }) => `Data source ${path.sourceId} was not found.`,
  read: (data, { path }) => {
    const source = readDataSource(asObject(data));
    if (source.id !== path.sourceId) throw new ShapeError('the answer names another data source');
    return source;
  },
  // Its counters move while any of its partitions migrates.
  freshness: () => 'active',
  unknownValues,
};

export const LIST_MMS_DATA_SOURCES: ListAction<DataSource> = {
  name: 'ListMmsDataSources',
  kind: 'list',
  method: 'GET',
  path: '/api/v1/mms/datasources',
  query: { name: 'string', type: 'string', region: 'string', pageNum: 'integer', pageSize: 'integer' },
  notFound: () => 'No data sources were found.',
  read: (data) => readPage(data, readDataSource),
  empty: { total: 0, items: [] },
  freshness: () => 'list',
  unknownValues: (page) => page.items.flatMap(unknownValues),
  items: { get: GET_MMS_DATA_SOURCE, params: (source) => dataSourceParams(source.id) },
};
