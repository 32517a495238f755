import { isLosslessNumber, type LosslessNumber, parse } from 'lossless-json';
import { UpstreamError } from './errors.js';

// Reading the family's answers: exact integers, the `{ requestId, data }` envelope, paging
// objects, and the typed field readers every record reader uses.

/**
 * An integer field of the answer. `exact: false` keeps the digits of a value beyond
 * 2^53-1, which JSON numbers in JavaScript would silently round.
 */
export type UpstreamInteger = { exact: true; value: number } | { exact: false; digits: string };

export type JsonValue = string | number | boolean | null | LosslessNumber | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

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
export function parseAnswer(body: string): JsonValue {
  return INEXACT_NUMBER.test(body.replace(JSON_STRING, '""')) ? (parse(body) as JsonValue) : (JSON.parse(body) as JsonValue);
}

export function isObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !isLosslessNumber(value);
}

/** Raised while reading a body that is not the action's documented shape. */
export class ShapeError extends Error {}

export function optionalString(data: JsonObject, field: string): string | null {
  const value = data[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw new ShapeError(`"${field}" is not a string`);
  return value.trim();
}

/** An integer field as the answer wrote it: a number (native or lossless) or, from some gateways, a string. */
export function integerText(value: JsonValue): string | null {
  if (typeof value === 'number') return String(value);
  if (isLosslessNumber(value)) return value.value;
  return typeof value === 'string' ? value.trim() : null;
}

export function optionalIntegerDigits(data: JsonObject, field: string): string | null {
  const value = data[field];
  if (value === undefined || value === null) return null;
  const digits = integerText(value);
  if (digits === null || !/^-?[0-9]+$/.test(digits)) throw new ShapeError(`"${field}" is not an integer`);
  return BigInt(digits).toString();
}

export function optionalInteger(data: JsonObject, field: string): UpstreamInteger | null {
  const digits = optionalIntegerDigits(data, field);
  if (digits === null) return null;
  const value = Number(digits);
  return Number.isSafeInteger(value) ? { exact: true, value } : { exact: false, digits };
}

export function optionalBoolean(data: JsonObject, field: string): boolean | null {
  const value = data[field];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'boolean') throw new ShapeError(`"${field}" is not a boolean`);
  return value;
}

/** `data` as an object, or a ShapeError. */
export function asObject(data: JsonValue): JsonObject {
  if (!isObject(data)) throw new ShapeError('"data" is not an object');
  return data;
}

/** An optional string field that must be one of `known` (case-insensitive): the value, or what was sent instead. */
export function optionalEnum<T extends string>(
  data: JsonObject,
  field: string,
  known: readonly T[],
): { value: T | null; unknown: string | null } {
  const text = optionalString(data, field);
  if (text === null || text === '') return { value: null, unknown: null };
  const value = known.find((candidate) => candidate === text.toUpperCase());
  return value ? { value, unknown: null } : { value: null, unknown: text };
}

/** An optional int32 counter field (counts, paging): a plain number. */
export function optionalCount(data: JsonObject, field: string): number | null {
  const digits = optionalIntegerDigits(data, field);
  if (digits === null) return null;
  const value = Number(digits);
  if (!Number.isSafeInteger(value)) throw new ShapeError(`"${field}" is not a count`);
  return value;
}

/** An optional array of strings, trimmed. */
export function optionalStrings(data: JsonObject, field: string): string[] | null {
  const value = data[field];
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || !value.every((item): item is string => typeof item === 'string')) {
    throw new ShapeError(`"${field}" is not a list of strings`);
  }
  return value.map((item) => item.trim());
}

/** An answer's envelope: its request id (the body's, else the header's) and its `data` (undefined when absent or null). */
export interface Envelope {
  requestId: string | null;
  data: JsonValue | undefined;
}

/** Reads `{ requestId, data }`; UPSTREAM_BAD_RESPONSE when the body is not a JSON object. */
export function readEnvelope(body: string, headerRequestId: string | null): Envelope {
  let parsed: JsonValue;
  try {
    parsed = parseAnswer(body);
  } catch {
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'The upstream answer is not JSON.', { upstreamRequestId: headerRequestId });
  }
  if (!isObject(parsed))
    throw new UpstreamError('UPSTREAM_BAD_RESPONSE', 'The upstream answer is not a JSON object.', { upstreamRequestId: headerRequestId });
  const requestId = typeof parsed.requestId === 'string' ? parsed.requestId.trim() : headerRequestId;
  const data = parsed.data === null ? undefined : parsed.data;
  return { requestId, data };
}

/** One page of a List action: the records of the page and the number of matching records on all pages. */
export interface Page<T> {
  total: number;
  items: T[];
}

/** Reads a paging object (`total`, `objectList`), each item with `readItem`. */
export function readPage<T>(data: JsonValue, readItem: (item: JsonObject) => T): Page<T> {
  if (!isObject(data)) throw new ShapeError('"data" is not a paging object');
  const list = data.objectList;
  if (list !== undefined && list !== null && !Array.isArray(list)) throw new ShapeError('"objectList" is not a list');
  const items = (list ?? []).map((item) => {
    if (!isObject(item)) throw new ShapeError('an item of "objectList" is not an object');
    return readItem(item);
  });
  return { total: optionalCount(data, 'total') ?? items.length, items };
}
