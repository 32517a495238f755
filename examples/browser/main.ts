import { type MmsPartitionKey, PartitionsDocument, type PartitionsQuery } from '../generated/graphql.js';

// A small dashboard: one mmsPartitions query for a list of partitions, sent as an automatic
// persisted query by GET (the hash only, once the gateway knows it), shown as a table.
// Open it with ?gateway=http://127.0.0.1:4000/graphql (the default).

const gateway = new URLSearchParams(location.search).get('gateway') ?? 'http://127.0.0.1:4000/graphql';
const KEYS: MmsPartitionKey[] = [
  { sourceId: '200018', partitionId: '2323' },
  ...['3001', '3002', '3003', '3004', '3101', '3102'].map((partitionId) => ({ sourceId: '200019', partitionId })),
  ...['4001', '4002'].map((partitionId) => ({ sourceId: '200020', partitionId })),
];

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** GET with the persisted-query hash; on PersistedQueryNotFound, once more with the query. */
async function persistedQuery<TResult>(
  query: string,
  variables: object,
): Promise<{ data?: TResult | null; errors?: { message: string }[] }> {
  const extensions = JSON.stringify({ persistedQuery: { version: 1, sha256Hash: await sha256(query) } });
  const send = async (withQuery: boolean) => {
    const params = new URLSearchParams({ variables: JSON.stringify(variables), extensions });
    if (withQuery) params.set('query', query);
    // The custom header makes the request non-simple (CORS preflight), as CSRF prevention requires.
    const response = await fetch(`${gateway}?${params}`, { headers: { 'x-graphql-yoga-csrf': '1', accept: 'application/json' } });
    return (await response.json()) as { data?: TResult | null; errors?: { message: string; extensions?: { code?: string } }[] };
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

async function main(): Promise<void> {
  const summary = document.getElementById('summary') as HTMLElement;
  const rows = document.getElementById('rows') as HTMLElement;
  try {
    const { data, errors } = await persistedQuery<PartitionsQuery>(PartitionsDocument.toString(), { keys: KEYS });
    const partitions = (data?.mmsPartitions ?? []).filter((partition) => partition !== null);
    const counts = new Map<string, number>();
    for (const partition of partitions) {
      const status = partition.status ?? 'UNKNOWN';
      counts.set(status, (counts.get(status) ?? 0) + 1);
      const tr = document.createElement('tr');
      const badge = cell('', '');
      const span = document.createElement('span');
      span.className = `badge ${status}`;
      span.textContent = status;
      badge.append(span);
      tr.append(
        cell(partition.tableName ?? '—'),
        cell(partition.spec.map(({ column, value }) => `${column}=${value}`).join(', ')),
        cell(humanBytes(partition.size ?? null), 'number'),
        cell(partition.numRows == null ? '—' : partition.numRows.toLocaleString('en'), 'number'),
        badge,
      );
      rows.append(tr);
    }
    summary.textContent =
      [...counts].map(([status, n]) => `${n} ${status}`).join(', ') + (errors?.length ? ` (${errors.length} unreadable)` : '');
  } catch (error) {
    summary.className = 'error';
    summary.textContent = `The gateway could not be reached: ${error instanceof Error ? error.message : String(error)}`;
  }
}

void main();
