import { createClient } from 'graphql-ws';
import {
  type JobControlOutcomeFragment,
  JobPageDocument,
  type JobPageQuery,
  type MmsJobStatus,
  type MmsMigrationStatus,
  type MmsPartitionKey,
  type MmsTaskStatus,
  PartitionChangesDocument,
  type PartitionChangesSubscription,
  type PartitionRowFragment,
  PartitionsByStatusDocument,
  PartitionsDocument,
  RetryJobDocument,
  SourceJobsDocument,
  SourceOverviewDocument,
  type SourceOverviewQuery,
  StartJobDocument,
  type StatusCountsFragment,
  StopJobDocument,
  TaskLogDocument,
  type TaskLogQuery,
  type TypedDocumentString,
} from '../generated/graphql.js';

// A small dashboard and an inventory browser over the gateway. Every query is sent as an
// automatic persisted query by GET (the hash only, once the gateway knows it); the job control
// mutations go by POST, which is the only way the gateway takes them.
// Open it with ?gateway=http://127.0.0.1:4000/graphql (the default).
//
// Screens, one per location hash, so that reload and the browser's Back keep their place:
//   (none) or #dashboard                       the partitions dashboard
//   #sources                                   the data sources
//   #sources/<id>                              a source's tables
//   #sources/<id>/tables/<id>?status=&first=&after=&page=   a table's partitions, by status
//   #sources/<id>/jobs?status=&after=&page=    a source's migration jobs
//   #sources/<id>/jobs/<id>?after=&page=       a job, its tasks (each with its log) and its controls

const gateway = new URLSearchParams(location.search).get('gateway') ?? 'http://127.0.0.1:4000/graphql';
const KEYS: MmsPartitionKey[] = [
  { sourceId: '200018', partitionId: '2323' },
  ...['3001', '3002', '3003', '3004', '3101', '3102'].map((partitionId) => ({ sourceId: '200019', partitionId })),
  ...['4001', '4002'].map((partitionId) => ({ sourceId: '200020', partitionId })),
];
// Partitions are never PART_DONE.
const PARTITION_STATUSES: readonly MmsMigrationStatus[] = ['INIT', 'DOING', 'DONE', 'FAILED'];
const PAGE_SIZES = [5, 20, 50, 100];
const DEFAULT_PAGE_SIZE = 20;
// A source's tables come with the overview, so that one request fills both screens.
const OVERVIEW = { first: 20, tablesFirst: 20 };
const JOB_STATUSES: readonly MmsJobStatus[] = ['INIT', 'DOING', 'DONE', 'FAILED'];
const JOBS_PAGE_SIZE = 20;
const TASKS_PAGE_SIZE = 20;
/** How often a running job's page reads it again. */
const POLL_MS = 2000;
const API_KEY_STORAGE = 'mms-example.api-key';
/** The live feed's first pause before it connects again; it doubles on each failure up to the last. */
const LIVE_RETRY_FIRST_MS = 1000;
const LIVE_RETRY_MAX_MS = 30_000;

interface GraphQLError {
  message: string;
  path?: (string | number)[];
  /** A live event's error also names its key (`sourceId`, `partitionId`). */
  extensions?: { code?: string; sourceId?: unknown; partitionId?: unknown };
}

interface GraphQLAnswer<TResult> {
  data?: TResult | null;
  errors?: GraphQLError[];
}

/** The API key typed into the page, kept for the tab only (sessionStorage); null when none. */
let apiKey: string | null = readStoredKey();

function readStoredKey(): string | null {
  try {
    return sessionStorage.getItem(API_KEY_STORAGE) || null;
  } catch {
    // Storage turned off: the key lasts as long as the page.
    return null;
  }
}

function storeKey(key: string | null): void {
  try {
    if (key) sessionStorage.setItem(API_KEY_STORAGE, key);
    else sessionStorage.removeItem(API_KEY_STORAGE);
  } catch {
    // As above: nothing to keep it in.
  }
}

/** Headers of every request to the gateway: the CSRF header, and the API key when one is set. */
function gatewayHeaders(headers: Record<string, string>): Record<string, string> {
  // The custom header makes the request non-simple (CORS preflight), as CSRF prevention requires.
  return { ...headers, 'x-graphql-yoga-csrf': '1', ...(apiKey && { 'x-api-key': apiKey }) };
}

/** The answer's JSON, or an error naming the HTTP status when the body is not a GraphQL answer. */
async function readAnswer<TResult>(response: Response): Promise<GraphQLAnswer<TResult>> {
  const text = await response.text();
  try {
    return JSON.parse(text) as GraphQLAnswer<TResult>;
  } catch {
    return { errors: [{ message: `The gateway answered HTTP ${response.status} without a GraphQL answer.` }] };
  }
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/**
 * GET with the persisted-query hash; on PersistedQueryNotFound, once more with the query.
 * `cache` is the browser cache's mode: the default uses the answer's `Cache-Control`.
 */
async function persistedQuery<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  cache: RequestCache = 'default',
): Promise<GraphQLAnswer<TResult>> {
  const query = document.toString();
  const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: await sha256(query) } });
  const send = async (withQuery: boolean) => {
    const params = new URLSearchParams({ variables: JSON.stringify(variables), extensions });
    if (withQuery) params.set('query', query);
    const response = await fetch(`${gateway}?${params}`, { headers: gatewayHeaders({ accept: 'application/json' }), cache });
    return readAnswer<TResult>(response);
  };
  const first = await send(false);
  const unknown = first.errors?.some(
    (error) => error.message === 'PersistedQueryNotFound' || error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND',
  );
  return unknown ? send(true) : first;
}

