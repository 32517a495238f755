import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, findBreakingChanges, findDangerousChanges, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allPartitionsByStatus, execute, fetchPartition, fetchSourceOverview, summarisePartitions } from '../../examples/client.js';
import { PartitionsByStatusDocument, type PartitionsByStatusQueryVariables } from '../../examples/generated/graphql.js';
import { schema } from '../../src/schema/index.js';
import { type Harness, startHarness } from '../support/harness.js';

const ROOT = new URL('../..', import.meta.url);
const publishedSchema = () => buildSchema(readFileSync(new URL('schema.graphql', ROOT), 'utf8'));

describe('schema-driven codegen', () => {
  it('generates exactly the committed typed documents (run `npm run codegen`)', async () => {
    const target = await mkdtemp(join(tmpdir(), 'mms-codegen-'));
    // The generator runs in its own Node process, as `npm run codegen` does: inside the test
    // runner, graphql's CommonJS and ESM builds would both load and change its output.
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'test/support/generate-typed-documents.ts', target], {
      cwd: fileURLToPath(ROOT),
      encoding: 'utf8',
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const committed = fileURLToPath(new URL('examples/generated', ROOT));
    expect((await readdir(target)).sort()).toEqual((await readdir(committed)).sort());
    for (const file of await readdir(target)) {
      expect(await readFile(join(target, file), 'utf8'), file).toBe(await readFile(join(committed, file), 'utf8'));
    }
  });

  describe('the typed example client against the running gateway', () => {
    let harness: Harness;
    beforeAll(async () => {
      harness = await startHarness();
    });
    afterAll(() => harness.close());

    it('reads the published example with the generated types', async () => {
      const partition = await fetchPartition(`${harness.url}/graphql`, '200018', '2323');
      expect(typeof partition?.size).toBe('number');
      expect(partition).toMatchObject({
        id: '2323',
        size: 12323,
        status: 'DONE',
        source: { name: 'demo' },
        destination: { projectName: 'mms_test' },
      });
    });

    it('sums sizes beyond 2^32 as numbers and counts statuses', async () => {
      const summary = await summarisePartitions(`${harness.url}/graphql`, [
        { sourceId: '200019', partitionId: '3001' },
        { sourceId: '200019', partitionId: '3002' },
        { sourceId: '200019', partitionId: '3003' },
        { sourceId: '200018', partitionId: '1' },
      ]);
      expect(summary.partitions).toHaveLength(3);
      expect(summary.totalBytes).toBe(2_500_000_001 + 2048 + 5_000_000_000);
      expect(summary.byStatus).toEqual({ DOING: 1, DONE: 1, FAILED: 1 });
      expect(summary.unreadable).toBe(1);
    });

    it('reads the source overview: the demo data sources, their progress and a first page of their tables', async () => {
      harness.emulator.reset();
      const sources = await fetchSourceOverview(`${harness.url}/graphql`, { first: 10, tablesFirst: 5 });
      expect(sources.totalCount).toBe(7);
      expect(sources.pageInfo.hasNextPage).toBe(false);
      expect(sources.edges.map(({ node }) => node.name)).toEqual([
        'demo',
        'hive_prod',
        'bigquery_analytics',
        'mc_archive',
        'hive_staging',
        'mc_backup',
        'hive_dev',
      ]);
      const hive = sources.edges.find(({ node }) => node.name === 'hive_prod')?.node;
      expect(hive).toMatchObject({ id: '200019', type: 'HIVE', status: 'STARTED', region: 'cn-hangzhou' });
      expect(sources.edges.find(({ node }) => node.id === '200020')?.node.type).toBe('BIGQUERY');
      // Six tables, five on the first page, in ID order.
      expect(hive?.tables.totalCount).toBe(6);
      expect(hive?.tables.edges.map(({ node }) => node.name)).toEqual(['orders', 'clicks', 'page_views', 'customers', 'orders_tmp']);
      const pageViews = hive?.tables.edges.find(({ node }) => node.id === '73')?.node;
      expect(pageViews).toMatchObject({ name: 'page_views', dbName: 'sales', hasPartitions: true, status: 'FAILED' });
      expect(pageViews?.progress.partitions).toMatchObject({ total: 250, done: 146, doing: 20, failed: 6 });
      // The source's counters are its tables' (all six on a page of 20).
      const everyTable = await fetchSourceOverview(`${harness.url}/graphql`, { first: 2 });
      const hiveTables = everyTable.edges[1]?.node.tables.edges.map(({ node }) => node.progress.partitions?.total ?? 0) ?? [];
      expect(hiveTables.reduce((sum, total) => sum + total, 0)).toBe(hive?.progress.partitions?.total);
      expect(everyTable.edges).toHaveLength(2);
      expect(everyTable.pageInfo.hasNextPage).toBe(true);
      // One listing of the sources and one of each source's tables, per request: far below the estimate's 22.
      expect(harness.emulator.stats().perAction).toEqual({ ListMmsDataSources: 2, ListMmsTables: 7 + 2 });
    });

    it("pages through a table's partitions filtered by status", async () => {
      const endpoint = `${harness.url}/graphql`;
      const page = (variables: Omit<PartitionsByStatusQueryVariables, 'sourceId' | 'tableId'>) =>
        execute(endpoint, PartitionsByStatusDocument, { sourceId: '200019', tableId: '73', ...variables });
      // page_views fails every 37th partition: 6 of its 250.
      const failedIds = ['8037', '8074', '8111', '8148', '8185', '8222'];
      const all = await page({ status: ['FAILED'], first: 100 });
      expect(all.errors).toBeUndefined();
      const table = all.data?.mmsTable;
      expect(table).toMatchObject({ name: 'page_views', source: { id: '200019', name: 'hive_prod' } });
      expect(table?.partitions.totalCount).toBe(table?.partitions.edges.length);
      expect(table?.partitions.edges.map(({ node }) => node.id)).toEqual(failedIds);
      expect(table?.partitions.edges.every(({ node }) => node.status === 'FAILED' && node.tableName === 'page_views')).toBe(true);
      expect(table?.partitions.pageInfo.hasNextPage).toBe(false);
      expect(table?.partitions.edges[0]?.node).toMatchObject({
        value: 'dt=2024-11-02/hour=12',
        spec: [
          { column: 'dt', value: '2024-11-02' },
          { column: 'hour', value: '12' },
        ],
      });

      const first = (await page({ status: ['FAILED'], first: 4 })).data?.mmsTable?.partitions;
      expect(first?.totalCount).toBe(6);
      expect(first?.edges.map(({ node }) => node.id)).toEqual(failedIds.slice(0, 4));
      expect(first?.pageInfo).toMatchObject({ hasNextPage: true, endCursor: first?.edges[3]?.cursor });
      const second = (await page({ status: ['FAILED'], first: 4, after: first?.pageInfo.endCursor })).data?.mmsTable?.partitions;
      expect(second?.edges.map(({ node }) => node.id)).toEqual(failedIds.slice(4));
      expect(second?.pageInfo.hasNextPage).toBe(false);

      // Several statuses are any of them; none given is every partition.
      expect((await page({ status: ['FAILED', 'DOING'], first: 1 })).data?.mmsTable?.partitions.totalCount).toBe(26);
      expect((await page({ status: null, first: 1 })).data?.mmsTable?.partitions.totalCount).toBe(250);

      // The client's pager reads the same rows as one big page, in pages of 5.
      const paged = await allPartitionsByStatus(endpoint, '200019', '73', ['FAILED', 'DOING'], 5);
      expect(paged.pages).toBe(6);
      expect(paged.partitions).toHaveLength(26);
      expect(new Set(paged.partitions.map(({ id }) => id)).size).toBe(26);
      expect(paged.partitions.filter(({ status }) => status === 'FAILED').map(({ id }) => id)).toEqual(failedIds);
    });
  });
});

