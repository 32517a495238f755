import { QueryFormError, type QueryValue, type UpstreamAction } from '../../upstream/action.js';
import { integerOf } from './census.js';
import { decimalId } from './records.js';

// Reading the query parameters of the List actions, as `readWireQuery` returns them, and
// the filtering, sorting and paging every List action shares.

export type InventoryQuery = Readonly<Record<string, QueryValue>>;

/** The documented paging object of the List actions (`data`). */
export interface Page<Row> {
  total: number;
  pageNum: number;
  pageSize: number;
  objectList: Row[];
}

/** Refuses parameters the action's description does not declare: a wiring mistake should show, not be ignored. */
export function refuseUnknown(query: InventoryQuery, action: UpstreamAction<unknown>): void {
  for (const name of Object.keys(query)) {
    if (!(name in action.query)) throw new QueryFormError(`${name} is not a parameter of ${action.name}.`);
  }
}

export function stringParameter(query: InventoryQuery, name: string): string | undefined {
  const value = query[name];
  if (value === undefined || typeof value === 'string') return value;
  throw new QueryFormError(`${name} must be a string.`);
}

export function booleanParameter(query: InventoryQuery, name: string): boolean | undefined {
  const value = query[name];
  if (value === undefined || typeof value === 'boolean') return value;
  throw new QueryFormError(`${name} must be true or false.`);
}

/** An integer parameter (a decimal string on the wire) in canonical decimal form. */
export function idParameter(query: InventoryQuery, name: string): string | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  const id = decimalId(value);
  if (id === null) throw new QueryFormError(`${name} must be a decimal integer.`);
  return id;
}

/**
 * A status array: keeps rows in any of the given statuses. An empty array filters nothing,
 * as when the parameter is left out. A status outside the action's set is refused.
 */
export function statusesParameter(query: InventoryQuery, name: string, allowed: readonly string[]): Set<string> | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) throw new QueryFormError(`${name} must be an array of statuses, e.g. ["DONE","FAILED"].`);
  const statuses = value as readonly unknown[];
  for (const status of statuses) {
    if (typeof status !== 'string' || !allowed.includes(status)) {
      throw new QueryFormError(`${name} holds ${JSON.stringify(status)}; the statuses are ${allowed.join(', ')}.`);
    }
  }
  return statuses.length === 0 ? undefined : new Set(statuses as string[]);
}

/**
 * Text of a record's string field for comparisons, without surrounding whitespace: the
 * published example's values end in a stray newline, which is an artefact of the example,
 * not part of the value a filter or a sort is about.
 */
export function textOf(value: unknown): string | undefined {
  return typeof value === 'string' ? value.trim() : undefined;
}

/** A row filter; `undefined` filters nothing. */
export type RowFilter<Row> = ((row: Row) => boolean) | undefined;

export function applyFilters<Row>(rows: Row[], filters: RowFilter<Row>[]): Row[] {
  const active = filters.filter((filter): filter is (row: Row) => boolean => filter !== undefined);
  return rows.filter((row) => active.every((filter) => filter(row)));
}

/** `name`: a case-sensitive substring of the row's field. */
export function containing<Row>(wanted: string | undefined, field: (row: Row) => unknown): RowFilter<Row> {
  return wanted === undefined ? undefined : (row) => textOf(field(row))?.includes(wanted) ?? false;
}

/** Exact match of a string, boolean or (canonical decimal) ID field. */
export function equalTo<Row>(wanted: string | boolean | undefined, field: (row: Row) => unknown): RowFilter<Row> {
  if (wanted === undefined) return undefined;
  if (typeof wanted === 'boolean') return (row) => field(row) === wanted;
  return (row) => {
    const value = field(row);
    return (typeof value === 'string' ? value.trim() : decimalId(value)) === wanted;
  };
}

export function inSet<Row>(wanted: Set<string> | undefined, field: (row: Row) => unknown): RowFilter<Row> {
  return wanted === undefined ? undefined : (row) => wanted.has(String(field(row)));
}

/**
 * `lastDdlTimeStart` / `lastDdlTimeEnd`: inclusive bounds. The `YYYY-MM-DD HH:mm:ss` times
 * compare as text; a row without a time is outside any bound.
 */
export function within<Row>(start: string | undefined, end: string | undefined, field: (row: Row) => unknown): RowFilter<Row> {
  if (start === undefined && end === undefined) return undefined;
  return (row) => {
    const time = textOf(field(row));
    return time !== undefined && (start === undefined || time >= start) && (end === undefined || time <= end);
  };
}

