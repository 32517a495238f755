import type { ListAction, UpstreamAction } from '../action.js';
import {
  integerText,
  isObject,
  type JsonObject,
  type JsonValue,
  optionalBoolean,
  optionalCount,
  optionalEnum,
  optionalIntegerDigits,
  optionalString,
  optionalStrings,
  readPage,
  ShapeError,
} from '../json.js';
import { freshnessByStatus, type Property, readOfSource, requiredIntegerDigits, unknownStatusOf } from './fields.js';

// A migration job (ListMmsJobs items, GetMmsJob `data`), reference §4.1–4.2, and the three
// job control actions (StartMmsJob, StopMmsJob, RetryMmsJob), reference §7.

export const JOB_STATUSES = ['INIT', 'DOING', 'DONE', 'FAILED'] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];

/** What a job migrates: read from `type` (`Database`, `Tables`, `Partitions`; timers write `TABLES`). */
export const JOB_SCOPES = ['DATABASE', 'TABLES', 'PARTITIONS'] as const;
export type JobScope = (typeof JOB_SCOPES)[number];

/** What the job was asked to migrate (CreateMmsJob's `config`); deprecated members are left out. */
export interface JobConfig {
  /** With scope PARTITIONS: IDs of the partitions of the job's source. */
  partitionIds: string[];
  /** With scope TABLES: names of tables of the job's database. */
  tables: string[];
  /** With scope DATABASE: only these tables (`tableWhiteList`); empty for all. */
  tableAllowList: string[];
  /** With scope DATABASE: tables skipped (`tableBlackList`); it wins over the allow list. */
  tableDenyList: string[];
  /** Per table, a partition filter expression. */
  partitionFilters: Property[];
  /** Source table name → destination table name. */
  tableMapping: Property[];
  /** Source column name → destination column name. */
  columnMapping: Property[];
  /** Only new or changed partitions are migrated (`increment`). */
  incremental: boolean | null;
  /** Row counts are compared on both sides (`enableVerification`). */
  verification: boolean | null;
}

export interface Job {
  /** The `jobId` of its tasks. */
  id: string;
  sourceId: string | null;
  sourceName: string | null;
  /** The source database (`dbId`, `srcDbName`). */
  dbId: string | null;
  sourceDatabaseName: string | null;
  sourceSchemaName: string | null;
  /** The destination MaxCompute project (`dstDbName` names a project on jobs) and schema. */
  destinationProjectName: string | null;
  destinationSchemaName: string | null;
  name: string | null;
  status: JobStatus | null;
  unknownStatus: string | null;
  scope: JobScope | null;
  unknownScope: string | null;
  taskCount: number | null;
  tasksDone: number | null;
  stopped: boolean | null;
  createTime: string | null;
  /** Wanted completion date; an earlier one means a higher priority. */
  eta: string | null;
  config: JobConfig | null;
}

/** A `map<string, string>` member, as key/value pairs in the order sent (a non-string value as its JSON text). */
function optionalMap(data: JsonObject, field: string): Property[] {
  const value = data[field];
  if (value === undefined || value === null) return [];
  if (!isObject(value)) throw new ShapeError(`"config.${field}" is not an object`);
  return Object.entries(value).map(([key, member]) => ({
    key,
    value: typeof member === 'string' ? member : JSON.stringify(member),
  }));
}

