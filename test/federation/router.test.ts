import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createGatewayRuntime } from '@graphql-hive/gateway-runtime';
import { composeServices } from '@theguild/federation-composition';
import { type DocumentNode, Kind, parse } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchServiceSdl, type Harness, postGraphQL, startHarness } from '../support/harness.js';
import { OWNERS_TYPE_DEFS, type OwnersSubgraph, startOwnersSubgraph } from '../support/owners-subgraph.js';

// 50 partitions owned, over 25 distinct keys (each named twice, once zero-padded).
const OWNED = Array.from({ length: 50 }, (_, i) => ({ sourceId: '8', id: i % 2 === 0 ? String((i % 25) + 1) : `0${(i % 25) + 1}` }));

describe('behind a real federation gateway', () => {
  let harness: Harness;
  let owners: OwnersSubgraph;
  let router: Server;
  let routerUrl: string;
  const entityCalls: number[] = [];

  // Records, for every `_entities` operation our subgraph executes, how many representations it got.
  const observeEntities: Plugin = {
    onExecute: ({ args }) => {
      const document: DocumentNode = args.document;
      const operation = document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION);
      const usesEntities =
        operation?.kind === Kind.OPERATION_DEFINITION &&
        operation.selectionSet.selections.some((selection) => selection.kind === Kind.FIELD && selection.name.value === '_entities');
      if (usesEntities)
        entityCalls.push(((args.variableValues as { representations?: unknown[] } | undefined)?.representations ?? []).length);
    },
  };

  beforeAll(async () => {
    harness = await startHarness({ plugins: [observeEntities] });
    for (let id = 1; id <= 25; id += 1)
      harness.emulator.data.set(`8/${id}`, {
        id,
        sourceId: 8,
        sourceName: 'warehouse',
        tableName: `t${id}`,
        status: 'DONE',
        size: 5_000_000_000,
      });
    owners = await startOwnersSubgraph(OWNED);
    const sdl = await fetchServiceSdl(`${harness.url}/graphql`);
    const composed = composeServices([
      { name: 'mms', typeDefs: parse(sdl), url: `${harness.url}/graphql` },
      { name: 'owners', typeDefs: OWNERS_TYPE_DEFS, url: owners.url },
    ]);
    expect(composed.errors).toBeUndefined();
    const supergraph = composed.supergraphSdl;
    if (!supergraph) throw new Error('composition failed');
    const gateway = createGatewayRuntime({ supergraph, logging: false });
    router = createServer(gateway);
    await new Promise<void>((resolve) => router.listen(0, '127.0.0.1', resolve));
    routerUrl = `http://127.0.0.1:${(router.address() as AddressInfo).port}/graphql`;
    router.on('close', () => void gateway.dispose());
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => {
      router.close(() => resolve());
      router.closeAllConnections();
    });
    await owners.close();
    await harness.close();
  });

  it('answers fields of both subgraphs for 50 partitions, through batched _entities, one upstream call per distinct partition', async () => {
    harness.emulator.reset();
    entityCalls.length = 0;
    const answer = await postGraphQL(
      routerUrl,
      '{ partitionsOwnedBy(owner: "alice") { sourceId id owner tableName status size source { id name team } } }',
    );
    expect(answer.errors).toBeUndefined();
    const partitions = answer.data?.partitionsOwnedBy as Record<string, unknown>[];
    expect(partitions).toHaveLength(50);
    expect(partitions[0]).toEqual({
      sourceId: '8',
      id: '1',
      owner: 'alice',
      tableName: 't1',
      status: 'DONE',
      size: 5_000_000_000,
      source: { id: '8', name: 'warehouse', team: 'team-8' },
    });
    // A zero-padded key names the same partition; our subgraph answers its canonical ID.
    expect(partitions[1]).toMatchObject({ id: '2', tableName: 't2' });
    // The router batches all 50 representations into one _entities call.
    expect(entityCalls).toEqual([50]);
    expect(harness.emulator.stats().total).toBe(25);
  });

  it('lets the other subgraph extend partitions our Query returns', async () => {
    harness.emulator.reset();
    const answer = await postGraphQL(
      routerUrl,
      '{ mmsPartitions(keys: [{ sourceId: "8", partitionId: "3" }, { sourceId: "8", partitionId: "404" }]) { id tableName owner } }',
    );
    expect(answer.data).toEqual({ mmsPartitions: [{ id: '3', tableName: 't3', owner: 'owner-of-3' }, null] });
    expect(answer.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
  });
});
