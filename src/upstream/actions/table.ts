import type { ListAction, UpstreamAction } from '../action.js';
import {
  isObject,
  type JsonObject,
  type JsonValue,
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
  MIGRATION_STATUSES_WITH_PART_DONE,
  type MigrationProgress,
  type MigrationStatusWithPartDone,
  readMigrationProgress,
  TABLE_PROGRESS_FIELDS,
} from './progress.js';

// A table (ListMmsTables items, GetMmsTable `data`), reference §3.3–3.4.

/** A column of the table's schema, ordinary or partition column. */
export interface TableColumn {
  name: string | null;
  type: string | null;
  comment: string | null;
  /** As sent (the pages print `""` for none). */
  defaultValue: string | null;
  nullable: boolean | null;
}

/** Where the table migrates to. */
export interface TableDestination {
  projectName: string | null;
  /** Null when the destination project has no schema level. */
  schemaName: string | null;
  /** `dstName`; the service defaults it to the source table name. */
  tableName: string | null;
}

/** A table, normalised: strings trimmed, IDs exact, integers checked. */
export interface Table {
  /** The `tableId` of partitions. */
  id: string;
  sourceId: string | null;
  sourceName: string | null;
  dbId: string | null;
  dbName: string | null;
  name: string | null;
  /** Free text as sent (`MANAGED_TABLE`, and `MANAGED_TABLED` on one page): no list is documented. */
  type: string | null;
  hasPartitions: boolean | null;
  owner: string | null;
  location: string | null;
  inputFormat: string | null;
  outputFormat: string | null;
  serde: string | null;
  /** `schema.comment`. */
  comment: string | null;
  /** `schema.columns`: the ordinary columns; empty when not sent. */
  columns: TableColumn[];
  /** `schema.partitions`: the partition columns (the table's own `partitions` is a count, in `progress`). */
  partitionColumns: TableColumn[];
  /** The members of `extra` (the table properties), in the order sent. */
  properties: Property[];
  size: UpstreamInteger | null;
  numRows: UpstreamInteger | null;
  status: MigrationStatusWithPartDone | null;
  /** A status value this gateway does not know yet. */
  unknownStatus: string | null;
  updated: boolean | null;
  lastDdlTime: string | null;
  destination: TableDestination | null;
  progress: MigrationProgress;
}

function readColumn(data: JsonObject): TableColumn {
  return {
    name: optionalString(data, 'name'),
    type: optionalString(data, 'type'),
    comment: optionalString(data, 'comment'),
    defaultValue: optionalString(data, 'defaultValue'),
    nullable: optionalBoolean(data, 'nullable'),
  };
}

/** Runs a reader on a nested object, saying where a ShapeError arose: the same member names occur at several levels. */
function within<T>(path: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof ShapeError) throw new ShapeError(`${path}: ${error.message}`);
    throw error;
  }
}

function readColumns(schema: JsonObject, field: string): TableColumn[] {
  const list = schema[field];
  if (list === undefined || list === null) return [];
  if (!Array.isArray(list)) throw new ShapeError(`"schema.${field}" is not a list`);
  return list.map((item, index) => {
    if (!isObject(item)) throw new ShapeError(`an item of "schema.${field}" is not an object`);
    return within(`schema.${field}[${index}]`, () => readColumn(item));
  });
}

function readSchema(value: JsonValue | undefined): Pick<Table, 'comment' | 'columns' | 'partitionColumns'> {
  if (value === undefined || value === null) return { comment: null, columns: [], partitionColumns: [] };
  if (!isObject(value)) throw new ShapeError('"schema" is not an object');
  return {
    comment: within('schema', () => optionalString(value, 'comment')),
    columns: readColumns(value, 'columns'),
    partitionColumns: readColumns(value, 'partitions'),
  };
}

export function readTable(data: JsonObject): Table {
  const status = optionalEnum(data, 'status', MIGRATION_STATUSES_WITH_PART_DONE);
  const destination = {
    projectName: optionalString(data, 'dstProjectName'),
    schemaName: optionalString(data, 'dstSchemaName'),
    tableName: optionalString(data, 'dstName'),
  };
  return {
    id: requiredIntegerDigits(data, 'id'),
    sourceId: optionalIntegerDigits(data, 'sourceId'),
    sourceName: optionalString(data, 'sourceName'),
    dbId: optionalIntegerDigits(data, 'dbId'),
    dbName: optionalString(data, 'dbName'),
    name: optionalString(data, 'name'),
    type: optionalString(data, 'type'),
    hasPartitions: optionalBoolean(data, 'hasPartitions'),
    owner: optionalString(data, 'owner'),
    location: optionalString(data, 'location'),
    inputFormat: optionalString(data, 'inputFormat'),
    outputFormat: optionalString(data, 'outputFormat'),
    serde: optionalString(data, 'serde'),
    ...readSchema(data.schema),
    properties: optionalProperties(data, 'extra'),
    size: optionalInteger(data, 'size'),
    numRows: optionalInteger(data, 'numRows'),
    status: status.value,
    unknownStatus: status.unknown,
    updated: optionalBoolean(data, 'updated'),
    lastDdlTime: optionalString(data, 'lastDdlTime'),
    // Older payloads predate the destination fields: no destination rather than one of nulls.
    destination: anyPresent(data, ['dstProjectName', 'dstSchemaName', 'dstName']) ? destination : null,
    progress: readMigrationProgress(data, TABLE_PROGRESS_FIELDS),
  };
}

/** GetMmsTable's parameters. */
export function tableParams(sourceId: string, tableId: string): { path: { sourceId: string; tableId: string } } {
  return { path: { sourceId, tableId } };
}

export const GET_MMS_TABLE: UpstreamAction<Table> = {
  name: 'GetMmsTable',
  kind: 'get',
  method: 'GET',
  path: '/api/v1/mms/datasources/{sourceId}/tables/{tableId}',
  query: {},
  notFound: ({ path }) => `Table ${path.tableId} of data source ${path.sourceId} was not found.`,
  read: (data, { path }) => {
    const table = readOfSource(readTable, data, path.sourceId ?? '');
    if (table.id !== path.tableId) throw new ShapeError('the answer names another table');
    return table;
  },
  freshness: freshnessByStatus,
  unknownValues: unknownStatusOf,
};

export const LIST_MMS_TABLES: ListAction<Table> = {
  name: 'ListMmsTables',
  kind: 'list',
  method: 'GET',
  path: '/api/v1/mms/datasources/{sourceId}/tables',
  query: {
    onlyName: 'boolean',
    dbId: 'integer',
    dbName: 'string',
    name: 'string',
    dstProjectName: 'string',
    dstSchemaName: 'string',
    dstName: 'string',
    type: 'string',
    hasPartitions: 'boolean',
    status: 'json-array',
    lastDdlTimeStart: 'string',
    lastDdlTimeEnd: 'string',
    pageNum: 'integer',
    pageSize: 'integer',
    sorter: 'dotted',
  },
  notFound: ({ path }) => `Data source ${path.sourceId} was not found.`,
  read: (data, { path }) => readPage(data, (item) => readOfSource(readTable, item, path.sourceId ?? '')),
  empty: { total: 0, items: [] },
  freshness: () => 'list',
  unknownValues: (page) => page.items.flatMap((table) => GET_MMS_TABLE.unknownValues?.(table) ?? []),
  items: { get: GET_MMS_TABLE, params: (table) => tableParams(table.sourceId ?? '', table.id) },
};
