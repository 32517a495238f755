import { type CallParams, pathParameterNames, type QueryValue, type UpstreamAction } from '../upstream/action.js';
import { MMS_ACTIONS } from '../upstream/actions/index.js';
import { getDataSource, getDb, getTable, type InventoryStore, listDataSources, listDbs, listPartitions, listTables } from './inventory.js';

// The emulator's routes, built from the gateway's own action descriptions: the path templates
// and the query parameters' wire forms cannot drift between the two.

/** A route: an action, the pattern of its path, and what it answers from the store (null: 404). */
export interface Route {
  action: UpstreamAction<unknown>;
  pattern: RegExp;
  names: readonly string[];
  answer(store: InventoryStore, path: Readonly<Record<string, string>>, query: Record<string, QueryValue>): unknown;
}

type Answer = Route['answer'];

const ANSWERS: Readonly<Record<string, Answer>> = {
  ListMmsDataSources: (store, _path, query) => listDataSources(store, query),
  GetMmsDataSource: (store, path, query) => getDataSource(store, id(path.sourceId), query),
  ListMmsDbs: (store, path, query) => listDbs(store, id(path.sourceId), query),
  GetMmsDb: (store, path) => getDb(store, id(path.sourceId), id(path.dbId)),
  ListMmsTables: (store, path, query) => listTables(store, id(path.sourceId), query),
  GetMmsTable: (store, path) => getTable(store, id(path.sourceId), id(path.tableId)),
  ListMmsPartitions: (store, path, query) => listPartitions(store, id(path.sourceId), query),
  GetMmsPartition: (store, path) => store.partitions.get(`${id(path.sourceId)}/${id(path.partitionId)}`) ?? null,
};

// Path IDs are decimal; the canonical form drops leading zeros, as the service's 64-bit IDs do.
function id(value: string | undefined): string {
  return value !== undefined && /^\d+$/.test(value) ? BigInt(value).toString() : `invalid:${value}`;
}

function routeOf(action: UpstreamAction<unknown>): Route {
  const answer = ANSWERS[action.name];
  if (!answer) throw new Error(`the emulator has no answer for ${action.name}`);
  const pattern = new RegExp(`^${action.path.replace(/\{\w+\}/g, '([^/]+)')}$`);
  return { action, pattern, names: pathParameterNames(action), answer };
}

export const ROUTES: readonly Route[] = MMS_ACTIONS.map(routeOf);

/** The route and path parameters of a request path, or null when no action has that path. */
export function matchRoute(rawPath: string): { route: Route; path: CallParams['path'] } | null {
  for (const route of ROUTES) {
    const match = route.pattern.exec(rawPath);
    if (!match) continue;
    const path: Record<string, string> = {};
    route.names.forEach((name, index) => {
      path[name] = decodeURIComponent(match[index + 1] ?? '');
    });
    return { route, path };
  }
  return null;
}
