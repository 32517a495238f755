import { isLosslessNumber, type LosslessNumber, parse } from 'lossless-json';
import { notFoundError, UpstreamError } from './errors.js';

/** A partition's identity: both IDs in canonical decimal form (no leading zeros). */
export interface PartitionKey {
  sourceId: string;
  partitionId: string;
}

/** The key as one string, `sourceId/partitionId`: for caches, single flights and logs. */
export function partitionKeyString({ sourceId, partitionId }: PartitionKey): string {
  return `${sourceId}/${partitionId}`;
}

export const MIGRATION_STATUSES = ['INIT', 'DOING', 'DONE', 'FAILED'] as const;
export type MigrationStatus = (typeof MIGRATION_STATUSES)[number];

/**
 * An integer field of the answer. `exact: false` keeps the digits of a value beyond
 * 2^53-1, which JSON numbers in JavaScript would silently round.
 */
export type UpstreamInteger = { exact: true; value: number } | { exact: false; digits: string };

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

type JsonValue = string | number | boolean | null | LosslessNumber | JsonValue[] | { [key: string]: JsonValue };
type JsonObject = { [key: string]: JsonValue };

// The strings of a JSON text, blanked before looking at its numbers.
const JSON_STRING = /"(?:[^"\\]|\\.)*"/g;
// A number that JSON.parse might not keep exactly: a fraction, an exponent, or 16 digits or more.
const INEXACT_NUMBER = /\d[.eE]|\d{16}/;

/**
 * Parses an answer. lossless-json keeps every number's digits but costs several times what the
 * native parser does, and the answers of this API almost never carry a number above 2^53: the
 * native parser takes every text whose numbers are all integers it keeps exactly (as the client
 * library's own reader would), lossless-json the rest.
 */
function parseAnswer(body: string): JsonValue {
  return INEXACT_NUMBER.test(body.replace(JSON_STRING, '""')) ? (parse(body) as JsonValue) : (JSON.parse(body) as JsonValue);
}

function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value);
}

/** Raised while reading a body that is not GetMmsPartition's documented shape. */
class ShapeError extends Error {}

function optionalString(data: JsonObject, field: string): string | null {
  const value = data[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new ShapeError(`"${field}" is not a string`);
  return value.trim();
}

/** An integer field as the answer wrote it: a number (native or lossless) or, from some gateways, a string. */
function integerText(value: JsonValue): string | null {
  if (typeof value === 'number') return String(value);
  if (isLosslessNumber(value)) return value.value;
  return typeof value === 'string' ? value.trim() : null;
}

function optionalIntegerDigits(data: JsonObject, field: string): string | null {
  const value = data[field];
  if (value === undefined || value === null) return null;
  const digits = integerText(value);
  if (digits === null || !/^-?[0-9]+$/.test(digits)) throw new ShapeError(`"${field}" is not an integer`);
  return BigInt(digits).toString();
}

function optionalInteger(data: JsonObject, field: string): UpstreamInteger | null {
  const digits = optionalIntegerDigits(data, field);
  if (digits === null) return null;
  const value = Number(digits);
  return Number.isSafeInteger(value) ? { exact: true, value } : { exact: false, digits };
}

function optionalBoolean(data: JsonObject, field: string): boolean | null {
  const value = data[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean') throw new ShapeError(`"${field}" is not a boolean`);
  return value;
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
 * Reads a GetMmsPartition success body into a Partition, or throws an UpstreamError:
 * NOT_FOUND for a 200 without `data`, UPSTREAM_BAD_RESPONSE for anything undocumented.
 */
export function readPartitionResponse(body: string, key: PartitionKey, upstreamRequestId: string | null): Partition {
  return readPartitionAnswer(body, key, upstreamRequestId).partition;
}

/**
 * The same, with the answer's request id (its `requestId`, else the header's), so that a
 * successful call can be matched with the provider's logs too.
 */
export function readPartitionAnswer(
  body: string,
  key: PartitionKey,
  upstreamRequestId: string | null,
): { partition: Partition; requestId: string | null } {
  let parsed: JsonValue;
  try {
    parsed = parseAnswer(body);
  } catch {
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'The upstream answer is not JSON.', { upstreamRequestId });
  }
  if (!isObject(parsed))
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'The upstream answer is not a JSON object.', { upstreamRequestId });
  const requestId = typeof parsed.requestId === 'string' ? parsed.requestId.trim() : upstreamRequestId;
  const data = parsed.data;
  if (data === undefined || data === null) {
    throw notFoundError(key, { upstreamRequestId: requestId });
  }
  try {
    if (!isObject(data)) throw new ShapeError('"data" is not an object');
    const id = optionalIntegerDigits(data, 'id');
    const sourceId = optionalIntegerDigits(data, 'sourceId');
    // The answer must be about the partition asked for; anything else is not to be trusted.
    if ((id !== null && id !== key.partitionId) || (sourceId !== null && sourceId !== key.sourceId)) {
      throw new ShapeError('the answer names another partition');
    }
    const value = optionalString(data, 'value');
    const partition: Partition = {
      id: key.partitionId,
      sourceId: key.sourceId,
      sourceName: optionalString(data, 'sourceName'),
      dbId: optionalIntegerDigits(data, 'dbId'),
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
    return { partition, requestId };
  } catch (error) {
    if (!(error instanceof ShapeError)) throw error;
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', `The upstream answer is not the documented shape: ${error.message}.`, {
      upstreamRequestId: requestId,
    });
  }
}
