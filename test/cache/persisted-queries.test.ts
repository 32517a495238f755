import { Client, fetchExchange } from '@urql/core';
import { persistedExchange } from '@urql/exchange-persisted';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../support/harness.js';

const QUERY = 'query DashboardRow { mmsPartition(sourceId: "200018", partitionId: "2323") { id tableName status } }';

interface Exchange {
  method: string;
  sentQuery: boolean;
  status: number;
  cacheControl: string | null;
}

describe('automatic persisted queries, with a real client (urql)', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ env: { MMS_CACHE: 'on' } });
  });
  afterAll(() => harness.close());

  /** A fresh urql client (no client-side cache between runs) that records what it sends. */
  function client(log: Exchange[]) {
    return new Client({
      url: `${harness.url}/graphql`,
      requestPolicy: 'network-only',
      preferGetMethod: 'within-url-limit',
      fetchOptions: { headers: { 'x-graphql-yoga-csrf': '1' } },
      fetch: async (input, init) => {
        const url = String(input);
        const response = await fetch(input, init);
        log.push({
          method: init?.method ?? 'GET',
          sentQuery: Boolean(new URL(url).searchParams.get('query')) || String(init?.body ?? '').includes('DashboardRow {'),
          status: response.status,
          cacheControl: response.headers.get('cache-control'),
        });
        return response;
      },
      exchanges: [persistedExchange({ preferGetForPersistedQueries: 'within-url-limit' }), fetchExchange],
    });
  }

  it('registers the query once, then sends only its hash by GET and gets a cacheable answer', async () => {
    const first: Exchange[] = [];
    const answer = await client(first).query(QUERY, {}).toPromise();
    expect(answer.error).toBeUndefined();
    expect(answer.data).toEqual({ mmsPartition: { id: '2323', tableName: 't1', status: 'DONE' } });
    // Hash only, refused as unknown; then the hash with its query.
    expect(first.map((e) => e.sentQuery)).toEqual([false, true]);

    const second: Exchange[] = [];
    const again = await client(second).query(QUERY, {}).toPromise();
    expect(again.data).toEqual(answer.data);
    expect(second).toHaveLength(1);
    expect(second[0]).toMatchObject({ method: 'GET', sentQuery: false, status: 200 });
    expect(second[0]?.cacheControl).toMatch(/^private, max-age=\d+$/);
    expect(Number(second[0]?.cacheControl?.split('=')[1])).toBeGreaterThan(0);
    expect(Number(second[0]?.cacheControl?.split('=')[1])).toBeLessThanOrEqual(60);
  });
});
