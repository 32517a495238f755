import { writeFileSync } from 'node:fs';
import { printPublishedSchema, printSubgraphSdl } from '../src/schema/index.js';

// Writes the published contracts from the Pothos schema: schema.graphql for clients and
// codegen, subgraph.graphql (the `_service { sdl }` answer) for federation composition.
writeFileSync(new URL('../schema.graphql', import.meta.url), printPublishedSchema());
writeFileSync(new URL('../subgraph.graphql', import.meta.url), printSubgraphSdl());