function breakingChanges(before: GraphQLSchema, after: GraphQLSchema): string[] {
  return [...findBreakingChanges(before, after), ...findDangerousChanges(before, after)].map(
    (change) => `${change.type}: ${change.description}`,
  );
}

describe('schema compatibility policy', () => {
  it('the code makes no breaking or dangerous change to the published schema.graphql', () => {
    // A break is allowed only together with an updated schema.graphql (npm run print-schema),
    // which makes it visible in review; this test then compares equal again.
    expect(breakingChanges(publishedSchema(), schema)).toEqual([]);
  });

  it('detects what would break clients: a removed field, a changed type, a required input', () => {
    const published = publishedSchema();
    const changed = buildSchema(
      readFileSync(new URL('schema.graphql', ROOT), 'utf8')
        .replace(/"{3}[\s\S]*?"{3}/g, '')
        // MmsPartition's own fields: the first type printed with them after it.
        .replace(/(type MmsPartition \{[^}]*?)\n\s*numRows: SafeInt\n/, '$1\n')
        .replace(/(type MmsPartition \{[^}]*?\n\s*)size: SafeInt\n/, '$1size: String\n')
        .replace(/^(input MmsPartitionKey \{)/m, '$1\n  region: String!'),
    );
    const found = breakingChanges(published, changed).join('\n');
    expect(found).toContain('MmsPartition.numRows was removed');
    expect(found).toContain('MmsPartition.size changed type');
    expect(found).toContain('A required field region on input type MmsPartitionKey was added');
  });
});