/** A mutation, by POST: the gateway refuses mutations sent by GET. */
async function mutation<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
): Promise<GraphQLAnswer<TResult>> {
  const response = await fetch(gateway, {
    method: 'POST',
    headers: gatewayHeaders({ 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json' }),
    body: JSON.stringify({ query: document.toString(), variables }),
  });
  return readAnswer<TResult>(response);
}

/** The errors' messages, each once; null without errors. */
function errorText(errors: readonly GraphQLError[] | undefined): string | null {
  return errors?.length ? [...new Set(errors.map((error) => error.message))].join(' ') : null;
}

function humanBytes(bytes: number | null): string {
  if (bytes === null) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB', 'PB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return `${value.toFixed(unit === 0 ? 0 : 1)} ${units[unit]}`;
}

function cell(text: string, className?: string): HTMLTableCellElement {
  const td = document.createElement('td');
  td.textContent = text;
  if (className) td.className = className;
  return td;
}

function badge(status: string | null | undefined, tone: string = status ?? 'UNKNOWN'): HTMLSpanElement {
  const span = document.createElement('span');
  span.className = `badge ${tone}`;
  span.textContent = status ?? 'UNKNOWN';
  return span;
}

function badgeCell(status: string | null | undefined): HTMLTableCellElement {
  const td = cell('');
  td.append(badge(status));
  return td;
}

/** A task status in the colour of what it means: a step under way, done or failed. */
function taskBadge(status: MmsTaskStatus | null | undefined): HTMLSpanElement {
  if (!status) return badge(status);
  if (status === 'INIT' || status === 'DONE') return badge(status);
  if (status.endsWith('_FAILED')) return badge(status, 'FAILED');
  if (status.endsWith('_DOING')) return badge(status, 'DOING');
  return badge(status, 'STEP_DONE');
}

function link(text: string, hash: string): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = hash;
  a.textContent = text;
  return a;
}

function linkCell(text: string, hash: string | null): HTMLTableCellElement {
  const td = cell(hash ? '' : text);
  if (hash) td.append(link(text, hash));
  return td;
}

function headRow(...titles: string[]): HTMLTableRowElement {
  const tr = document.createElement('tr');
  for (const title of titles) {
    const th = document.createElement('th');
    th.textContent = title;
    tr.append(th);
  }
  return tr;
}

function partitionSpec(partition: PartitionRowFragment): string {
  return partition.spec.map(({ column, value }) => `${column}=${value}`).join(', ');
}

function rowCount(rows: number | null | undefined): string {
  return rows == null ? '—' : rows.toLocaleString('en');
}

/** `148/258 done · 22 doing · 7 failed`: the counters that are not zero. */
function progressText(counts: StatusCountsFragment | null | undefined): string {
  if (!counts || counts.total == null) return '—';
  const parts = [`${counts.done ?? 0}/${counts.total} done`];
  if (counts.doing) parts.push(`${counts.doing} doing`);
  if (counts.partDone) parts.push(`${counts.partDone} partly done`);
  if (counts.failed) parts.push(`${counts.failed} failed`);
  return parts.join(' · ');
}

function failure(error: unknown): string {
  return `The gateway could not be reached: ${error instanceof Error ? error.message : String(error)}`;
}

// Live status: the partitions a screen shows follow the PartitionChanges subscription over
// graphql-ws, one WebSocket that the client library opens again after it drops.

/** A partition's key as rows and events name it: `sourceId/partitionId`. */
function partitionKeyText(sourceId: string, partitionId: string): string {
  return `${sourceId}/${partitionId}`;
}

type LiveState = { kind: 'connecting' } | { kind: 'live' } | { kind: 'retrying'; inMs: number; reason: string };

interface LiveHandlers {
  onPartition(partition: PartitionRowFragment): void;
  /** A key the gateway could not read this time (it stays watched). */
  onUnreadable(key: string, message: string): void;
  onState(state: LiveState): void;
}

interface LiveFeed {
  stop(): void;
}

/** The pause before the `attempt`th try (from 1): doubling up to LIVE_RETRY_MAX_MS, ±20% so that pages cut off together do not all come back at once. */
function retryPause(attempt: number): number {
  const pause = Math.min(LIVE_RETRY_FIRST_MS * 2 ** (attempt - 1), LIVE_RETRY_MAX_MS);
  return Math.round(pause * (0.8 + Math.random() * 0.4));
}

function closeReason(event: unknown): string {
  if (event && typeof event === 'object' && 'code' in event) {
    const { code, reason } = event as { code: number; reason?: string };
    return reason ? `${reason} (${code})` : `connection closed (${code})`;
  }
  return event instanceof Error ? event.message : 'connection failed';
}

/**
 * Follows `keys` over graphql-ws until stopped: the current state of each first, then every
 * change. The client library reconnects after the socket drops, pausing longer each time; a
 * subscription the gateway ends (or refuses) is opened again after the same pauses.
 */
function followPartitions(keys: readonly MmsPartitionKey[], handlers: LiveHandlers): LiveFeed {
  let stopped = false;
  let failures = 0;
  let reason = 'the stream ended';
  let timer: ReturnType<typeof setTimeout> | undefined;
  let unsubscribe: (() => void) | undefined;
  const waitToRetry = (attempt: number) => {
    const inMs = retryPause(attempt);
    handlers.onState({ kind: 'retrying', inMs, reason });
    return inMs;
  };
  const client = createClient({
    url: gateway.replace(/^http/, 'ws'),
    // Browsers cannot set headers on a WebSocket: the key goes with the connection's parameters.
    connectionParams: () => (apiKey ? { 'x-api-key': apiKey } : {}),
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => !stopped,
    retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, waitToRetry(retries + 1))),
    on: {
      connecting: () => handlers.onState({ kind: 'connecting' }),
      closed: (event) => {
        reason = closeReason(event);
      },
      error: (error) => {
        reason = closeReason(error);
      },
    },
  });
  const subscribe = () => {
    unsubscribe = client.subscribe<PartitionChangesSubscription>(
      { query: PartitionChangesDocument.toString(), variables: { keys } },
      {
        next: ({ data, errors }) => {
          const partition = data?.mmsPartitionChanged;
          if (partition) handlers.onPartition(partition);
          for (const error of (errors ?? []) as readonly GraphQLError[]) {
            const { sourceId, partitionId } = error.extensions ?? {};
            if (sourceId !== undefined && partitionId !== undefined)
              handlers.onUnreadable(partitionKeyText(String(sourceId), String(partitionId)), error.message);
          }
          failures = 0;
          handlers.onState({ kind: 'live' });
        },
        error: (error) => {
          // Refused as a whole (a list of GraphQL errors), or the connection gave up.
          reason = Array.isArray(error) ? ((error as GraphQLError[])[0]?.message ?? reason) : closeReason(error);
          again();
        },
        complete: () => again(),
      },
    );
  };
  const again = () => {
    if (stopped) return;
    failures += 1;
    timer = setTimeout(subscribe, waitToRetry(failures));
  };
  subscribe();
  return {
    stop: () => {
      stopped = true;
      clearTimeout(timer);
      unsubscribe?.();
      void client.dispose();
    },
  };
}

const liveIndicator = document.getElementById('live') as HTMLElement;

/** The indicator beside the tabs: hidden while no screen follows live status. */
function showLiveState(state: LiveState | null): void {
  liveIndicator.hidden = state === null;
  if (!state) return;
  liveIndicator.dataset.state = state.kind;
  liveIndicator.removeAttribute('title');
  if (state.kind === 'connecting') liveIndicator.textContent = 'connecting…';
  else if (state.kind === 'live') liveIndicator.textContent = 'live';
  else {
    liveIndicator.textContent = `offline, retrying in ${Math.ceil(state.inMs / 1000)} s`;
    liveIndicator.title = state.reason;
  }
}

