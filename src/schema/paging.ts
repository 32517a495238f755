import { createHash } from 'node:crypto';
import type { Page } from '../upstream/json.js';
import { badUserInput } from './errors.js';

// Relay connections over the API's numbered pages. A cursor is an opaque token holding a
// record's position and a digest of what it was listed by (the connection, its parent, its
// filter and order): a cursor handed to another listing is refused rather than silently
// pointing into a different list.

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

/** What a list is listed by: the connection's field, its parent's identity, its filter and order. */
export type ListingScope = Readonly<Record<string, unknown>>;

/** JSON text with every object's keys sorted (undefined members left out), so equal scopes digest equally. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const members = Object.entries(value)
      .filter(([, member]) => member !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${members.map(([key, member]) => `${JSON.stringify(key)}:${canonicalJson(member)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

function digest(scope: ListingScope): string {
  return createHash('sha256').update(canonicalJson(scope)).digest('base64url').slice(0, 16);
}

/** The cursor of the record at `position` (0-based) of the listing whose digest is `listing`. */
function encodeCursor(position: number, listing: string): string {
  return Buffer.from(JSON.stringify([position, listing])).toString('base64url');
}

/** The position a cursor names, or BAD_USER_INPUT when it is not a cursor of this listing. */
export function decodeCursor(cursor: string, scope: ListingScope): number {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    decoded = null;
  }
  if (!Array.isArray(decoded) || decoded.length !== 2 || !Number.isSafeInteger(decoded[0]) || (decoded[0] as number) < 0) {
    throw badUserInput('after is not a cursor of this connection.', 'after');
  }
  if (decoded[1] !== digest(scope)) {
    throw badUserInput('after is a cursor of another listing (another filter, order or parent): page from the start again.', 'after');
  }
  return decoded[0] as number;
}

/** The window a connection asks for: the first position and how many records. */
export interface PageWindow {
  offset: number;
  first: number;
}

/** Validates `first` and `after` into a window, before anything is read. */
export function pageWindow(args: { first?: number | null; after?: string | null }, scope: ListingScope): PageWindow {
  const first = args.first ?? DEFAULT_PAGE_SIZE;
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) {
    throw badUserInput(`first must be from 1 to ${MAX_PAGE_SIZE}; got ${first}.`, 'first');
  }
  const offset = args.after == null ? 0 : decodeCursor(args.after, scope) + 1;
  return { offset, first };
}

/**
 * Reads the records of `window` through `readPage` (`pageNum` from 1, `pageSize`). A window that
 * starts on a page boundary of its own size (paging forward by `endCursor` with the same `first`)
 * is one page; any other is the two pages of that size that cover it.
 */
export async function readWindow<T>(
  window: PageWindow,
  readPage: (pageNum: number, pageSize: number) => Promise<Page<T>>,
): Promise<{ items: T[]; total: number }> {
  const { offset, first } = window;
  const pageNum = Math.floor(offset / first) + 1;
  const skip = offset % first;
  if (skip === 0) {
    const page = await readPage(pageNum, first);
    return { items: page.items.slice(0, first), total: page.total };
  }
  const [head, tail] = await Promise.all([readPage(pageNum, first), readPage(pageNum + 1, first)]);
  return { items: [...head.items.slice(skip), ...tail.items].slice(0, first), total: Math.max(head.total, tail.total) };
}

/** A connection's answer: edges with cursors, page info and the upstream's total. */
export interface Connection<T> {
  edges: { cursor: string; node: T }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string | null; endCursor: string | null };
  totalCount: number;
}

export function toConnection<T>(items: T[], window: PageWindow, total: number, scope: ListingScope): Connection<T> {
  // One digest for the page, not one per record.
  const listing = digest(scope);
  const edges = items.map((node, index) => ({ cursor: encodeCursor(window.offset + index, listing), node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: window.offset + items.length < total,
      hasPreviousPage: window.offset > 0,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges.at(-1)?.cursor ?? null,
    },
    totalCount: total,
  };
}

/** Validates, reads and answers one connection: the whole of a connection field's resolver. */
export async function resolveConnection<T>(
  args: { first?: number | null; after?: string | null },
  scope: ListingScope,
  readPage: (pageNum: number, pageSize: number) => Promise<Page<T>>,
): Promise<Connection<T>> {
  const window = pageWindow(args, scope);
  const { items, total } = await readWindow(window, readPage);
  return toConnection(items, window, total, scope);
}
