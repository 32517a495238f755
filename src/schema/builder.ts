import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import FederationPlugin from '@pothos/plugin-federation';
import { SafeIntResolver } from 'graphql-scalars';
import type { GatewayContext } from '../context.js';

export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  Scalars: {
    ID: { Input: string; Output: string };
    SafeInt: { Input: number; Output: number };
  };
  DefaultFieldNullability: false;
}>({ plugins: [DirectivesPlugin, FederationPlugin], defaultFieldNullability: false });

// Sizes and row counts pass 2^31, so they are SafeInt (exact up to 2^53-1), never Int.
builder.addScalarType('SafeInt', SafeIntResolver);

builder.queryType({ description: 'Read-only access to MaxCompute Migration Assist (MMA) metadata.' });