/** How a sort member compares: as integers, or as text (`time`: `YYYY-MM-DD HH:mm:ss` times; `text`: e.g. statuses). */
export type SortKind = 'integer' | 'time' | 'text';
export interface SortOrder {
  member: string;
  descending: boolean;
}

/**
 * `sorter`: each member `asc` or `desc`, applied in the order given. A member the action
 * does not sort by, or another direction, is refused.
 */
export function sorterParameter(query: InventoryQuery, members: Readonly<Record<string, SortKind>>): SortOrder[] {
  const value = query.sorter;
  if (value === undefined) return [];
  if (typeof value !== 'object' || Array.isArray(value)) throw new QueryFormError('sorter must be an object of members.');
  const sorter = value as Readonly<Record<string, unknown>>;
  return Object.entries(sorter).map(([member, direction]) => {
    if (!Object.hasOwn(members, member)) {
      throw new QueryFormError(`sorter.${member} is not a sort order; the members are ${Object.keys(members).join(', ')}.`);
    }
    if (direction !== 'asc' && direction !== 'desc') throw new QueryFormError(`sorter.${member} must be asc or desc.`);
    return { member, descending: direction === 'desc' };
  });
}

const DECIMAL = /^-?\d+$/;

/** Compares decimal IDs by value (an ID that is not decimal, from a hand-made key, by text after them). */
function compareIds(a: string, b: string): number {
  if (DECIMAL.test(a) && DECIMAL.test(b)) {
    const difference = BigInt(a) - BigInt(b);
    return difference < 0n ? -1 : difference > 0n ? 1 : 0;
  }
  if (DECIMAL.test(a) !== DECIMAL.test(b)) return DECIMAL.test(a) ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareValues(kind: SortKind, a: unknown, b: unknown): number {
  const left = kind === 'integer' ? integerOf(a) : (textOf(a) ?? null);
  const right = kind === 'integer' ? integerOf(b) : (textOf(b) ?? null);
  // A missing value sorts below every present one.
  if (left === null || right === null) return left === right ? 0 : left === null ? -1 : 1;
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Sorts by the orders in turn, ties (and no order at all) by ID ascending. `id` is the
 * row's canonical decimal ID.
 */
export function sortRows<Row>(
  rows: Row[],
  orders: SortOrder[],
  members: Readonly<Record<string, SortKind>>,
  field: (row: Row, member: string) => unknown,
  id: (row: Row) => string,
): Row[] {
  return [...rows].sort((a, b) => {
    for (const { member, descending } of orders) {
      const order = compareValues(members[member] ?? 'integer', field(a, member), field(b, member));
      if (order !== 0) return descending ? -order : order;
    }
    return compareIds(id(a), id(b));
  });
}

/** Sorts by ID ascending: the order of a List action without a sorter. */
export function sortById<Row>(rows: Row[], id: (row: Row) => string): Row[] {
  return [...rows].sort((a, b) => compareIds(id(a), id(b)));
}

const MAX_PAGE = 1000;

function pagingNumber(query: InventoryQuery, name: string): number | undefined {
  const value = query[name];
  if (value === undefined) return undefined;
  const digits = typeof value === 'number' ? String(value) : value;
  if (typeof digits !== 'string' || !DECIMAL.test(digits)) throw new QueryFormError(`${name} must be a decimal integer.`);
  const number = BigInt(digits);
  if (number < 1n || number > BigInt(MAX_PAGE)) throw new QueryFormError(`${name} must be between 1 and ${MAX_PAGE}.`);
  return Number(number);
}

/**
 * One page of the rows. Without `pageNum` and `pageSize`, every row on one page (echoed as
 * page 1 of `total` rows), as ListMmsDataSources documents; with only one of them, the
 * other is 1 (`pageNum`) or 10 (`pageSize`). A page past the end is empty; `total` counts
 * the matching rows over all pages.
 */
export function page<Row>(rows: Row[], query: InventoryQuery): Page<Row> {
  const pageNum = pagingNumber(query, 'pageNum');
  const pageSize = pagingNumber(query, 'pageSize');
  if (pageNum === undefined && pageSize === undefined) return { total: rows.length, pageNum: 1, pageSize: rows.length, objectList: rows };
  const num = pageNum ?? 1;
  const size = pageSize ?? 10;
  return { total: rows.length, pageNum: num, pageSize: size, objectList: rows.slice((num - 1) * size, num * size) };
}
