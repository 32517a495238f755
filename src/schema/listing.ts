import type { GatewayContext } from '../context.js';
import type { CallParams, ListAction, QueryValue } from '../upstream/action.js';
import type { Page } from '../upstream/json.js';
import { builder } from './builder.js';
import { badUserInput } from './errors.js';
import { toId } from './ids.js';
import { MmsOrderDirection } from './order-direction.js';
import { type Connection, DEFAULT_PAGE_SIZE, type ListingScope, MAX_PAGE_SIZE, resolveConnection } from './paging.js';
import { loaded } from './refs.js';

// What every inventory connection shares: its arguments' checks, its cost, and its read of
// one List action, filtered, ordered and paged as the reference's query parameters say.

/** The upstream reads a connection may cost: at most two List calls, each item's nested reads times its size. */
export function connectionComplexity(args: { first?: number | null }): { field: number; multiplier: number } {
  return { field: 2, multiplier: Math.min(MAX_PAGE_SIZE, Math.max(1, args.first ?? DEFAULT_PAGE_SIZE)) };
}

/** A filter's ID, canonical, or BAD_USER_INPUT (before any call). */
export function filterId(value: string | null | undefined, name: string): string | undefined {
  return value === null || value === undefined ? undefined : toId(value, `filter.${name}`);
}

const API_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;

/** A filter's time bound, as the API writes times (`YYYY-MM-DD HH:mm:ss`), or BAD_USER_INPUT. */
export function filterTime(value: string | null | undefined, name: string): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (!API_TIME.test(value)) throw badUserInput(`filter.${name} must be a time written YYYY-MM-DD HH:mm:ss.`, `filter.${name}`);
  return value;
}

/** The connection arguments every inventory listing takes, besides its filter and order. */
export const pageArgs = builder.args((t) => ({
  first: t.int({
    defaultValue: DEFAULT_PAGE_SIZE,
    description: `How many records, 1 to ${MAX_PAGE_SIZE}.`,
  }),
  after: t.string({ description: 'The `endCursor` of the page before: the page starts after it.' }),
}));

export interface ListingRequest {
  /** The listing's identity for its cursors: the connection, its parent, its filter and order. */
  scope: ListingScope;
  /** The call's path and query parameters, without the paging ones. */
  params: CallParams;
}

/**
 * Reads a connection of `action`: validated, paged, each listed record priming its own loader,
 * and each record turned into its node by `toNode` (a reference the record backs, say).
 */
export function listConnection<Item>(
  context: GatewayContext,
  action: ListAction<Item>,
  args: { first?: number | null; after?: string | null },
  request: ListingRequest,
): Promise<Connection<Item>>;
export function listConnection<Item, Node>(
  context: GatewayContext,
  action: ListAction<Item>,
  args: { first?: number | null; after?: string | null },
  request: ListingRequest,
  toNode: (item: Item) => Node,
): Promise<Connection<Node>>;
export async function listConnection<Item, Node>(
  context: GatewayContext,
  action: ListAction<Item>,
  args: { first?: number | null; after?: string | null },
  request: ListingRequest,
  toNode?: (item: Item) => Node,
): Promise<Connection<Item | Node>> {
  const connection = await resolveConnection(args, request.scope, (pageNum, pageSize): Promise<Page<Item>> => {
    const query: Record<string, QueryValue | undefined> = { ...request.params.query, pageNum, pageSize };
    return loaded(context.loaders.loadPage(action, { path: request.params.path, query }));
  });
  return toNode ? { ...connection, edges: connection.edges.map((edge) => ({ ...edge, node: toNode(edge.node) })) } : connection;
}

/** The empty connection of a listing that cannot match anything (its arguments are still checked). */
export function noListing<Node>(
  args: { first?: number | null; after?: string | null },
  request: ListingRequest,
): Promise<Connection<Node>> {
  return resolveConnection(args, request.scope, async () => ({ total: 0, items: [] }));
}

/** An order argument as the `sorter` parameter: one member, `asc` or `desc`. */
export function sorter(
  orderBy: { field: string; direction?: string | null } | null | undefined,
  members: Readonly<Record<string, string>>,
): Record<string, string> | undefined {
  if (!orderBy) return undefined;
  const member = members[orderBy.field];
  return member ? { [member]: orderBy.direction ?? 'asc' } : undefined;
}

/** A page of `noun` (Relay): edges of `type`'s records with their cursors, page info and the upstream's total. */
export function inventoryConnection<Type extends Parameters<typeof builder.connectionObject>[0]['type']>(
  type: Type,
  entity: string,
  noun: string,
) {
  return builder.connectionObject(
    {
      type,
      name: `${entity}Connection`,
      description: `A page of ${noun}.`,
      fields: (t) => ({
        totalCount: t.int({ description: `Matching ${noun} over all pages.`, resolve: (connection) => connection.totalCount }),
      }),
    },
    { name: `${entity}Edge`, description: 'One record of a page, with its cursor.' },
  );
}

/** The `orderBy` input of a listing of `noun`: one of `fields` (by its GraphQL name), ascending or descending. */
export function inventoryOrder(entity: string, noun: string, fields: Readonly<Record<string, string>>) {
  const field = builder.enumType(`${entity}OrderField`, {
    description: `What ${noun} can be ordered by.`,
    values: Object.fromEntries(Object.entries(fields).map(([name, description]) => [name, { value: name, description }])),
  });
  return builder.inputType(`${entity}Order`, {
    description: `The order of a list of ${noun} (ties by ID).`,
    fields: (t) => ({
      field: t.field({ type: field, required: true, description: 'What to order by.' }),
      direction: t.field({ type: MmsOrderDirection, defaultValue: 'asc', description: 'Ascending (the default) or descending.' }),
    }),
  });
}
