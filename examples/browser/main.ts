import {
  type MmsMigrationStatus,
  type MmsPartitionKey,
  type PartitionRowFragment,
  PartitionsByStatusDocument,
  PartitionsDocument,
  SourceOverviewDocument,
  type SourceOverviewQuery,
  type StatusCountsFragment,
  type TypedDocumentString,
} from '../generated/graphql.js';

// A small dashboard and an inventory browser over the gateway. Every query is sent as an
// automatic persisted query by GET (the hash only, once the gateway knows it).
// Open it with ?gateway=http://127.0.0.1:4000/graphql (the default).
//
// Screens, one per location hash, so that reload and the browser's Back keep their place:
//   (none) or #dashboard                       the partitions dashboard
//   #sources                                   the data sources
//   #sources/<id>                              a source's tables
//   #sources/<id>/tables/<id>?status=&first=&after=&page=   a table's partitions, by status

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

interface GraphQLError {
  message: string;
  extensions?: { code?: string };
}

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** GET with the persisted-query hash; on PersistedQueryNotFound, once more with the query. */
async function persistedQuery<TResult, TVariables>(
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
): Promise<{ data?: TResult | null; errors?: GraphQLError[] }> {
  const query = document.toString();
  const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: await sha256(query) } });
  const send = async (withQuery: boolean) => {
    const params = new URLSearchParams({ variables: JSON.stringify(variables), extensions });
    if (withQuery) params.set('query', query);
    // The custom header makes the request non-simple (CORS preflight), as CSRF prevention requires.
    const response = await fetch(`${gateway}?${params}`, { headers: { 'x-graphql-yoga-csrf': '1', accept: 'application/json' } });
    return (await response.json()) as { data?: TResult | null; errors?: GraphQLError[] };
  };
  const first = await send(false);
  const unknown = first.errors?.some(
    (error) => error.message === 'PersistedQueryNotFound' || error.extensions?.code === 'PERSISTED_QUERY_NOT_FOUND',
  );
  return unknown ? send(true) : first;
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

function badgeCell(status: string | null | undefined): HTMLTableCellElement {
  const td = cell('');
  const span = document.createElement('span');
  span.className = `badge ${status ?? 'UNKNOWN'}`;
  span.textContent = status ?? 'UNKNOWN';
  td.append(span);
  return td;
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

// The partitions dashboard: the first screen.

async function loadDashboard(): Promise<void> {
  const summary = document.getElementById('summary') as HTMLElement;
  const rows = document.getElementById('rows') as HTMLElement;
  try {
    const { data, errors } = await persistedQuery(PartitionsDocument, { keys: KEYS });
    const partitions = (data?.mmsPartitions ?? []).filter((partition) => partition !== null);
    const counts = new Map<string, number>();
    for (const partition of partitions) {
      const status = partition.status ?? 'UNKNOWN';
      counts.set(status, (counts.get(status) ?? 0) + 1);
      const tr = document.createElement('tr');
      tr.append(
        cell(partition.tableName ?? '—'),
        cell(partitionSpec(partition)),
        cell(humanBytes(partition.size ?? null), 'number'),
        cell(rowCount(partition.numRows), 'number'),
        badgeCell(status),
      );
      rows.append(tr);
    }
    summary.textContent =
      [...counts].map(([status, n]) => `${n} ${status}`).join(', ') + (errors?.length ? ` (${errors.length} unreadable)` : '');
  } catch (error) {
    summary.className = 'error';
    summary.textContent = failure(error);
  }
}

// The inventory: data sources → a source's tables → a table's partitions by status.

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
    };
type PartitionsRoute = Extract<Route, { view: 'partitions' }>;

function isPartitionStatus(value: string): value is MmsMigrationStatus {
  return (PARTITION_STATUSES as readonly string[]).includes(value);
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
  const [root, sourceId, tables, tableId] = path.split('/').filter(Boolean).map(decodeSegment);
  if (root !== 'sources') return { view: 'dashboard' };
  if (!sourceId) return { view: 'sources' };
  if (tables !== 'tables' || !tableId) return { view: 'tables', sourceId };
  const first = Number(params.get('first'));
  const after = params.get('after') || null;
  // A page reached by a cursor is at least the second.
  const page = Math.floor(Number(params.get('page')));
  const pageAfter = Number.isInteger(page) && page > 1 ? page : 2;
  return {
    view: 'partitions',
    sourceId,
    tableId,
    statuses: (params.get('status') ?? '').split(',').filter(isPartitionStatus),
    first: PAGE_SIZES.includes(first) ? first : DEFAULT_PAGE_SIZE,
    after,
    page: after ? pageAfter : 1,
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
      if (route.after) {
        params.set('after', route.after);
        params.set('page', String(route.page));
      }
      const query = params.toString();
      return `#sources/${encodeURIComponent(route.sourceId)}/tables/${encodeURIComponent(route.tableId)}${query ? `?${query}` : ''}`;
    }
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
};
/** Where "Next page" leads, for the partitions shown. */
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
  const { edges, totalCount, pageInfo } = table.partitions;
  for (const { node: partition } of edges) {
    const tr = document.createElement('tr');
    tr.append(
      cell(partitionSpec(partition)),
      cell(humanBytes(partition.size ?? null), 'number'),
      cell(rowCount(partition.numRows), 'number'),
      badgeCell(partition.status),
      cell(partition.lastDdlTime ?? '—'),
    );
    inventory.rows.append(tr);
  }
  if (pageInfo.hasNextPage && pageInfo.endCursor) {
    nextPageHash = routeHash({ ...route, after: pageInfo.endCursor, page: route.page + 1 });
    inventory.next.hidden = false;
  }
  const which = route.statuses.length ? route.statuses.join(', ') : 'every status';
  const start = (route.page - 1) * route.first + 1;
  finishScreen(edges.length ? `Partitions ${start}–${start + edges.length - 1} of ${totalCount} (${which})` : `No partitions (${which})`);
}

let dashboardLoaded = false;

async function show(route: Route): Promise<void> {
  navigation += 1;
  const current = navigation;
  const onDashboard = route.view === 'dashboard';
  (document.getElementById('dashboard') as HTMLElement).hidden = !onDashboard;
  inventory.section.hidden = onDashboard;
  inventory.filter.hidden = route.view !== 'partitions';
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
      case 'dashboard':
        // Loaded once, when first shown: opening another screen directly asks nothing for it.
        if (!dashboardLoaded) {
          dashboardLoaded = true;
          await loadDashboard();
        }
        return;
      case 'sources':
        return await showSources(current);
      case 'tables':
        return await showTables(current, route.sourceId);
      case 'partitions':
        return await showPartitions(current, route);
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
inventory.next.addEventListener('click', () => {
  if (nextPageHash) location.hash = nextPageHash;
});
window.addEventListener('hashchange', () => void show(parseRoute(location.hash)));

void show(parseRoute(location.hash));
