import { type CallParams, pathParameterNames, type QueryValue, type UpstreamAction } from '../upstream/action.js';
import { MMS_ACTIONS } from '../upstream/actions/index.js';
import { partitionKey } from './data.js';
import {
  getDataSource,
  getDb,
  getJob,
  getTable,
  getTask,
  type InventoryStore,
  type JobClock,
  listDataSources,
  listDbs,
  listJobs,
  listPartitions,
  listTables,
  listTaskLogs,
  listTasks,
  retryJob,
  startJob,
  stopJob,
} from './inventory.js';

// The emulator's routes, built from the gateway's own action descriptions: the method, the
// path templates and the query parameters' wire forms cannot drift between the two.

/** A route: an action, the pattern of its path, and what it answers from the store (null: 404). */
export interface Route {
  action: UpstreamAction<unknown>;
  pattern: RegExp;
  names: readonly string[];
  /** `clock`: the request's time and the step interval, for the actions that start or move jobs. */
  answer(store: InventoryStore, path: Readonly<Record<string, string>>, query: Record<string, QueryValue>, clock: JobClock): unknown;
}

type Answer = Route['answer'];

// The inventory's functions canonicalise the path IDs themselves (the server answers only decimal ones).
const ANSWERS: Readonly<Record<string, Answer>> = {
  ListMmsDataSources: (store, _path, query) => listDataSources(store, query),
  GetMmsDataSource: (store, path, query) => getDataSource(store, path.sourceId ?? '', query),
  ListMmsDbs: (store, path, query) => listDbs(store, path.sourceId ?? '', query),
  GetMmsDb: (store, path) => getDb(store, path.sourceId ?? '', path.dbId ?? ''),
  ListMmsTables: (store, path, query) => listTables(store, path.sourceId ?? '', query),
  GetMmsTable: (store, path) => getTable(store, path.sourceId ?? '', path.tableId ?? ''),
  ListMmsPartitions: (store, path, query) => listPartitions(store, path.sourceId ?? '', query),
  GetMmsPartition: (store, path) => store.partitions.get(partitionKey(BigInt(path.sourceId ?? ''), BigInt(path.partitionId ?? ''))) ?? null,
  ListMmsJobs: (store, path, query) => listJobs(store, path.sourceId ?? '', query),
  GetMmsJob: (store, path) => getJob(store, path.sourceId ?? '', path.jobId ?? ''),
  ListMmsTasks: (store, path, query) => listTasks(store, path.sourceId ?? '', query),
  GetMmsTask: (store, path) => getTask(store, path.sourceId ?? '', path.taskId ?? ''),
  ListMmsTaskLogs: (store, path) => listTaskLogs(store, path.sourceId ?? '', path.taskId ?? ''),
  StartMmsJob: (store, path, _query, clock) => startJob(store, path.sourceId ?? '', path.jobId ?? '', clock),
  StopMmsJob: (store, path, _query, clock) => stopJob(store, path.sourceId ?? '', path.jobId ?? '', clock),
  RetryMmsJob: (store, path, _query, clock) => retryJob(store, path.sourceId ?? '', path.jobId ?? '', clock),
};

function routeOf(action: UpstreamAction<unknown>): Route {
  const answer = ANSWERS[action.name];
  if (!answer) throw new Error(`the emulator has no answer for ${action.name}`);
  const pattern = new RegExp(`^${action.path.replace(/\{\w+\}/g, '([^/]+)')}$`);
  return { action, pattern, names: pathParameterNames(action), answer };
}

export const ROUTES: readonly Route[] = MMS_ACTIONS.map(routeOf);

/**
 * The route and path parameters of a request: the action with that method and path;
 * `wrong-method` when actions have the path but none the method (`POST /jobs/{jobId}` is
 * DeleteMmsJob, not served); null when no action has the path.
 */
export function matchRoute(method: string, rawPath: string): { route: Route; path: CallParams['path'] } | 'wrong-method' | null {
  let pathKnown = false;
  for (const route of ROUTES) {
    const match = route.pattern.exec(rawPath);
    if (!match) continue;
    pathKnown = true;
    if (route.action.method !== method) continue;
    const path: Record<string, string> = {};
    route.names.forEach((name, index) => {
      path[name] = decodeURIComponent(match[index + 1] ?? '');
    });
    return { route, path };
  }
  return pathKnown ? 'wrong-method' : null;
}
