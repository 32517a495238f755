import { readFileSync } from 'node:fs';
import { printSubgraphSchema } from '@apollo/subgraph';
import { buildClientSchema, getIntrospectionQuery, type IntrospectionQuery, lexicographicSortSchema, printSchema } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { gatewaySchemas } from '../../src/schema/index.js';
import { fetchServiceSdl, type Harness, startHarness } from '../support/harness.js';

const ENTITIES = `query ($representations: [_Any!]!) { _entities(representations: $representations) { ... on MmsPartition { sourceId id tableName } } }`;

describe('the federation subgraph', () => {
  let harness: Harness;
  beforeAll(async () => {
    harness = await startHarness({ env: { MMS_MAX_CONCURRENCY: '16', MMS_RETRY_MAX: '0' }, emulator: { latencyMs: 5 } });
    for (let id = 1; id <= 120; id += 1) harness.emulator.data.set(`7/${id}`, { id, sourceId: 7, tableName: `t${id}` });
  });
  afterAll(() => harness.close());
  beforeEach(() => {
    harness.emulator.reset();
    harness.emulator.latencyMs = 5;
  });

  it('answers _service { sdl } with the committed subgraph.graphql, without mutations unless they are on: Federation v2, only the directives used', async () => {
    const sdl = await fetchServiceSdl(`${harness.url}/graphql`);
    const committed = readFileSync(new URL('../../subgraph.graphql', import.meta.url), 'utf8');
    // The committed SDL is the whole contract; a gateway without MMS_MUTATIONS serves it less its Mutation type.
    expect(committed).toContain('type Mutation {');
    expect(sdl).not.toContain('Mutation');
    expect(sdl).not.toContain('MmsJobControlResult');
    expect(`${sdl}\n`).toBe(`${printSubgraphSchema(gatewaySchemas(false).subgraphSchema)}\n`);
    expect(sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])');
    expect(sdl).toContain('type MmsPartition\n  @key(fields: "sourceId id")');
    expect(sdl).toContain('type MmsDataSource\n  @key(fields: "id")');
    expect(sdl).toContain('type MmsTable\n  @key(fields: "sourceId id")');
    expect(sdl).toContain('type MmsDatabase\n  @key(fields: "sourceId id")');
    expect(sdl).toContain('type MmsJob\n  @key(fields: "sourceId id")');
    expect(sdl).toContain('type MmsTask\n  @key(fields: "sourceId id")');
    const writable = await startHarness({ env: { MMS_MUTATIONS: 'on' }, sharedEmulator: harness.emulator });
    try {
      expect(`${await fetchServiceSdl(`${writable.url}/graphql`)}\n`).toBe(committed);
      const introspected = await writable.query(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true }));
      expect(`${printSchema(lexicographicSortSchema(buildClientSchema(introspected.data as unknown as IntrospectionQuery)))}\n`).toBe(
        readFileSync(new URL('../../schema.graphql', import.meta.url), 'utf8'),
      );
    } finally {
      await writable.close();
    }
  });

  it('introspects as the client schema: schema.graphql without its mutations', async () => {
    const answer = await harness.query(getIntrospectionQuery({ descriptions: true, specifiedByUrl: true }));
    const introspected = buildClientSchema(answer.data as unknown as IntrospectionQuery);
    expect(`${printSchema(lexicographicSortSchema(introspected))}\n`).toBe(
      `${printSchema(lexicographicSortSchema(gatewaySchemas(false).schema))}\n`,
    );
    expect(introspected.getMutationType() ?? null).toBeNull();
    expect(introspected.getQueryType()?.getFields()._entities).toBeUndefined();
  });

  it('resolves 500 representations of 120 partitions with 120 upstream calls, concurrently, in order', async () => {
    const representations = Array.from({ length: 500 }, (_, i) => ({
      __typename: 'MmsPartition',
      sourceId: '7',
      id: String((i % 120) + 1),
    }));
    const answer = await harness.query(ENTITIES, { representations });
    expect(answer.errors).toBeUndefined();
    const entities = answer.data?._entities as { id: string; tableName: string }[];
    expect(entities.map((e) => e.id)).toEqual(representations.map((r) => r.id));
    expect(entities[499]).toEqual({ sourceId: '7', id: '20', tableName: 't20' });
    const stats = harness.emulator.stats();
    expect(stats.total).toBe(120);
    expect(stats.maxInFlight).toBeGreaterThan(1);
    expect(stats.maxInFlight).toBeLessThanOrEqual(16);
  });

  it('fails only the items that are missing, failing or invalid', async () => {
    harness.emulator.setFault(7, 3, { kind: 'error', status: 503, code: 'ServiceUnavailable' });
    const representations = [
      { __typename: 'MmsPartition', sourceId: '7', id: '1' },
      { __typename: 'MmsPartition', sourceId: '7', id: '999' },
      { __typename: 'MmsPartition', sourceId: '7', id: '3' },
      { __typename: 'MmsPartition', sourceId: '7', id: 'x/../1' },
      { __typename: 'MmsPartition', sourceId: '7', id: '2' },
    ];
    const answer = await harness.query(ENTITIES, { representations });
    expect(answer.data?._entities).toEqual([
      { sourceId: '7', id: '1', tableName: 't1' },
      null,
      null,
      null,
      { sourceId: '7', id: '2', tableName: 't2' },
    ]);
    const errors = [...(answer.errors ?? [])].sort((a, b) => Number(a.path?.[1]) - Number(b.path?.[1]));
    expect(errors.map((e) => [e.path, e.extensions?.code])).toEqual([
      [['_entities', 1], 'NOT_FOUND'],
      [['_entities', 2], 'UPSTREAM_UNAVAILABLE'],
      [['_entities', 3], 'BAD_USER_INPUT'],
    ]);
    expect(harness.emulator.stats().total).toBe(4);
  });

  it('keeps one entity per representation when repeated ones settle after a failing one', async () => {
    const representations = ['1', '1', '999'].map((id) => ({ __typename: 'MmsPartition', sourceId: '7', id }));
    const answer = await harness.query(ENTITIES, { representations });
    expect(answer.data?._entities).toEqual([
      { sourceId: '7', id: '1', tableName: 't1' },
      { sourceId: '7', id: '1', tableName: 't1' },
      null,
    ]);
    expect(answer.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['_entities', 2], 'NOT_FOUND']]);
  });

  it('shares the loader between _entities and mmsPartition in one request', async () => {
    await harness.query(
      `query ($representations: [_Any!]!) {
        _entities(representations: $representations) { ... on MmsPartition { id } }
        mmsPartition(sourceId: "7", partitionId: "1") { id }
      }`,
      { representations: [{ __typename: 'MmsPartition', sourceId: '7', id: '1' }] },
    );
    expect(harness.emulator.stats().total).toBe(1);
  });

  it('resolves data source, database and table entities through their loaders: one read per distinct record', async () => {
    const representations = [
      { __typename: 'MmsTable', sourceId: '200019', id: '71' },
      { __typename: 'MmsTable', sourceId: '200019', id: '72' },
      { __typename: 'MmsTable', sourceId: '200019', id: '71' },
      { __typename: 'MmsDatabase', sourceId: '200019', id: '7' },
      { __typename: 'MmsDataSource', id: '200019' },
      { __typename: 'MmsDataSource', id: '200019' },
      { __typename: 'MmsTable', sourceId: '200019', id: '999' },
    ];
    const answer = await harness.query(
      `query ($representations: [_Any!]!) { _entities(representations: $representations) {
        ... on MmsTable { name dbName } ... on MmsDatabase { name } ... on MmsDataSource { name type }
      } }`,
      { representations },
    );
    expect(answer.data?._entities).toEqual([
      { name: 'orders', dbName: 'sales' },
      { name: 'clicks', dbName: 'sales' },
      { name: 'orders', dbName: 'sales' },
      { name: 'sales' },
      { name: 'hive_prod', type: 'HIVE' },
      { name: 'hive_prod', type: 'HIVE' },
      null,
    ]);
    expect(answer.errors?.map((e) => [e.path, e.extensions?.code])).toEqual([[['_entities', 6], 'NOT_FOUND']]);
    expect(harness.emulator.stats().perAction).toEqual({ GetMmsTable: 3, GetMmsDb: 1, GetMmsDataSource: 1 });
  });

  it('refuses more than MMS_MAX_ENTITIES representations with BAD_USER_INPUT and no upstream call', async () => {
    const representations = Array.from({ length: 501 }, (_, i) => ({ __typename: 'MmsPartition', sourceId: '7', id: String(i + 1) }));
    const answer = await harness.query(ENTITIES, { representations });
    expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(harness.emulator.stats().total).toBe(0);
  });
});
