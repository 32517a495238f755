import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { parse } from 'graphql';
import { createYoga } from 'graphql-yoga';

// A second, independent subgraph, as another team would write it with Apollo's own library:
// it extends MmsPartition by its key with `owner`, lists partitions by owner, and defines
// MmsDataSource too (with a field of its own) to prove the shared type composes.
export const OWNERS_TYPE_DEFS = parse(`
  extend schema @link(url: "https://specs.apollo.dev/federation/v2.6", import: ["@key", "@shareable"])

  type MmsPartition @key(fields: "sourceId id") {
    sourceId: ID!
    id: ID!
    owner: String
  }

  type MmsDataSource @key(fields: "id") {
    id: ID!
    name: String @shareable
    team: String
  }

  type Query {
    partitionsOwnedBy(owner: String!): [MmsPartition!]!
  }
`);

export interface OwnersSubgraph {
  url: string;
  close(): Promise<void>;
}

/** Serves the owners subgraph; `owned` lists the `{ sourceId, id }` keys every owner has. */
export async function startOwnersSubgraph(owned: { sourceId: string; id: string }[]): Promise<OwnersSubgraph> {
  const schema = buildSubgraphSchema({
    typeDefs: OWNERS_TYPE_DEFS,
    resolvers: {
      Query: { partitionsOwnedBy: (_: unknown, args: { owner: string }) => owned.map((key) => ({ ...key, owner: args.owner })) },
      MmsPartition: {
        __resolveReference: (reference: { sourceId: string; id: string }) => ({ ...reference, owner: `owner-of-${reference.id}` }),
      },
      MmsDataSource: { __resolveReference: (reference: { id: string }) => ({ id: reference.id, team: `team-${reference.id}` }) },
    },
  });
  const server = createServer(createYoga({ schema, logging: false }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