/** The feed of the screen on show, stopped whenever the screen changes. */
let liveFeed: LiveFeed | null = null;

function stopLive(): void {
  liveFeed?.stop();
  liveFeed = null;
  showLiveState(null);
}

/**
 * The rows of a partition table, by key, kept current by the live feed: `draw` fills a row from
 * its partition, `onChange` redraws what depends on the rows (the summary line).
 */
class PartitionRows {
  private readonly rows = new Map<string, { partition: PartitionRowFragment; tr: HTMLTableRowElement }>();
  private readonly unreadable = new Map<string, string>();
  private readonly body: HTMLElement;
  private readonly draw: (tr: HTMLTableRowElement, partition: PartitionRowFragment) => void;
  private readonly onChange: () => void;
  /** Every key the table may show, in the order its rows go. */
  private readonly keys: readonly MmsPartitionKey[];
  private readonly order: readonly string[];

  constructor(
    body: HTMLElement,
    keys: readonly MmsPartitionKey[],
    draw: (tr: HTMLTableRowElement, partition: PartitionRowFragment) => void,
    onChange: () => void,
  ) {
    this.body = body;
    this.keys = keys;
    this.order = keys.map((key) => partitionKeyText(key.sourceId, key.partitionId));
    this.draw = draw;
    this.onChange = onChange;
  }

  /** Shows `partition` as it is now: its row redrawn, or added in its place among the others. */
  set(partition: PartitionRowFragment): void {
    const key = partitionKeyText(partition.sourceId, partition.id);
    if (!this.order.includes(key)) return;
    this.unreadable.delete(key);
    let tr = this.rows.get(key)?.tr;
    if (!tr) {
      tr = document.createElement('tr');
      tr.dataset.partition = key;
      const later = this.order.slice(this.order.indexOf(key) + 1).find((other) => this.rows.has(other));
      this.body.insertBefore(tr, later ? (this.rows.get(later)?.tr ?? null) : null);
    }
    tr.classList.remove('stale');
    tr.removeAttribute('title');
    this.draw(tr, partition);
    this.rows.set(key, { partition, tr });
    this.onChange();
  }

  /** Marks a key unreadable: its row, if shown, stays with what it last said, greyed out. */
  setUnreadable(key: string, message: string): void {
    if (!this.order.includes(key)) return;
    this.unreadable.set(key, message);
    const tr = this.rows.get(key)?.tr;
    if (tr) {
      tr.classList.add('stale');
      tr.title = message;
    }
    this.onChange();
  }

  /** `3 DONE, 2 DOING`: the statuses of the readable rows, in the order they first appear. */
  statusCounts(): string {
    const counts = new Map<string, number>();
    for (const key of this.order) {
      const row = this.rows.get(key);
      if (!row || this.unreadable.has(key)) continue;
      const status = row.partition.status ?? 'UNKNOWN';
      counts.set(status, (counts.get(status) ?? 0) + 1);
    }
    return [...counts].map(([status, n]) => `${n} ${status}`).join(', ');
  }

  get unreadableCount(): number {
    return this.unreadable.size;
  }

  /** Keeps the rows current until the screen changes. */
  follow(): void {
    stopLive();
    if (!this.keys.length) return;
    liveFeed = followPartitions(this.keys, {
      onPartition: (partition) => this.set(partition),
      onUnreadable: (key, message) => this.setUnreadable(key, message),
      onState: showLiveState,
    });
  }
}

// The partitions dashboard: the first screen.

function drawDashboardRow(tr: HTMLTableRowElement, partition: PartitionRowFragment): void {
  tr.replaceChildren(
    cell(partition.tableName ?? '—'),
    cell(partitionSpec(partition)),
    cell(humanBytes(partition.size ?? null), 'number'),
    cell(rowCount(partition.numRows), 'number'),
    badgeCell(partition.status),
  );
}

/** Reads the dashboard's partitions: its rows, or null when there are none to follow (the summary says why). */
async function loadDashboard(): Promise<PartitionRows | null> {
  const summary = document.getElementById('summary') as HTMLElement;
  const body = document.getElementById('rows') as HTMLElement;
  try {
    const { data, errors } = await persistedQuery(PartitionsDocument, { keys: KEYS });
    if (!data) {
      summary.className = 'error';
      summary.textContent = errorText(errors) ?? 'No answer from the gateway.';
      return null;
    }
    const rows: PartitionRows = new PartitionRows(body, KEYS, drawDashboardRow, () => {
      const unreadable = rows.unreadableCount;
      summary.textContent = rows.statusCounts() + (unreadable ? ` (${unreadable} unreadable)` : '');
    });
    // The list is in key order, null where a key could not be read.
    data.mmsPartitions.forEach((partition, index) => {
      const key = KEYS[index];
      if (partition) rows.set(partition);
      else if (key) {
        const why = errors?.find((error) => error.path?.[1] === index)?.message ?? 'unreadable';
        rows.setUnreadable(partitionKeyText(key.sourceId, key.partitionId), why);
      }
    });
    return rows;
  } catch (error) {
    summary.className = 'error';
    summary.textContent = failure(error);
    return null;
  }
}

// The inventory: data sources → a source's tables → a table's partitions by status; and a
// source's migration jobs → a job's tasks and their logs.

type Route =
  | { view: 'dashboard' }
  | { view: 'sources' }
  | { view: 'tables'; sourceId: string }
  | {
      view: 'partitions';
      sourceId: string;
      tableId: string;
      statuses: MmsMigrationStatus[];
      first: number;
      after: string | null;
      /** Which page `after` leads to, counted from 1: only for showing the rows' positions. */
      page: number;
    }
  | { view: 'jobs'; sourceId: string; status: MmsJobStatus | null; after: string | null; page: number }
  | { view: 'job'; sourceId: string; jobId: string; after: string | null; page: number };
type PartitionsRoute = Extract<Route, { view: 'partitions' }>;
type JobsRoute = Extract<Route, { view: 'jobs' }>;
type JobRoute = Extract<Route, { view: 'job' }>;

function isPartitionStatus(value: string): value is MmsMigrationStatus {
  return (PARTITION_STATUSES as readonly string[]).includes(value);
}

function isJobStatus(value: string): value is MmsJobStatus {
  return (JOB_STATUSES as readonly string[]).includes(value);
}

