import type { ListAction, UpstreamAction } from '../action.js';
import {
  type JsonObject,
  optionalBoolean,
  optionalEnum,
  optionalInteger,
  optionalIntegerDigits,
  optionalString,
  readPage,
  ShapeError,
  type UpstreamInteger,
} from '../json.js';
import {
  anyPresent,
  freshnessByStatus,
  optionalProperties,
  type Property,
  readOfSource,
  requiredIntegerDigits,
  unknownStatusOf,
} from './fields.js';
import {
  DATABASE_PROGRESS_FIELDS,
  MIGRATION_STATUSES_WITH_PART_DONE,
  type MigrationProgress,
  type MigrationStatusWithPartDone,
  readMigrationProgress,
} from './progress.js';

// A database (ListMmsDbs items, GetMmsDb `data`), reference §3.1–3.2: a Hive database, a
// BigQuery dataset, or a schema of the source.

/** Where the database migrates to: a MaxCompute project and a schema in it. */
export interface DatabaseDestination {
  projectName: string | null;
  /** `dstName`: on a database it names a MaxCompute schema. */
  schemaName: string | null;
}

/** A database, normalised: strings trimmed, IDs exact, integers checked. */
export interface Database {
  /** The `dbId` of tables and partitions. */
  id: string;
  sourceId: string | null;
  sourceName: string | null;
  name: string | null;
  description: string | null;
  owner: string | null;
  location: string | null;
  /** The members of `extra`, in the order sent. */
  properties: Property[];
  status: MigrationStatusWithPartDone | null;
  /** A status value this gateway does not know yet (no page lists a database's statuses). */
  unknownStatus: string | null;
  updated: boolean | null;
  deleted: boolean | null;
  size: UpstreamInteger | null;
  numRows: UpstreamInteger | null;
  lastDdlTime: string | null;
  createTime: string | null;
  updateTime: string | null;
  destination: DatabaseDestination | null;
  progress: MigrationProgress;
}

export function readDatabase(data: JsonObject): Database {
  const status = optionalEnum(data, 'status', MIGRATION_STATUSES_WITH_PART_DONE);
  const destination = {
    projectName: optionalString(data, 'dstProjectName'),
    schemaName: optionalString(data, 'dstName'),
  };
  return {
    id: requiredIntegerDigits(data, 'id'),
    sourceId: optionalIntegerDigits(data, 'sourceId'),
    sourceName: optionalString(data, 'sourceName'),
    name: optionalString(data, 'name'),
    description: optionalString(data, 'description'),
    owner: optionalString(data, 'owner'),
    location: optionalString(data, 'location'),
    properties: optionalProperties(data, 'extra'),
    status: status.value,
    unknownStatus: status.unknown,
    updated: optionalBoolean(data, 'updated'),
    deleted: optionalBoolean(data, 'deleted'),
    size: optionalInteger(data, 'size'),
    numRows: optionalInteger(data, 'numRows'),
    lastDdlTime: optionalString(data, 'lastDdlTime'),
    createTime: optionalString(data, 'createTime'),
    updateTime: optionalString(data, 'updateTime'),
    // Older payloads predate the destination fields: no destination rather than one of nulls.
    destination: anyPresent(data, ['dstProjectName', 'dstName']) ? destination : null,
    progress: readMigrationProgress(data, DATABASE_PROGRESS_FIELDS),
  };
}

/** GetMmsDb's parameters. */
export function databaseParams(sourceId: string, dbId: string): { path: { sourceId: string; dbId: string } } {
  return { path: { sourceId, dbId } };
}

export const GET_MMS_DB: UpstreamAction<Database> = {
  name: 'GetMmsDb',
  kind: 'get',
  method: 'GET',
  path: '/api/v1/mms/datasources/{sourceId}/dbs/{dbId}',
  query: {},
  notFound: ({ path }) => `Database ${path.dbId} of data source ${path.sourceId} was not found.`,
  read: (data, { path }) => {
    const database = readOfSource(readDatabase, data, path.sourceId ?? '');
    if (database.id !== path.dbId) throw new ShapeError('the answer names another database');
    return database;
  },
  freshness: freshnessByStatus,
  unknownValues: unknownStatusOf,
};

export const LIST_MMS_DBS: ListAction<Database> = {
  name: 'ListMmsDbs',
  kind: 'list',
  method: 'GET',
  path: '/api/v1/mms/datasources/{sourceId}/dbs',
  // The only List action whose sorter travels as one JSON object (reference §1.4).
  query: { name: 'string', status: 'string', sorter: 'json-object', pageNum: 'integer', pageSize: 'integer' },
  notFound: ({ path }) => `Data source ${path.sourceId} was not found.`,
  read: (data, { path }) => readPage(data, (item) => readOfSource(readDatabase, item, path.sourceId ?? '')),
  empty: { total: 0, items: [] },
  freshness: () => 'list',
  unknownValues: (page) => page.items.flatMap((database) => GET_MMS_DB.unknownValues?.(database) ?? []),
  items: { get: GET_MMS_DB, params: (database) => databaseParams(database.sourceId ?? '', database.id) },
};
