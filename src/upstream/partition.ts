import {
  isObject,
  type JsonObject,
  type JsonValue,
  optionalBoolean,
  optionalInteger,
  optionalIntegerDigits,
  optionalString,
  ShapeError,
  type UpstreamInteger,
} from './json.js';

/** A partition's identity: both IDs in canonical decimal form (no leading zeros). */
export interface PartitionKey {
  sourceId: string;
  partitionId: string;
}

export const MIGRATION_STATUSES = ['INIT', 'DOING', 'DONE', 'FAILED'] as const;
export type MigrationStatus = (typeof MIGRATION_STATUSES)[number];

export type { UpstreamInteger } from './json.js';

export interface PartitionColumnValue {
  column: string;
  value: string;
}

export interface PartitionDestination {
  projectName: string | null;
  schemaName: string | null;
  tableName: string | null;
  value: string | null;
}

/** GetMmsPartition's `data`, normalised: strings trimmed, IDs exact, integers checked. */
export interface Partition {
  id: string;
  sourceId: string;
  sourceName: string | null;
  dbId: string | null;
  dbName: string | null;
  tableId: string | null;
  tableName: string | null;
  value: string | null;
  spec: PartitionColumnValue[];
  size: UpstreamInteger | null;
  numRows: UpstreamInteger | null;
  updated: boolean | null;
  lastDdlTime: string | null;
  status: MigrationStatus | null;
  /** A status value this gateway does not know yet (the API may add some). */
  unknownStatus: string | null;
  destination: PartitionDestination | null;
}

const MAX_ID = 2n ** 63n;

/**
 * Canonical form of a user-given ID: a non-negative decimal integer below 2^63, as the
 * service's 64-bit IDs are. Returns null for anything else ("", "-1", "1.5", "%2e", ...).
 */
export function canonicalId(input: string | number | bigint): string | null {
  if (typeof input === 'number') return Number.isSafeInteger(input) && input >= 0 ? String(input) : null;
  const text = String(input);
  if (!/^[0-9]+$/.test(text)) return null;
  const digits = text.replace(/^0+(?=.)/, '');
  if (digits.length > 19 || BigInt(digits) >= MAX_ID) return null;
  return digits;
}

/** Hive escapes special characters of partition values as `%XX` (a char code in hex). */
export function unescapeHive(text: string): string {
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));
}

/** Parses a Hive partition spec `col=val/col=val` into its columns, unescaping both sides. */
export function parsePartitionSpec(value: string | null): PartitionColumnValue[] {
  if (!value) return [];
  return value.split('/').map((segment) => {
    const eq = segment.indexOf('=');
    // A segment without "=" is kept as a column with an empty value rather than dropped.
    return eq < 0
      ? { column: unescapeHive(segment), value: '' }
      : { column: unescapeHive(segment.slice(0, eq)), value: unescapeHive(segment.slice(eq + 1)) };
  });
}

function readStatus(data: JsonObject): Pick<Partition, 'status' | 'unknownStatus'> {
  const status = optionalString(data, 'status');
  if (status === null) return { status: null, unknownStatus: null };
  const known = MIGRATION_STATUSES.find((s) => s === status.toUpperCase());
  return known ? { status: known, unknownStatus: null } : { status: null, unknownStatus: status };
}

function readDestination(data: JsonObject): PartitionDestination | null {
  const destination = {
    projectName: optionalString(data, 'dstProjectName'),
    schemaName: optionalString(data, 'dstSchemaName'),
    tableName: optionalString(data, 'dstTableName'),
    value: optionalString(data, 'dstValue'),
  };
  const present = ['dstProjectName', 'dstSchemaName', 'dstTableName', 'dstValue'].some((f) => data[f] !== undefined && data[f] !== null);
  return present ? destination : null;
}

/**
 * Reads one partition object (GetMmsPartition's `data`, or an item of ListMmsPartitions),
 * throwing ShapeError for anything undocumented. `expected` is what was asked for: an answer
 * about another partition (or source) is not to be trusted.
 */
export function readPartitionData(data: JsonValue, expected: { sourceId: string; partitionId?: string }): Partition {
  if (!isObject(data)) throw new ShapeError('"data" is not an object');
  const id = optionalIntegerDigits(data, 'id') ?? expected.partitionId ?? null;
  const sourceId = optionalIntegerDigits(data, 'sourceId') ?? expected.sourceId;
  if (id === null) throw new ShapeError('a partition without "id"');
  if ((expected.partitionId !== undefined && id !== expected.partitionId) || sourceId !== expected.sourceId) {
    throw new ShapeError('the answer names another partition');
  }
  const value = optionalString(data, 'value');
  return {
    id,
    sourceId,
    sourceName: optionalString(data, 'sourceName'),
    // Payloads from before the 2025-10-24 API revision spell it `DbId`.
    dbId: optionalIntegerDigits(data, 'dbId') ?? optionalIntegerDigits(data, 'DbId'),
    dbName: optionalString(data, 'dbName'),
    tableId: optionalIntegerDigits(data, 'tableId'),
    tableName: optionalString(data, 'tableName'),
    value,
    spec: parsePartitionSpec(value),
    size: optionalInteger(data, 'size'),
    numRows: optionalInteger(data, 'numRows'),
    updated: optionalBoolean(data, 'updated'),
    lastDdlTime: optionalString(data, 'lastDdlTime'),
    ...readStatus(data),
    destination: readDestination(data),
  };
}

/** What a NOT_FOUND of a partition says. */
export function partitionNotFound({ sourceId, partitionId }: PartitionKey): string {
  return `Partition ${partitionId} of data source ${sourceId} was not found.`;
}