function readIds(data: JsonObject, field: string): string[] {
  const value = data[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new ShapeError(`"config.${field}" is not a list`);
  return value.map((item) => {
    const digits = item === null ? null : integerText(item);
    if (digits === null || !/^-?[0-9]+$/.test(digits)) throw new ShapeError(`"config.${field}" holds something other than IDs`);
    return BigInt(digits).toString();
  });
}

function readConfig(value: JsonValue | undefined): JobConfig | null {
  if (value === undefined || value === null) return null;
  if (!isObject(value)) throw new ShapeError('"config" is not an object');
  const strings = (field: string) => {
    try {
      return optionalStrings(value, field) ?? [];
    } catch {
      throw new ShapeError(`"config.${field}" is not a list of strings`);
    }
  };
  const flag = (field: string) => {
    try {
      return optionalBoolean(value, field);
    } catch {
      throw new ShapeError(`"config.${field}" is not a boolean`);
    }
  };
  return {
    partitionIds: readIds(value, 'partitions'),
    tables: strings('tables'),
    tableAllowList: strings('tableWhiteList'),
    tableDenyList: strings('tableBlackList'),
    partitionFilters: optionalMap(value, 'partitionFilters'),
    tableMapping: optionalMap(value, 'tableMapping'),
    columnMapping: optionalMap(value, 'columnMapping'),
    incremental: flag('increment'),
    verification: flag('enableVerification'),
  };
}

export function readJob(data: JsonObject): Job {
  const status = optionalEnum(data, 'status', JOB_STATUSES);
  const scope = optionalEnum(data, 'type', JOB_SCOPES);
  return {
    id: requiredIntegerDigits(data, 'id'),
    sourceId: optionalIntegerDigits(data, 'sourceId'),
    sourceName: optionalString(data, 'sourceName'),
    dbId: optionalIntegerDigits(data, 'dbId'),
    sourceDatabaseName: optionalString(data, 'srcDbName'),
    sourceSchemaName: optionalString(data, 'srcSchemaName'),
    destinationProjectName: optionalString(data, 'dstDbName'),
    destinationSchemaName: optionalString(data, 'dstSchemaName'),
    name: optionalString(data, 'name'),
    status: status.value,
    unknownStatus: status.unknown,
    scope: scope.value,
    unknownScope: scope.unknown,
    taskCount: optionalCount(data, 'taskNum'),
    tasksDone: optionalCount(data, 'taskDone'),
    stopped: optionalBoolean(data, 'stopped'),
    createTime: optionalString(data, 'createTime'),
    eta: optionalString(data, 'eta'),
    config: readConfig(data.config),
  };
}

function unknownValues(job: Job): string[] {
  return [...unknownStatusOf(job), ...(job.unknownScope === null ? [] : [`type=${job.unknownScope}`])];
}

/** GetMmsJob's parameters (and the control actions'). */
export function jobParams(sourceId: string, jobId: string): { path: { sourceId: string; jobId: string } } {
  return { path: { sourceId, jobId } };
}

export const GET_MMS_JOB: UpstreamAction<Job> = {
  name: 'GetMmsJob',
  kind: 'get',
  method: 'GET',
  path: '/api/v1/mms/datasources/{sourceId}/jobs/{jobId}',
  query: {},
  notFound: ({ path }) => `Job ${path.jobId} of data source ${path.sourceId} was not found.`,
  read: (data, { path }) => {
    const job = readOfSource(readJob, data, path.sourceId ?? '');
    if (job.id !== path.jobId) throw new ShapeError('the answer names another job');
    return job;
  },
  // A finished job can still be retried; the control mutations drop its cached entry.
  freshness: freshnessByStatus,
  unknownValues,
};

export const LIST_MMS_JOBS: ListAction<Job> = {
  name: 'ListMmsJobs',
  kind: 'list',
  method: 'GET',
  path: '/api/v1/mms/datasources/{sourceId}/jobs',
  query: {
    name: 'string',
    srcDbName: 'string',
    srcTableName: 'string',
    dstDbName: 'string',
    dstTableName: 'string',
    status: 'string',
    stopped: 'flag',
    timerId: 'integer',
    pageNum: 'integer',
    pageSize: 'integer',
    sorter: 'dotted',
  },
  notFound: ({ path }) => `Data source ${path.sourceId} was not found.`,
  read: (data, { path }) => readPage(data, (item) => readOfSource(readJob, item, path.sourceId ?? '')),
  empty: { total: 0, items: [] },
  freshness: () => 'list',
  unknownValues: (page) => page.items.flatMap(unknownValues),
  items: { get: GET_MMS_JOB, params: (job) => jobParams(job.sourceId ?? '', job.id) },
};

/**
 * What a control action answers besides its request id: `data`, typed int64 by the SDKs with
 * no documented meaning (likely the job's or an asynchronous task's ID), kept for the log line.
 */
export interface JobControlAnswer {
  data: string | null;
}

function jobControl(name: string, verb: 'start' | 'stop' | 'retry'): UpstreamAction<JobControlAnswer> {
  return {
    name,
    kind: 'write',
    method: 'POST',
    path: `/api/v1/mms/datasources/{sourceId}/jobs/{jobId}/${verb}`,
    query: {},
    notFound: ({ path }) => `Job ${path.jobId} of data source ${path.sourceId} was not found.`,
    read: (data) => ({ data: integerText(data) ?? (typeof data === 'boolean' ? String(data) : null) }),
    empty: { data: null },
    freshness: () => 'active',
  };
}

export const START_MMS_JOB = jobControl('StartMmsJob', 'start');
export const STOP_MMS_JOB = jobControl('StopMmsJob', 'stop');
export const RETRY_MMS_JOB = jobControl('RetryMmsJob', 'retry');