/** `after` and the page it leads to (`page`), from a screen's parameters. */
function pagePosition(params: URLSearchParams): { after: string | null; page: number } {
  const after = params.get('after') || null;
  // A page reached by a cursor is at least the second.
  const page = Math.floor(Number(params.get('page')));
  return { after, page: after ? (Number.isInteger(page) && page > 1 ? page : 2) : 1 };
}

/** `?after=&page=` (and the other parameters given), or nothing for a first page without any. */
function pageQuery(route: { after: string | null; page: number }, params = new URLSearchParams()): string {
  if (route.after) {
    params.set('after', route.after);
    params.set('page', String(route.page));
  }
  const query = params.toString();
  return query ? `?${query}` : '';
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    // A hand-edited hash with a stray `%`: the gateway refuses the ID with its own message.
    return segment;
  }
}

function parseRoute(hash: string): Route {
  const text = hash.replace(/^#\/?/, '');
  const queryAt = text.indexOf('?');
  const path = queryAt < 0 ? text : text.slice(0, queryAt);
  const params = new URLSearchParams(queryAt < 0 ? '' : text.slice(queryAt + 1));
  const [root, sourceId, section, childId] = path.split('/').filter(Boolean).map(decodeSegment);
  if (root !== 'sources') return { view: 'dashboard' };
  if (!sourceId) return { view: 'sources' };
  if (section === 'jobs') {
    if (childId) return { view: 'job', sourceId, jobId: childId, ...pagePosition(params) };
    const status = params.get('status') ?? '';
    return { view: 'jobs', sourceId, status: isJobStatus(status) ? status : null, ...pagePosition(params) };
  }
  if (section !== 'tables' || !childId) return { view: 'tables', sourceId };
  const first = Number(params.get('first'));
  return {
    view: 'partitions',
    sourceId,
    tableId: childId,
    statuses: (params.get('status') ?? '').split(',').filter(isPartitionStatus),
    first: PAGE_SIZES.includes(first) ? first : DEFAULT_PAGE_SIZE,
    ...pagePosition(params),
  };
}

function routeHash(route: Route): string {
  switch (route.view) {
    case 'dashboard':
      return '#dashboard';
    case 'sources':
      return '#sources';
    case 'tables':
      return `#sources/${encodeURIComponent(route.sourceId)}`;
    case 'partitions': {
      const params = new URLSearchParams();
      if (route.statuses.length) params.set('status', route.statuses.join(','));
      if (route.first !== DEFAULT_PAGE_SIZE) params.set('first', String(route.first));
      return `#sources/${encodeURIComponent(route.sourceId)}/tables/${encodeURIComponent(route.tableId)}${pageQuery(route, params)}`;
    }
    case 'jobs': {
      const params = new URLSearchParams();
      if (route.status) params.set('status', route.status);
      return `#sources/${encodeURIComponent(route.sourceId)}/jobs${pageQuery(route, params)}`;
    }
    case 'job':
      return `#sources/${encodeURIComponent(route.sourceId)}/jobs/${encodeURIComponent(route.jobId)}${pageQuery(route)}`;
  }
}

const inventory = {
  section: document.getElementById('inventory') as HTMLElement,
  breadcrumbs: document.getElementById('breadcrumbs') as HTMLElement,
  title: document.getElementById('inventory-title') as HTMLElement,
  filter: document.getElementById('partition-filter') as HTMLFormElement,
  pageSize: document.getElementById('page-size') as HTMLSelectElement,
  summary: document.getElementById('inventory-summary') as HTMLElement,
  head: document.getElementById('inventory-head') as HTMLElement,
  rows: document.getElementById('inventory-rows') as HTMLElement,
  next: document.getElementById('next-page') as HTMLButtonElement,
  sourceLinks: document.getElementById('source-links') as HTMLElement,
  jobsLink: document.getElementById('jobs-link') as HTMLAnchorElement,
  jobFilter: document.getElementById('job-filter') as HTMLFormElement,
  jobStatus: document.getElementById('job-status') as HTMLSelectElement,
};
/** Where "Next page" leads, for the rows shown (partitions, jobs or tasks). */
let nextPageHash: string | null = null;
/** Counts navigations: an answer that arrives after the user moved on is dropped. */
let navigation = 0;

function setBreadcrumbs(...crumbs: [text: string, hash: string | null][]): void {
  inventory.breadcrumbs.replaceChildren();
  crumbs.forEach(([text, hash], index) => {
    if (index > 0) inventory.breadcrumbs.append(' › ');
    inventory.breadcrumbs.append(hash ? link(text, hash) : text);
  });
}

/** Clears the screen for `title` while its data loads. */
function startScreen(title: string, ...columns: string[]): void {
  inventory.title.textContent = title;
  inventory.summary.className = '';
  inventory.summary.textContent = 'Loading…';
  inventory.head.replaceChildren(headRow(...columns));
  inventory.rows.replaceChildren();
  inventory.next.hidden = true;
  nextPageHash = null;
  inventory.section.setAttribute('aria-busy', 'true');
}

function finishScreen(summary: string, isError = false): void {
  inventory.summary.className = isError ? 'error' : '';
  inventory.summary.textContent = summary;
  inventory.section.setAttribute('aria-busy', 'false');
}

/**
 * Offers "Next page" when the listing goes on, and says which of its rows are on screen:
 * `Jobs 21–40 of 57`, or `No jobs`, with the filter in parentheses when `which` is given.
 */
function pageLine<R extends PartitionsRoute | JobsRoute | JobRoute>(
  route: R,
  pageSize: number,
  listing: { edges: readonly unknown[]; totalCount: number; pageInfo: { hasNextPage: boolean; endCursor?: string | null } },
  rowsName: 'Partitions' | 'Jobs' | 'Tasks',
  which?: string,
): string {
  const { edges, totalCount, pageInfo } = listing;
  nextPageHash = null;
  inventory.next.hidden = true;
  if (pageInfo.hasNextPage && pageInfo.endCursor) {
    nextPageHash = routeHash({ ...route, after: pageInfo.endCursor, page: route.page + 1 });
    inventory.next.hidden = false;
  }
  const start = (route.page - 1) * pageSize + 1;
  const filter = which === undefined ? '' : ` (${which})`;
  return edges.length
    ? `${rowsName} ${start}–${start + edges.length - 1} of ${totalCount}${filter}`
    : `No ${rowsName.toLowerCase()}${filter}`;
}

/** The overview's data sources, or the message to show instead. */
async function loadOverview(): Promise<SourceOverviewQuery['mmsDataSources'] | string> {
  const { data, errors } = await persistedQuery(SourceOverviewDocument, OVERVIEW);
  return data?.mmsDataSources ?? errors?.[0]?.message ?? 'No answer from the gateway.';
}

async function showSources(current: number): Promise<void> {
  setBreadcrumbs(['Data sources', null]);
  startScreen('Data sources', 'Name', 'Type', 'Status', 'Region', 'Tables', 'Partitions');
  const sources = await loadOverview();
  if (current !== navigation) return;
  if (typeof sources === 'string') return finishScreen(sources, true);
  for (const { node: source } of sources.edges) {
    const tr = document.createElement('tr');
    tr.append(
      linkCell(source.name ?? source.id, routeHash({ view: 'tables', sourceId: source.id })),
      cell(source.type ?? '—'),
      cell(source.status ?? '—'),
      cell(source.region ?? '—'),
      cell(progressText(source.progress.tables)),
      cell(progressText(source.progress.partitions)),
    );
    inventory.rows.append(tr);
  }
  const more = sources.pageInfo.hasNextPage ? ` (the first ${sources.edges.length})` : '';
  finishScreen(`${sources.totalCount} data sources${more}`);
}

async function showTables(current: number, sourceId: string): Promise<void> {
  setBreadcrumbs(['Data sources', routeHash({ view: 'sources' })], [`source ${sourceId}`, null]);
  startScreen(`Data source ${sourceId}`, 'Table', 'Database', 'Status', 'Partitions');
  const sources = await loadOverview();
  if (current !== navigation) return;
  if (typeof sources === 'string') return finishScreen(sources, true);
  const source = sources.edges.find(({ node }) => node.id === sourceId)?.node;
  if (!source) return finishScreen(`Data source ${sourceId} is not among the first ${sources.edges.length} data sources.`, true);
  const name = source.name ?? source.id;
  setBreadcrumbs(['Data sources', routeHash({ view: 'sources' })], [name, null]);
  inventory.title.textContent = name;
  inventory.jobsLink.textContent = `Migration jobs of ${name}`;
  for (const { node: table } of source.tables.edges) {
    const partitions: PartitionsRoute = {
      view: 'partitions',
      sourceId,
      tableId: table.id,
      statuses: [],
      first: DEFAULT_PAGE_SIZE,
      after: null,
      page: 1,
    };
    const tr = document.createElement('tr');
    tr.append(
      // A table without partitions has nothing to page through.
      linkCell(table.name ?? table.id, table.hasPartitions === false ? null : routeHash(partitions)),
      cell(table.dbName ?? '—'),
      badgeCell(table.status),
      cell(table.hasPartitions === false ? 'not partitioned' : progressText(table.progress.partitions)),
    );
    inventory.rows.append(tr);
  }
  const shown = source.tables.edges.length;
  finishScreen(`${source.tables.totalCount} tables${shown < source.tables.totalCount ? ` (the first ${shown})` : ''}`);
}

async function showPartitions(current: number, route: PartitionsRoute): Promise<void> {
  const sources = routeHash({ view: 'sources' });
  setBreadcrumbs(
    ['Data sources', sources],
    [`source ${route.sourceId}`, routeHash({ view: 'tables', sourceId: route.sourceId })],
    [`table ${route.tableId}`, null],
  );
  startScreen(`Table ${route.tableId}`, 'Partition', 'Size', 'Rows', 'Status', 'Last DDL');
  for (const box of inventory.filter.querySelectorAll<HTMLInputElement>('input[name=status]')) {
    box.checked = route.statuses.includes(box.value as MmsMigrationStatus);
  }
  inventory.pageSize.value = String(route.first);
  const { data, errors } = await persistedQuery(PartitionsByStatusDocument, {
    sourceId: route.sourceId,
    tableId: route.tableId,
    // No status ticked: every status, rather than none.
    status: route.statuses.length ? route.statuses : null,
    first: route.first,
    after: route.after,
  });
  if (current !== navigation) return;
  const table = data?.mmsTable;
  if (!table) return finishScreen(errors?.[0]?.message ?? `Table ${route.tableId} was not found.`, true);
  const sourceName = table.source.name ?? table.source.id;
  const tableName = table.name ?? table.id;
  setBreadcrumbs(['Data sources', sources], [sourceName, routeHash({ view: 'tables', sourceId: route.sourceId })], [tableName, null]);
  inventory.title.textContent = table.dbName ? `${table.dbName}.${tableName}` : tableName;
  const { edges } = table.partitions;
  const which = route.statuses.length ? route.statuses.join(', ') : 'every status';
  const position = pageLine(route, route.first, table.partitions, 'Partitions', which);
  const keys = edges.map(({ node }) => ({ sourceId: node.sourceId, partitionId: node.id }));
  // The statuses of the rows on screen, as they are now: a row may have moved on since the page was filtered.
  const summaryLine = () => {
    const unreadable = rows.unreadableCount;
    const counts = [rows.statusCounts(), unreadable ? `${unreadable} unreadable` : ''].filter(Boolean).join(', ');
    return counts ? `${position}: ${counts}` : position;
  };
  const rows = new PartitionRows(inventory.rows, keys, drawPartitionRow, () => {
    if (current === navigation) inventory.summary.textContent = summaryLine();
  });
  for (const { node: partition } of edges) rows.set(partition);
  finishScreen(summaryLine());
  rows.follow();
}

function drawPartitionRow(tr: HTMLTableRowElement, partition: PartitionRowFragment): void {
  tr.replaceChildren(
    cell(partitionSpec(partition)),
    cell(humanBytes(partition.size ?? null), 'number'),
    cell(rowCount(partition.numRows), 'number'),
    badgeCell(partition.status),
    cell(partition.lastDdlTime ?? '—'),
  );
}

// Migration jobs: a source's jobs, then one job with its tasks, each task's log, and the job's
// controls (Retry, Stop, Start) for a caller the gateway lets control jobs.

type JobPageJob = NonNullable<JobPageQuery['mmsJob']>;
type JobPageTask = JobPageJob['tasks']['edges'][number]['node'];
type TaskLogEntries = NonNullable<TaskLogQuery['mmsTask']>['logs'];
type ControlKind = 'retry' | 'stop' | 'start';

interface JobKey {
  sourceId: string;
  jobId: string;
}

interface ControlAnswer {
  /** Null when the call was refused or failed (the errors say why). */
  outcome: JobControlOutcomeFragment | null;
  errors: GraphQLError[];
}

interface JobControl {
  button: HTMLButtonElement;
  /** The status line while the call is under way. */
  sending: string;
  /** The status line's start once the call went through. */
  sent: string;
  send(key: JobKey): Promise<ControlAnswer>;
}

/** A control's call: `document` for the job, its outcome picked from the answer's data. */
function sender<TResult>(
  document: TypedDocumentString<TResult, JobKey>,
  pick: (data: TResult) => JobControlOutcomeFragment | null | undefined,
): (key: JobKey) => Promise<ControlAnswer> {
  return async (key) => {
    const { data, errors } = await mutation(document, key);
    return { outcome: data ? (pick(data) ?? null) : null, errors: errors ?? [] };
  };
}

const CONTROL_KINDS: readonly ControlKind[] = ['retry', 'stop', 'start'];
const CONTROLS: Record<ControlKind, JobControl> = {
  retry: {
    button: document.getElementById('job-retry') as HTMLButtonElement,
    sending: 'Retrying the failed tasks…',
    sent: 'Retry sent',
    send: sender(RetryJobDocument, (data) => data.retryMmsJob),
  },
  stop: {
    button: document.getElementById('job-stop') as HTMLButtonElement,
    sending: 'Stopping the job…',
    sent: 'Stop sent',
    send: sender(StopJobDocument, (data) => data.stopMmsJob),
  },
  start: {
    button: document.getElementById('job-start') as HTMLButtonElement,
    sending: 'Starting the job…',
    sent: 'Start sent',
    send: sender(StartJobDocument, (data) => data.startMmsJob),
  },
};

const jobPanel = {
  section: document.getElementById('job-panel') as HTMLElement,
  facts: document.getElementById('job-facts') as HTMLElement,
  status: document.getElementById('control-status') as HTMLElement,
};

/** The job page on screen: what its controls and refreshes act on. */
let shownJob: { current: number; route: JobRoute } | null = null;
/** Counts the job page's loads: an answer overtaken by a later load (a poll, a refresh) is dropped. */
let jobLoads = 0;
let pollTimer: ReturnType<typeof setTimeout> | undefined;
/** The tasks whose log is open on the job page. */
const openLogs = new Set<string>();

/**
 * The controls a job offers, given whether the gateway says this caller may control jobs:
 * Retry for a failed job, Stop for a running one, Start for one never run or stopped.
 */
function jobControls(job: Pick<JobPageJob, 'status' | 'stopped'>, allowed: boolean): ControlKind[] {
  if (!allowed) return [];
  const kinds: ControlKind[] = [];
  if (job.status === 'FAILED') kinds.push('retry');
  if (job.status === 'DOING' && !job.stopped) kinds.push('stop');
  if (job.status === 'INIT' || job.stopped) kinds.push('start');
  return kinds;
}

function showControls(kinds: readonly ControlKind[]): void {
  for (const kind of CONTROL_KINDS) {
    CONTROLS[kind].button.hidden = !kinds.includes(kind);
    CONTROLS[kind].button.disabled = false;
  }
}

function setControlStatus(text: string, isError = false): void {
  jobPanel.status.className = isError ? 'error' : '';
  jobPanel.status.textContent = text;
}

function doneOfTotal(done: number | null | undefined, total: number | null | undefined): string {
  return total == null ? '—' : `${done ?? 0}/${total}`;
}

function yesNo(value: boolean | null | undefined): string {
  return value == null ? '—' : value ? 'yes' : 'no';
}

/** What a job was asked to migrate, in a line: `tables orders, clicks · orders → orders_v2 · row counts verified`. */
function configSummary(config: JobPageJob['config']): string {
  if (!config) return '—';
  const parts: string[] = [];
  if (config.tables.length) parts.push(`tables ${config.tables.join(', ')}`);
  if (config.tableAllowList.length) parts.push(`only ${config.tableAllowList.join(', ')}`);
  if (config.tableDenyList.length) parts.push(`all but ${config.tableDenyList.join(', ')}`);
  if (config.partitionIds.length) parts.push(`${config.partitionIds.length} partitions`);
  for (const { key, value } of config.tableMapping) parts.push(`${key} → ${value}`);
  for (const { key, value } of config.partitionFilters) parts.push(`${key} where ${value}`);
  if (config.incremental) parts.push('incremental');
  if (config.verification) parts.push('row counts verified');
  return parts.length ? parts.join(' · ') : 'every table';
}

function renderFacts(job: JobPageJob): void {
  const facts: [string, string | Node][] = [
    ['Status', job.stopped ? fragmentOf(badge(job.status), ' stopped') : badge(job.status)],
    ['Scope', job.type ?? '—'],
    ['Tasks done', doneOfTotal(job.tasksDone, job.taskCount)],
    ['From', `${job.sourceDatabaseName ?? '—'} (${job.source.name ?? job.source.id})`],
    ['To', job.destination ? [job.destination.projectName, job.destination.schemaName].filter(Boolean).join('.') : '—'],
    ['Migrates', configSummary(job.config)],
    ['ETA', job.eta ?? '—'],
    ['Created', job.createTime ?? '—'],
  ];
  jobPanel.facts.replaceChildren(
    ...facts.flatMap(([term, value]) => {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.append(value);
      return [dt, dd];
    }),
  );
}

function fragmentOf(...nodes: (string | Node)[]): DocumentFragment {
  const fragment = document.createDocumentFragment();
  fragment.append(...nodes);
  return fragment;
}

function logTable(entries: TaskLogEntries): HTMLElement {
  if (!entries.length) {
    const empty = document.createElement('p');
    empty.textContent = 'No log entries.';
    return empty;
  }
  const table = document.createElement('table');
  table.className = 'log';
  const head = document.createElement('thead');
  head.append(headRow('Time', 'Status', 'Action', 'Message'));
  const body = document.createElement('tbody');
  for (const entry of entries) {
    const tr = document.createElement('tr');
    if (entry.status?.endsWith('_FAILED')) tr.className = 'failed';
    const status = cell('');
    status.append(taskBadge(entry.status));
    const action = cell('');
    const code = document.createElement('code');
    code.textContent = entry.action ?? '';
    action.append(code);
    tr.append(cell(entry.createTime ?? '—'), status, action, cell(entry.message ?? ''));
    body.append(tr);
  }
  table.append(head, body);
  return table;
}

/**
 * Shows a task's log in a row under the task's: `detail`, when given, is the row shown before a
 * refresh, kept on screen until the new entries arrive.
 */
async function showLog(sourceId: string, taskRow: HTMLTableRowElement, taskId: string, detail?: HTMLTableRowElement): Promise<void> {
  const current = navigation;
  const row = detail ?? document.createElement('tr');
  let td = row.cells[0];
  if (!td) {
    row.className = 'task-log';
    row.dataset.logFor = taskId;
    td = document.createElement('td');
    td.colSpan = taskRow.cells.length;
    td.textContent = 'Loading the log…';
    row.append(td);
  }
  taskRow.after(row);
  const target = td;
  try {
    // Read past the browser's cache: a running task's log grows.
    const { data, errors } = await persistedQuery(TaskLogDocument, { sourceId, taskId }, 'no-cache');
    if (current !== navigation || !row.isConnected) return;
    const task = data?.mmsTask;
    const problem = errorText(errors);
    target.className = problem ? 'error' : '';
    if (!task) {
      target.textContent = problem ?? `Task ${taskId} was not found.`;
      return;
    }
    target.replaceChildren(logTable(task.logs), ...(problem ? [problem] : []));
  } catch (error) {
    if (!row.isConnected) return;
    target.className = 'error';
    target.textContent = failure(error);
  }
}

function taskRow(sourceId: string, task: JobPageTask): HTMLTableRowElement {
  const tr = document.createElement('tr');
  tr.className = 'task';
  tr.dataset.task = task.id;
  const status = cell('');
  status.append(taskBadge(task.status));
  const toggle = document.createElement('button');
  toggle.type = 'button';
  toggle.className = 'log-toggle';
  const setOpen = (open: boolean) => {
    toggle.textContent = open ? 'Hide log' : 'Show log';
    toggle.setAttribute('aria-expanded', String(open));
  };
  setOpen(openLogs.has(task.id));
  toggle.addEventListener('click', () => {
    if (openLogs.delete(task.id)) {
      const detail = tr.nextElementSibling;
      if (detail?.matches('.task-log')) detail.remove();
      setOpen(false);
      return;
    }
    openLogs.add(task.id);
    setOpen(true);
    void showLog(sourceId, tr, task.id);
  });
  const log = cell('');
  log.append(toggle);
  tr.append(
    cell(task.id),
    cell(task.table?.name ?? '—'),
    status,
    cell(task.running ? 'yes' : task.stopped ? 'stopped' : yesNo(task.running)),
    cell(task.retriedTimes == null ? '—' : String(task.retriedTimes), 'number'),
    cell(task.startTime ?? '—'),
    cell(task.endTime ?? '—'),
    log,
  );
  return tr;
}

async function showJobs(current: number, route: JobsRoute): Promise<void> {
  const sources = routeHash({ view: 'sources' });
  const tables = routeHash({ view: 'tables', sourceId: route.sourceId });
  setBreadcrumbs(['Data sources', sources], [`source ${route.sourceId}`, tables], ['Migration jobs', null]);
  startScreen('Migration jobs', 'Job', 'Scope', 'Status', 'Tasks done', 'Stopped');
  inventory.jobStatus.value = route.status ?? '';
  // Past the browser's cache: job statuses are live, and what this caller may do depends on the
  // API key it sends, which the gateway's cacheable GET answers are not keyed by.
  const { data, errors } = await persistedQuery(
    SourceJobsDocument,
    { sourceId: route.sourceId, first: JOBS_PAGE_SIZE, after: route.after, status: route.status },
    'no-cache',
  );
  if (current !== navigation) return;
  const source = data?.mmsDataSource;
  if (!source) return finishScreen(errorText(errors) ?? `Data source ${route.sourceId} was not found.`, true);
  const name = source.name ?? source.id;
  setBreadcrumbs(['Data sources', sources], [name, tables], ['Migration jobs', null]);
  inventory.title.textContent = `Migration jobs of ${name}`;
  const { edges } = source.jobs;
  for (const { node: job } of edges) {
    const tr = document.createElement('tr');
    tr.append(
      linkCell(job.name ?? job.id, routeHash({ view: 'job', sourceId: route.sourceId, jobId: job.id, after: null, page: 1 })),
      cell(job.type ?? '—'),
      badgeCell(job.status),
      cell(doneOfTotal(job.tasksDone, job.taskCount), 'number'),
      cell(yesNo(job.stopped)),
    );
    inventory.rows.append(tr);
  }
  const shown = pageLine(route, JOBS_PAGE_SIZE, source.jobs, 'Jobs', route.status ?? 'every status');
  const control = data?.mmsCapabilities.jobControl ? '; this API key may start, stop and retry them' : '';
  const problem = errorText(errors);
  finishScreen(problem ? `${shown}${control}. ${problem}` : `${shown}${control}`, problem !== null);
}

/**
 * The job page. `cache` is the browser cache's mode for the read; `refresh` keeps what is on
 * screen until the answer arrives (a poll, or the read after a control call).
 */
async function showJob(current: number, route: JobRoute, cache: RequestCache, refresh = false): Promise<void> {
  clearTimeout(pollTimer);
  jobLoads += 1;
  const load = jobLoads;
  shownJob = { current, route };
  const sources = routeHash({ view: 'sources' });
  const tables = routeHash({ view: 'tables', sourceId: route.sourceId });
  const jobs = routeHash({ view: 'jobs', sourceId: route.sourceId, status: null, after: null, page: 1 });
  if (!refresh) {
    setBreadcrumbs(['Data sources', sources], [`source ${route.sourceId}`, tables], ['Migration jobs', jobs], [`job ${route.jobId}`, null]);
    startScreen(`Job ${route.jobId}`, 'Task', 'Table', 'Status', 'Running', 'Retries', 'Started', 'Ended', 'Log');
    jobPanel.facts.replaceChildren();
    showControls([]);
  }
  const { data, errors } = await persistedQuery(
    JobPageDocument,
    { sourceId: route.sourceId, jobId: route.jobId, tasksFirst: TASKS_PAGE_SIZE, tasksAfter: route.after },
    cache,
  );
  if (current !== navigation || load !== jobLoads) return;
  const job = data?.mmsJob;
  if (!job) {
    jobPanel.facts.replaceChildren();
    showControls([]);
    inventory.rows.replaceChildren();
    return finishScreen(errorText(errors) ?? `Job ${route.jobId} was not found.`, true);
  }
  const jobName = job.name ?? job.id;
  setBreadcrumbs(['Data sources', sources], [job.source.name ?? job.source.id, tables], ['Migration jobs', jobs], [jobName, null]);
  inventory.title.textContent = jobName;
  renderFacts(job);
  showControls(jobControls(job, data?.mmsCapabilities.jobControl === true));

  // Open logs stay open (and are read again) across refreshes.
  const openDetails = new Map(
    [...inventory.rows.querySelectorAll<HTMLTableRowElement>('tr.task-log')].map((row) => [row.dataset.logFor ?? '', row]),
  );
  const { edges } = job.tasks;
  const rows = edges.map(({ node: task }) => taskRow(route.sourceId, task));
  inventory.rows.replaceChildren(...rows);
  rows.forEach((row, index) => {
    const taskId = edges[index]?.node.id;
    if (taskId !== undefined && openLogs.has(taskId)) void showLog(route.sourceId, row, taskId, openDetails.get(taskId));
  });
  const shown = pageLine(route, TASKS_PAGE_SIZE, job.tasks, 'Tasks');
  const problem = errorText(errors);
  finishScreen(problem ? `${shown}. ${problem}` : shown, problem !== null);
  // A running job is read again now and then, while its page is open and the tab is visible.
  if (job.status === 'DOING' && !job.stopped) schedulePoll(current, route);
}

function refreshJob(current: number, route: JobRoute, cache: RequestCache): Promise<void> {
  return showJob(current, route, cache, true).catch((error: unknown) => {
    if (current === navigation) finishScreen(failure(error), true);
  });
}

function schedulePoll(current: number, route: JobRoute): void {
  clearTimeout(pollTimer);
  pollTimer = setTimeout(() => {
    if (current !== navigation) return;
    if (document.hidden) return schedulePoll(current, route);
    // The gateway's shared cache answers a poll while the job's record is fresh (a few seconds).
    void refreshJob(current, route, 'no-cache');
  }, POLL_MS);
}

/** Sends one control call for the job on screen, shows what it answered, then reads the page again. */
async function runControl(kind: ControlKind): Promise<void> {
  if (!shownJob || shownJob.current !== navigation) return;
  const { current, route } = shownJob;
  const control = CONTROLS[kind];
  clearTimeout(pollTimer);
  // One call per click: the buttons stay disabled until the page is read again.
  for (const other of CONTROL_KINDS) CONTROLS[other].button.disabled = true;
  setControlStatus(control.sending);
  let answer: ControlAnswer;
  try {
    answer = await control.send({ sourceId: route.sourceId, jobId: route.jobId });
  } catch (error) {
    if (current !== navigation) return;
    setControlStatus(failure(error), true);
    for (const other of CONTROL_KINDS) CONTROLS[other].button.disabled = false;
    return;
  }
  if (current !== navigation) return;
  const { outcome, errors } = answer;
  const job = outcome?.job;
  const said = job
    ? `right after it the job was ${job.status ?? 'UNKNOWN'}${job.stopped ? ' (stopped)' : ''}, ${doneOfTotal(job.tasksDone, job.taskCount)} tasks done`
    : null;
  const problem = errorText(errors);
  if (!outcome) {
    setControlStatus(problem ?? 'The gateway gave no answer.', true);
    for (const other of CONTROL_KINDS) CONTROLS[other].button.disabled = false;
    return;
  }
  const request = outcome.upstreamRequestId ? ` (upstream request ${outcome.upstreamRequestId})` : '';
  const text = `${control.sent}${request}${said ? `; ${said}` : ''}.`;
  setControlStatus(problem ? `${text} ${problem}` : text, problem !== null);
  // Past both caches (`Cache-Control: no-cache` reaches the gateway too): the job and its tasks just changed.
  await refreshJob(current, route, 'reload');
}

/** The dashboard's one read, started when it is first shown. */
let dashboardLoad: Promise<PartitionRows | null> | null = null;

async function show(route: Route): Promise<void> {
  navigation += 1;
  const current = navigation;
  clearTimeout(pollTimer);
  stopLive();
  shownJob = null;
  openLogs.clear();
  setControlStatus('');
  const onDashboard = route.view === 'dashboard';
  (document.getElementById('dashboard') as HTMLElement).hidden = !onDashboard;
  inventory.section.hidden = onDashboard;
  inventory.filter.hidden = route.view !== 'partitions';
  inventory.jobFilter.hidden = route.view !== 'jobs';
  jobPanel.section.hidden = route.view !== 'job';
  inventory.sourceLinks.hidden = route.view !== 'tables';
  if (route.view === 'tables') {
    inventory.jobsLink.href = routeHash({ view: 'jobs', sourceId: route.sourceId, status: null, after: null, page: 1 });
    inventory.jobsLink.textContent = 'Migration jobs';
  }
  for (const [id, active] of [
    ['tab-dashboard', onDashboard],
    ['tab-sources', !onDashboard],
  ] as const) {
    const tab = document.getElementById(id) as HTMLElement;
    if (active) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  try {
    switch (route.view) {
      case 'dashboard': {
        // Read once, when first shown (opening another screen directly asks nothing for it), then
        // followed live while on screen: the feed's first events bring back what changed meanwhile.
        dashboardLoad ??= loadDashboard();
        const rows = await dashboardLoad;
        if (current === navigation) rows?.follow();
        return;
      }
      case 'sources':
        return await showSources(current);
      case 'tables':
        return await showTables(current, route.sourceId);
      case 'partitions':
        return await showPartitions(current, route);
      case 'jobs':
        return await showJobs(current, route);
      case 'job':
        // Past the browser's cache, as for the jobs (see showJobs).
        return await showJob(current, route, 'no-cache');
    }
  } catch (error) {
    if (current === navigation) finishScreen(failure(error), true);
  }
}

/** A new status selection or page size starts again from the first page. */
inventory.filter.addEventListener('change', () => {
  const route = parseRoute(location.hash);
  if (route.view !== 'partitions') return;
  const statuses = [...inventory.filter.querySelectorAll<HTMLInputElement>('input[name=status]:checked')]
    .map((box) => box.value)
    .filter(isPartitionStatus);
  location.hash = routeHash({ ...route, statuses, first: Number(inventory.pageSize.value), after: null, page: 1 });
});
inventory.jobFilter.addEventListener('change', () => {
  const route = parseRoute(location.hash);
  if (route.view !== 'jobs') return;
  const status = inventory.jobStatus.value;
  location.hash = routeHash({ ...route, status: isJobStatus(status) ? status : null, after: null, page: 1 });
});
inventory.next.addEventListener('click', () => {
  if (nextPageHash) location.hash = nextPageHash;
});
for (const kind of CONTROL_KINDS) CONTROLS[kind].button.addEventListener('click', () => void runControl(kind));

// The API key, when the user gives one, goes with every request (a demo convenience: see README).
const keyForm = document.getElementById('api-key-form') as HTMLFormElement;
const keyField = document.getElementById('api-key') as HTMLInputElement;
keyField.value = apiKey ?? '';
function applyKey(): void {
  const typed = keyField.value.trim() || null;
  if (typed === apiKey) return;
  apiKey = typed;
  storeKey(typed);
  // What the caller may do depends on the key: the screen is read again with it.
  void show(parseRoute(location.hash));
}
keyField.addEventListener('change', applyKey);
keyForm.addEventListener('submit', (event) => {
  event.preventDefault();
  applyKey();
});
window.addEventListener('hashchange', () => void show(parseRoute(location.hash)));

void show(parseRoute(location.hash));
