import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import { getNullableType, isListType } from 'graphql';
import { SafeIntResolver } from 'graphql-scalars';
import type { GatewayContext } from '../context.js';

export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  Scalars: {
    ID: { Input: string; Output: string };
    SafeInt: { Input: number; Output: number };
  };
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  // Every connection answers the upstream's total with its page.
  Connection: { totalCount: number };
}>({
  plugins: [DirectivesPlugin, RelayPlugin, ComplexityPlugin, FederationPlugin],
  defaultFieldNullability: false,
  // Connections only: no global object identification (`node`, `nodes`), IDs stay the API's.
  relay: {
    nodeQueryOptions: false,
    nodesQueryOptions: false,
    clientMutationId: 'omit',
    cursorType: 'String',
    edgesFieldOptions: { nullable: false, description: 'The records of this page, in order, each with its cursor.' },
    nodeFieldOptions: { nullable: false, description: 'The record.' },
    cursorFieldOptions: { description: "This record's position in its listing: pass it as `after` to page on from here." },
    pageInfoFieldOptions: { description: 'Where this page is in the listing.' },
    pageInfoTypeOptions: { description: 'Where a page is in its listing (Relay).' },
    hasNextPageFieldOptions: { description: 'Whether records follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether records come before this page.' },
    startCursorFieldOptions: { description: 'The cursor of the first record of the page; null for an empty page.' },
    endCursorFieldOptions: { description: 'The cursor of the last record of the page; null for an empty page.' },
  },
  // The cost of each field in upstream reads, for the estimate made before execution
  // (plugins/read-estimate.ts): a record 1, a connection its List calls, times the items above it.
  complexity: {
    // The plugin's own check runs inside root resolvers and misses federation's `_entities`: the
    // gateway's plugin checks the whole operation before any resolver instead.
    disabled: true,
    // Fields without a cost of their own read nothing.
    fieldComplexity: (_args, _context, field) => (isListType(getNullableType(field.type)) ? { field: 0, multiplier: 1 } : 0),
  },
});

// Sizes and row counts pass 2^31, so they are SafeInt (exact up to 2^53-1), never Int.
builder.addScalarType('SafeInt', SafeIntResolver);

builder.queryType({ description: 'Read-only access to MaxCompute Migration Assist (MMA) metadata.' });
